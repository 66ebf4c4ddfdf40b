/// The scheduler's settings: how sites are redialled and how far ahead repeating bookings are checked for overlaps.
import Foundation

public struct MeetingSchedulerConfiguration: Hashable, Sendable {
    public var redial: RedialPolicy
    /// See `MeetingBook`: how far ahead a repeating booking is expanded when checking for overlaps.
    public var overlapHorizon: TimeInterval

    public init(redial: RedialPolicy = RedialPolicy(), overlapHorizon: TimeInterval = MeetingBook.defaultHorizon) {
        self.redial = redial
        self.overlapHorizon = overlapHorizon
    }
}
