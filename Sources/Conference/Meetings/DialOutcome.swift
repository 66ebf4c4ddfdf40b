/// How a call to a site ended, as the call router reports it to the scheduler (`MeetingScheduler.dialResult`).
public enum DialOutcome: Hashable, Sendable {
    /// The site picked up and is in the room.
    case answered
    /// The call failed; whether it is tried again depends on why.
    case failed(DialFailure)

    /// 486/600 Busy.
    public static let busy = DialOutcome.failed(.busy)
    /// Rang without an answer until the ring timeout, or 408/480.
    public static let noAnswer = DialOutcome.failed(.noAnswer)
    /// No response at all, or the site's address cannot be resolved or reached (503, transport errors).
    public static let unreachable = DialOutcome.failed(.unreachable)
    /// Any other final failure response, e.g. 403, 404 or 603 Decline.
    public static func rejected(status: Int) -> DialOutcome { .failed(.rejected(status: status)) }
}

/// Why a call to a site failed; also the reason an alarm gives for a site that is still missing.
public enum DialFailure: Hashable, Sendable, CustomStringConvertible {
    case busy
    case noAnswer
    case unreachable
    /// The site refused with this SIP status code. It is not redialled: the same call would be refused again.
    case rejected(status: Int)
    /// The call was answered but the site left again within the scheduler's `shortStay`.
    case leftAtOnce

    /// Busy, unanswered and unreachable sites may well answer a little later; a refusal is final.
    public var isRetried: Bool {
        if case .rejected = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .busy: "busy"
        case .noAnswer: "no answer"
        case .unreachable: "unreachable"
        case .rejected(let status): "rejected (\(status))"
        case .leftAtOnce: "left at once"
        }
    }
}
