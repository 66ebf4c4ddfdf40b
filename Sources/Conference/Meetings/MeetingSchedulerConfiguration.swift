/// The scheduler's settings: how sites are redialled and how far ahead repeating bookings are checked for overlaps.
import Foundation

public struct MeetingSchedulerConfiguration: Hashable, Sendable {
    public var redial: RedialPolicy
    /// See `MeetingBook`: how far ahead a repeating booking is expanded when checking for overlaps.
    public var overlapHorizon: TimeInterval
    /// A site that leaves within this long of coming in left "at once": it is called back after the redial policy's
    /// waits, like a failed call, and raises an alarm when they run out — so a site whose calls drop straight after
    /// the answer (media that never flows is dropped after the media timeout, 30 s by default) is not called in a
    /// tight loop. A site that stayed longer is called back at once.
    public var shortStay: TimeInterval

    public init(redial: RedialPolicy = RedialPolicy(), overlapHorizon: TimeInterval = MeetingBook.defaultHorizon,
                shortStay: TimeInterval = 60) {
        self.redial = redial
        self.overlapHorizon = overlapHorizon
        self.shortStay = shortStay
    }
}
