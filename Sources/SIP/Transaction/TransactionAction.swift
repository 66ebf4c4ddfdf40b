/// What one transaction state machine asks its owner to do (RFC 3261 §17: the transaction talks to the transport
/// layer below and to the transaction user above).
public enum TransactionAction: Sendable, Hashable {
    /// Hand a message to the transport for this flow.
    case send(SIPMessage, to: SIPFlow)
    /// A client transaction delivers a response to the TU (§17.1.1.2, §17.1.2.2).
    case passToTU(SIPResponse)
    /// An INVITE server transaction in the RFC 6026 Accepted state delivers an ACK for its 2xx to the TU.
    case passACKToTU(SIPRequest)
    /// Timer B, F, H (or C) fired: the transaction failed for want of an answer; tell the TU.
    case timeout
    /// The transport could not deliver a message of this transaction (§17.1.4, §17.2.4); tell the TU.
    case transportError
    /// The transaction reached Terminated: its owner forgets it.
    case terminated
}
