/// How a booking repeats, reckoned in the meeting's own time zone: a 09:00 meeting stays at 09:00 local time.
import Foundation

public enum MeetingRecurrence: String, Hashable, Sendable, Codable, CaseIterable {
    /// Once, at its start.
    case none
    /// Every day at the start's local time.
    case daily
    /// Monday to Friday at the start's local time; a start on a Saturday or Sunday first occurs the next Monday.
    case weekdays
    /// Every seven days at the start's local time, on the start's weekday.
    case weekly
}

/// Where a repeating booking stops; without one it repeats for ever.
public enum MeetingRecurrenceEnd: Hashable, Sendable, Codable {
    /// The last occurrence is the last one starting at or before this instant.
    case until(Date)
    /// At most this many occurrences (at least 1).
    case count(Int)
}
