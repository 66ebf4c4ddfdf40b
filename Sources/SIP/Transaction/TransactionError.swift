/// Why the transaction layer refused a request from the TU (RFC 3261 §17), with what is needed to fix it.
public enum TransactionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message lacks what transaction matching needs (a parseable top Via, CSeq, Call-ID, ...).
    case malformed(String)
    /// A client request needs a top Via whose branch starts with "z9hG4bK" and has more after it (§8.1.1.7).
    case missingBranch
    /// A live transaction already has this key: the TU reused a branch (§8.1.1.7 wants one per transaction).
    case duplicateTransaction(TransactionKey)
    /// ACK is not a transaction of its own (§17.1.1.3 makes the ACK for a non-2xx; the TU sends the ACK of a 2xx
    /// straight to the transport, §13.2.2.4).
    case ackIsNotATransaction
    /// The bound on live transactions is reached.
    case overloaded(limit: Int)
    /// No live transaction has this identifier: it ended (timer, transport error) or never existed.
    case unknownTransaction

    public var description: String {
        switch self {
        case .malformed(let why): return "cannot identify the transaction: \(why)"
        case .missingBranch: return "the top Via needs a branch starting with z9hG4bK followed by a unique value"
        case .duplicateTransaction(let key): return "a transaction with key \(key) is already live"
        case .ackIsNotATransaction: return "ACK for a 2xx goes to the transport directly, not through a transaction"
        case .overloaded(let limit): return "the limit of \(limit) live transactions is reached"
        case .unknownTransaction: return "no such live transaction (it has terminated)"
        }
    }
}
