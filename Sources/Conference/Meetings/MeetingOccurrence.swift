/// One occurrence of a booking: a one-off meeting has one, a repeating one an occurrence per matching day.
import Foundation

public struct MeetingOccurrence: Hashable, Sendable, CustomStringConvertible {
    public var meetingID: MeetingID
    /// 0 for the first occurrence of the series, counting up.
    public var index: Int
    public var room: String
    public var title: String
    /// As booked.
    public var start: Date
    /// As booked: `start` plus the meeting's duration.
    public var end: Date

    public init(meetingID: MeetingID, index: Int, room: String, title: String, start: Date, end: Date) {
        self.meetingID = meetingID
        self.index = index
        self.room = room
        self.title = title
        self.start = start
        self.end = end
    }

    /// Whether the two share any instant; back to back (`end == other.start`) is not an overlap.
    public func overlaps(_ other: MeetingOccurrence) -> Bool { start < other.end && other.start < end }

    public var description: String { "\(meetingID)#\(index)" }
}
