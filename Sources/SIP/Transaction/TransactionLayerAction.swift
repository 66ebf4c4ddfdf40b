/// What the transaction layer (RFC 3261 §17) asks of the transport below and the transaction users above.
public enum TransactionLayerAction: Sendable, Hashable {
    /// Hand a message to the transport for this flow.
    case send(SIPMessage, to: SIPFlow)
    /// A request that starts a new server transaction; the TU answers with `TransactionLayer.respond`.
    case newRequest(SIPRequest, ServerTransactionID, from: SIPFlow)
    /// A new CANCEL (its own server transaction, §9.2). `matchedInvite` is the live INVITE server transaction it
    /// targets: the TU answers 200 to the CANCEL and, if the INVITE is still unanswered, 487 to it; nil means
    /// nothing matched and the TU should answer 481.
    case cancel(SIPRequest, ServerTransactionID, matchedInvite: ServerTransactionID?, from: SIPFlow)
    /// An ACK that belongs to no INVITE transaction (the ACK of a 2xx, §17.2.3 / §13.3.1.4) or one that reached an
    /// INVITE server transaction in the Accepted state (RFC 6026 §7.1): either way it is the TU's.
    case ack(SIPRequest, from: SIPFlow)
    /// A response for a client transaction (provisional, final, and for INVITE every 2xx while Accepted).
    case response(SIPResponse, ClientTransactionID)
    /// Timer B, C, F (client: no final response) or H (server: no ACK) fired; the transaction is gone.
    case timeout(TransactionID)
    /// The transport could not deliver this transaction's message (§17.1.4, §17.2.4); the transaction is gone.
    case transportError(TransactionID)
}

/// A handle on a live server transaction. It names one incarnation: once that transaction ends, a later one with
/// the same key (a very late retransmission) gets a different handle.
public struct ServerTransactionID: Hashable, Sendable, CustomStringConvertible {
    public let key: TransactionKey
    let serial: UInt64
    public var description: String { "\(key) #\(serial)" }
}

/// A handle on a live client transaction.
public struct ClientTransactionID: Hashable, Sendable, CustomStringConvertible {
    public let key: TransactionKey
    let serial: UInt64
    public var description: String { "\(key) #\(serial)" }
}

/// Either side's handle, for the events both sides share.
public enum TransactionID: Hashable, Sendable {
    case client(ClientTransactionID)
    case server(ServerTransactionID)
}
