/// Why the scheduler refused an operator's request, each case carrying what is needed to say how to fix it.
import Foundation

public enum MeetingSchedulingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Another booking holds the room at some occurrence of this one.
    case overlap(MeetingConflict)
    /// No booking has this id.
    case unknownMeeting(MeetingID)
    /// A booking with this id exists already.
    case duplicateID(MeetingID)
    /// Every occurrence of the booking ended by `now`.
    case alreadyOver(MeetingID, lastEnd: Date, timeZone: TimeZone)
    /// The booking was cancelled or is over; nothing can be done with it.
    case finished(MeetingID, MeetingState)
    /// The operator asked to end a meeting that is not running.
    case notRunning(MeetingID)
    /// The operator asked to start a meeting that is running.
    case alreadyRunning(MeetingID)
    /// A change to a running meeting that only a meeting not running can take (room, start, zone, recurrence).
    case changeWhileRunning(MeetingID, field: String)
    /// The site is not invited to the meeting.
    case notInvited(MeetingID, site: String)
    /// Only an occurrence of a repeating booking can be called off alone.
    case notRepeating(MeetingID)
    /// Not a day written `YYYY-MM-DD`.
    case badDay(String)
    /// The booking has no occurrence still to come that starts on that local day.
    case noOccurrence(MeetingID, on: String)
    /// The occurrence asked to be called off is running.
    case occurrenceRunning(MeetingID)

    public var description: String {
        switch self {
        case .overlap(let conflict): return conflict.description
        case .unknownMeeting(let id): return "no meeting \(id); `huiyi meeting list` shows the meetings"
        case .duplicateID(let id): return "a meeting \(id) exists already; book again for a fresh id"
        case .alreadyOver(let id, let end, let zone):
            return
                "meeting \(id) would be over already (its last occurrence ends "
                + "\(MeetingTimeFormat.zoned(end, in: zone))); "
                + "give a later start"
        case .finished(let id, let state): return "meeting \(id) is \(state.rawValue); book a new one instead"
        case .notRunning(let id): return "meeting \(id) is not running; `huiyi meeting start \(id)` starts it"
        case .alreadyRunning(let id): return "meeting \(id) is running already"
        case .changeWhileRunning(let id, let field):
            return "meeting \(id) is running, so its \(field) cannot change; end it first, or change only its title, "
                + "duration or sites"
        case .notRepeating(let id):
            return "meeting \(id) does not repeat; `huiyi meeting cancel \(id)` cancels it"
        case .badDay(let text): return "\"\(text)\" is not a day; write YYYY-MM-DD, such as 2026-12-07"
        case .noOccurrence(let id, let day):
            return "meeting \(id) has no occurrence still to come on \(day); `huiyi meeting show \(id)` shows the next"
        case .occurrenceRunning(let id):
            return "meeting \(id) is running today; `huiyi meeting end \(id)` ends it"
        case .notInvited(let id, let site):
            return "site \"\(site)\" is not invited to meeting \(id); `huiyi meeting show \(id)` lists its sites"
        }
    }
}
