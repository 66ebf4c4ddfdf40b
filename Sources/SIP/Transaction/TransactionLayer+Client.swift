/// Client transactions of the layer: requests from the TU, responses from the network (RFC 3261 §17.1).
extension TransactionLayer {
    /// Starts a client transaction for `request`, whose top Via the TU has already given a fresh RFC 3261 branch
    /// (§8.1.1.7). The returned actions send it.
    public mutating func send(request: SIPRequest, to flow: SIPFlow,
                              now: SIPInstant) throws(TransactionError) -> (id: ClientTransactionID,
                                                                            actions: [TransactionLayerAction]) {
        guard request.method != .ack else { throw .ackIsNotATransaction }
        let key = try TransactionKey(clientRequest: request)
        let isInvite = key.kind == .clientInvite
        guard isInvite ? clientInvites[key] == nil : clientNonInvites[key] == nil else {
            throw .duplicateTransaction(key)
        }
        guard liveTransactionCount < configuration.maxLiveTransactions else {
            throw .overloaded(limit: configuration.maxLiveTransactions)
        }
        let serial: UInt64
        let actions: [TransactionAction]
        if isInvite {
            var machine = ClientInviteTransaction(request: request, flow: flow, timers: configuration.timers)
            actions = machine.start(now: now)
            serial = insert(machine, key, into: \.clientInvites)
        } else {
            var machine = ClientNonInviteTransaction(request: request, flow: flow, timers: configuration.timers)
            actions = machine.start(now: now)
            serial = insert(machine, key, into: \.clientNonInvites)
        }
        let id = ClientTransactionID(key: key, serial: serial)
        return (id, Self.translate(actions, id: .client(id), ackFlow: flow))
    }

    /// A response from the transport. One that matches no client transaction is dropped (§18.1.2 as updated by
    /// RFC 6026: with the Accepted state every legitimate 2xx retransmission has a transaction to match).
    public mutating func receive(response: SIPResponse, from flow: SIPFlow,
                                 now: SIPInstant) -> [TransactionLayerAction] {
        guard let key = try? TransactionKey(response: response) else { return [] }
        let actions = key.kind == .clientInvite
            ? drive(\.clientInvites, key) { $0.receive(response, now: now) }
            : drive(\.clientNonInvites, key) { $0.receive(response, now: now) }
        return actions ?? []
    }
}
