/// One site's attendance of one sitting of a meeting: how often it was called, when it was in the room, and how it
/// ended — what an operator asks after a meeting ("who was missing on Monday, and why?").
///
/// A sitting is an occurrence from the moment it started: normally one per occurrence, but an occurrence resumed
/// after a server restart is a second sitting (its calls were placed afresh), so attendance is keyed by meeting,
/// occurrence index, the sitting's start and site.
import Foundation

public struct MeetingAttendance: Hashable, Sendable {
    public enum Outcome: String, Hashable, Sendable, Codable, CaseIterable {
        /// The occurrence is running and the site is in the room.
        case present
        /// The occurrence is running and the site is not in the room (being called, waiting for a redial, in alarm,
        /// or gone again).
        case away
        /// The occurrence is over and the site was in the room at some point.
        case attended
        /// The occurrence is over and the site never was in the room.
        case missed
    }

    public var meetingID: MeetingID
    /// The occurrence's index in its series (0 for a one-off meeting).
    public var occurrence: Int
    public var room: String
    /// When the sitting started (the booked start, or later after a restart, or earlier when an operator started it).
    public var sittingStart: Date
    public var site: String
    public var outcome: Outcome
    /// Calls placed to the site in this sitting: first calls, redials, calls after it left, operators' redials.
    public var calls: Int
    /// When the site first came in; nil if it never did.
    public var joinedAt: Date?
    /// When it last left; nil while it is in, or if it never came in.
    public var leftAt: Date?
    /// Time in the room over all its stays, up to the moment this record was taken.
    public var secondsPresent: TimeInterval
    /// Why the last call that failed failed (kept after the site got in, as a hint of a flaky line).
    public var lastFailure: DialFailure?
    /// When an alarm was first raised for the site in this sitting; nil if none was.
    public var alarmedAt: Date?

    public init(meetingID: MeetingID, occurrence: Int, room: String, sittingStart: Date, site: String,
                outcome: Outcome, calls: Int, joinedAt: Date? = nil, leftAt: Date? = nil,
                secondsPresent: TimeInterval = 0, lastFailure: DialFailure? = nil, alarmedAt: Date? = nil) {
        self.meetingID = meetingID
        self.occurrence = occurrence
        self.room = room
        self.sittingStart = sittingStart
        self.site = site
        self.outcome = outcome
        self.calls = calls
        self.joinedAt = joinedAt
        self.leftAt = leftAt
        self.secondsPresent = secondsPresent
        self.lastFailure = lastFailure
        self.alarmedAt = alarmedAt
    }
}

/// The running tally behind a `MeetingAttendance`, kept with each site's call state (`RunningOccurrence.SiteCall`).
struct AttendanceTally: Hashable, Sendable {
    var calls = 0
    var joinedAt: Date?
    var leftAt: Date?
    /// Time in the room over the stays that ended; the current stay is counted from the site's `connected(since:)`.
    var secondsOfEndedStays: TimeInterval = 0
    var lastFailure: DialFailure?
    var alarmedAt: Date?
}

extension DialFailure {
    /// The failure as `description` writes it ("busy", "no answer", "unreachable", "rejected (403)").
    public init?(description: String) {
        switch description {
        case "busy": self = .busy
        case "no answer": self = .noAnswer
        case "unreachable": self = .unreachable
        case "left at once": self = .leftAtOnce
        default:
            guard description.hasPrefix("rejected ("), description.hasSuffix(")"),
                let status = Int(description.dropFirst("rejected (".count).dropLast())
            else { return nil }
            self = .rejected(status: status)
        }
    }
}
