/// The booking that already holds a room when another wants it: what the operator needs to find and move either one.
import Foundation

public struct MeetingConflict: Hashable, Sendable, CustomStringConvertible {
    public var room: String
    /// The booking already holding the room.
    public var meetingID: MeetingID
    public var title: String
    /// Its occurrence that collides (its actual start and end when it is running early or late).
    public var start: Date
    public var end: Date
    /// The zone it was booked in, for writing `start`.
    public var timeZone: TimeZone
    /// The start of the refused booking's occurrence that collides.
    public var requestedStart: Date

    public init(
        room: String, meetingID: MeetingID, title: String, start: Date, end: Date, timeZone: TimeZone,
        requestedStart: Date
    ) {
        self.room = room
        self.meetingID = meetingID
        self.title = title
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.requestedStart = requestedStart
    }

    init(holder: Meeting, occurrence: MeetingOccurrence, requestedStart: Date) {
        self.init(
            room: holder.room, meetingID: holder.id, title: holder.title, start: occurrence.start, end: occurrence.end,
            timeZone: holder.timeZone, requestedStart: requestedStart
        )
    }

    public var description: String {
        "room \"\(room)\" is taken at \(MeetingTimeFormat.zoned(requestedStart, in: timeZone)) by \"\(title)\" "
            + "(meeting \(meetingID), \(MeetingTimeFormat.local(start, in: timeZone)) to "
            + "\(MeetingTimeFormat.local(end, in: timeZone)) \(timeZone.identifier)); "
            + "choose another time or room, or cancel meeting \(meetingID) first"
    }
}
