/// When a site that did not answer is called again, and when the scheduler gives up and raises an alarm.
///
/// The reading of "3 attempts at 30 s / 60 s / 120 s": the first call goes out at the meeting's start and does not
/// count; each of the 3 attempts is a redial, made the given interval after the previous call failed. So a site that
/// never answers is called at start (dial attempt 1), redialled 30 s after that call fails (attempt 2), 60 s after the
/// second failure (attempt 3) and 120 s after the third (attempt 4), and the alarm is raised when that fourth call
/// fails. Intervals run from the failure, not from the dial, because a call may ring for a while before it fails.
public struct RedialPolicy: Hashable, Sendable {
    /// How many redials follow the first call.
    public var redials: Int
    /// The wait before each redial, from the failure before it; the last interval serves any redial beyond the list.
    public var intervals: [Duration]

    /// The default: 3 redials, at 30 s, 60 s and 120 s.
    public init(redials: Int = 3, intervals: [Duration] = [.seconds(30), .seconds(60), .seconds(120)]) {
        precondition(redials >= 0, "a negative number of redials")
        precondition(redials == 0 || !intervals.isEmpty, "redials need at least one interval")
        self.redials = redials
        self.intervals = intervals
    }

    /// No redial: the first failure raises the alarm.
    public static let never = RedialPolicy(redials: 0, intervals: [])

    /// Calls made in all before the alarm.
    public var calls: Int { redials + 1 }

    /// The wait after the failure of call `attempt` (1 is the first call) before the next call; `nil` when that was
    /// the last call.
    public func wait(afterFailedAttempt attempt: Int) -> Duration? {
        guard attempt >= 1, attempt <= redials else { return nil }
        return intervals[min(attempt, intervals.count) - 1]
    }
}
