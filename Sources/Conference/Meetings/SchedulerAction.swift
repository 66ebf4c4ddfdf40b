/// What the driver of a `MeetingScheduler` does next, in order.
public enum SchedulerAction: Hashable, Sendable {
    /// Open the room for this occurrence (an empty room until the sites answer).
    case startMeeting(MeetingOccurrence)
    /// Call the site of the room with this name; `attempt` is 1 for the first call, counting every call of the
    /// current series. Every call's outcome must come back through `dialResult` (the router's ring timeout reports
    /// `.noAnswer`): the scheduler keeps no call timer of its own.
    case dial(MeetingOccurrence, site: String, attempt: Int)
    /// The site is still missing after its last attempt (log it, count it, show it in `huiyi meeting show`).
    case alarm(MeetingOccurrence, site: String, reason: DialFailure)
    /// A site under alarm is in the room after all.
    case clearAlarm(MeetingOccurrence, site: String)
    /// The occurrence is over: hang up everyone and close their call detail records.
    case endMeeting(MeetingOccurrence)
}

extension SchedulerAction {
    /// The occurrence the action is about.
    public var occurrence: MeetingOccurrence {
        switch self {
        case .startMeeting(let occurrence), .dial(let occurrence, _, _), .alarm(let occurrence, _, _),
            .clearAlarm(let occurrence, _), .endMeeting(let occurrence):
            occurrence
        }
    }
}
