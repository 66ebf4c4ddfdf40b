/// Timer bookkeeping shared by the four transaction state machines (RFC 3261 §17): each keeps one optional deadline
/// per named timer and reports the earliest, so its owner needs a single timer per transaction.
extension Optional where Wrapped == SIPInstant {
    /// The earlier of two optional deadlines; nil only when both are.
    func earliest(_ other: SIPInstant?) -> SIPInstant? {
        switch (self, other) {
        case let (a?, b?): return Swift.min(a, b)
        case let (a?, nil): return a
        case let (nil, b): return b
        }
    }

    /// True when this timer is armed and its deadline has come.
    func isDue(_ now: SIPInstant) -> Bool {
        guard let deadline = self else { return false }
        return deadline <= now
    }
}

/// The wait states (Completed, Confirmed) end with a timer that is zero on reliable transports (Timers D, I, J, K):
/// rather than arming a zero timer, the machine terminates at once (nil here), which keeps TCP transactions out of
/// the timer queue entirely.
func terminalDeadline(_ duration: Duration, from now: SIPInstant) -> SIPInstant? {
    duration <= .zero ? nil : now + duration
}
