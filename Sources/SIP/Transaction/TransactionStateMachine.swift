/// What the transaction layer needs from every RFC 3261 §17 state machine to drive its timers and failures
/// uniformly.
protocol TransactionStateMachine: Sendable {
    var flow: SIPFlow { get }
    var nextDeadline: SIPInstant? { get }
    mutating func timerFired(now: SIPInstant) -> [TransactionAction]
    mutating func transportFailed() -> [TransactionAction]
}

extension ClientInviteTransaction: TransactionStateMachine {}
extension ClientNonInviteTransaction: TransactionStateMachine {}
extension ServerInviteTransaction: TransactionStateMachine {}
extension ServerNonInviteTransaction: TransactionStateMachine {}

/// A machine in the layer's table with the serial that tells its incarnation apart from earlier ones.
struct LiveTransaction<Machine: TransactionStateMachine>: Sendable {
    let serial: UInt64
    var machine: Machine
}
