/// Server transactions of the layer: requests from the network, answers from the TU (RFC 3261 §17.2, §9.2).
extension TransactionLayer {
    /// A request from the transport. Retransmissions are answered by their transaction, ACKs go to their INVITE
    /// transaction or to the TU, anything new starts a server transaction and reaches the TU.
    public mutating func receive(request: SIPRequest, from flow: SIPFlow, now: SIPInstant) -> [TransactionLayerAction] {
        if request.method == .ack { return receiveACK(request, from: flow, now: now) }
        // Without Via, CSeq or Call-ID there is no transaction to match or create; the parser answers such garbage.
        guard let key = try? TransactionKey(serverRequest: request) else { return [] }
        let isInvite = key.kind == .serverInvite
        if isInvite, let actions = drive(\.serverInvites, key, { $0.receiveRetransmission(now: now) }) {
            return actions
        }
        if !isInvite, let actions = answerRetransmission(key)
            ?? drive(\.serverNonInvites, key, { $0.receiveRetransmission(now: now) }) {
            return actions
        }
        guard liveTransactionCount < configuration.maxLiveTransactions else {
            return [.send(.response(overloadResponse(to: request)), to: flow)]
        }
        if isInvite {
            var machine = ServerInviteTransaction(request: request, flow: flow, timers: configuration.timers)
            let trying = configuration.sendsTryingForInvite ? machine.sendTrying(now: now) : []
            let id = ServerTransactionID(key: key, serial: insert(machine, key, into: \.serverInvites))
            return Self.translate(trying, id: .server(id), ackFlow: flow) + [.newRequest(request, id, from: flow)]
        }
        let machine = ServerNonInviteTransaction(request: request, flow: flow, timers: configuration.timers)
        let id = ServerTransactionID(key: key, serial: insert(machine, key, into: \.serverNonInvites))
        if request.method == .cancel {
            return [.cancel(request, id, matchedInvite: matchInvite(request, checkingResponseTag: false), from: flow)]
        }
        return [.newRequest(request, id, from: flow)]
    }

    /// The TU's response for a server transaction; it goes to the flow the request came from.
    public mutating func respond(_ response: SIPResponse, to id: ServerTransactionID,
                                 now: SIPInstant) throws(TransactionError) -> [TransactionLayerAction] {
        if id.key.kind == .serverInvite {
            guard let actions = drive(\.serverInvites, id.key, serial: id.serial, { $0.respond(response, now: now) })
            else { throw .unknownTransaction }
            return actions
        }
        if let completed = completedServerNonInvites[id.key], completed.serial == id.serial {
            return [] // §17.2.2: later final responses from the TU are discarded.
        }
        guard let actions = drive(\.serverNonInvites, id.key, serial: id.serial, { $0.respond(response, now: now) })
        else { throw .unknownTransaction }
        retireIfCompleted(id)
        return actions
    }

    /// The state of a live INVITE server transaction, so the TU answering a CANCEL knows whether a 487 is still due
    /// (§9.2: a CANCEL after the final response has no effect).
    public func state(of id: ServerTransactionID) -> ServerInviteTransaction.State? {
        guard let live = serverInvites[id.key], live.serial == id.serial else { return nil }
        return live.machine.state
    }

    private mutating func receiveACK(_ ack: SIPRequest, from flow: SIPFlow, now: SIPInstant) -> [TransactionLayerAction] {
        guard let id = matchInvite(ack, checkingResponseTag: true),
              let actions = drive(\.serverInvites, id.key, ackFrom: flow, { $0.receiveACK(ack, now: now) })
        else {
            // No INVITE transaction: the ACK of a 2xx, which is the TU's (§17.2.3, §13.3.1.4).
            return [.ack(ack, from: flow)]
        }
        return actions
    }

    /// The live INVITE server transaction an ACK or CANCEL refers to (§17.2.3, §9.2). Under RFC 2543 matching an
    /// ACK found through the untagged key must carry the To tag the transaction's response chose.
    private func matchInvite(_ request: SIPRequest, checkingResponseTag: Bool) -> ServerTransactionID? {
        guard let candidates = try? TransactionKey.inviteCandidates(for: request) else { return nil }
        for (index, key) in candidates.enumerated() {
            guard let live = serverInvites[key] else { continue }
            if checkingResponseTag, index > 0 {
                let responseTag = live.machine.lastResponse.flatMap { try? $0.headers.to().tag }
                guard responseTag == TransactionKey.toTag(request) else { continue }
            }
            return ServerTransactionID(key: key, serial: live.serial)
        }
        return nil
    }

    /// The stateless 503 for a request beyond the live-transaction bound (§21.5.4: Retry-After says when to retry).
    private func overloadResponse(to request: SIPRequest) -> SIPResponse {
        var response = request.makeResponse(503, toTag: configuration.statelessToTag)
        response.headers.append(.retryAfter, String(configuration.overloadRetryAfterSeconds))
        response.headers.append(.contentLength, "0")
        return response
    }
}
