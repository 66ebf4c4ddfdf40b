/// Where one site of a meeting stands, as `huiyi meeting show` lists it.
import Foundation

public enum SiteState: Hashable, Sendable, CustomStringConvertible {
    /// The room has the site but the meeting does not invite it.
    case notInvited
    /// The meeting has not started.
    case awaitingStart
    /// A call is out; `attempt` is 1 for the first call of the series.
    case dialing(attempt: Int)
    /// The last call failed for `after`; call `attempt` goes out at `at`.
    case waitingToRedial(attempt: Int, at: Date, after: DialFailure)
    /// In the room.
    case connected(since: Date)
    /// Every attempt failed, the last one for `reason`; nobody calls it again unless an operator redials.
    case alarm(DialFailure, since: Date)

    var isConnected: Bool {
        if case .connected = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .notInvited: "not invited"
        case .awaitingStart: "awaiting start"
        case .dialing(let attempt): "dialing (attempt \(attempt))"
        case .waitingToRedial(let attempt, _, let failure):
            "\(failure); waiting to redial (attempt \(attempt))"
        case .connected: "connected"
        case .alarm(let reason, _): "alarm (\(reason))"
        }
    }
}
