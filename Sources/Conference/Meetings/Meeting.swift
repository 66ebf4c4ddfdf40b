/// A booking: a room held for a titled meeting from a start in a time zone, for a duration, dialling invited sites.
import Foundation

public struct Meeting: Hashable, Sendable, Codable {
    public let id: MeetingID
    /// The room's name (`Room.name`).
    public var room: String
    public var title: String
    /// The first occurrence's start (for `weekdays` starting on a weekend, the local time of day the series uses).
    public var start: Date
    /// The zone the meeting was booked in: recurrences keep its local time of day across daylight-saving changes.
    public var timeZone: TimeZone
    public var duration: Duration
    /// Names of the room's sites to dial at each start, in dialling order.
    public var invitedSites: [String]
    public var recurrence: MeetingRecurrence
    public var recurrenceEnd: MeetingRecurrenceEnd?
    public internal(set) var state: MeetingState
    /// Local days (in `timeZone`) whose occurrence of the series was called off, as days since 1970-01-01.
    var skippedDays: Set<Int> = []

    /// The zone a booking gets when none is named.
    public static let defaultTimeZone = TimeZone(identifier: "Asia/Shanghai")!
    /// The longest meeting.
    public static let maxDuration = Duration.seconds(24 * 3600)
    /// The longest daily or weekdays meeting: a day across a daylight-saving change can be 23 hours long, and an
    /// occurrence must end before the next one starts.
    public static let maxDailyDuration = Duration.seconds(23 * 3600)

    /// A checked booking in `room`. `title` defaults to the room's title and `sites` to every site of the room.
    public init(
        id: MeetingID, room: Room, title: String? = nil, start: Date, timeZone: TimeZone = Meeting.defaultTimeZone,
        duration: Duration, sites: [String]? = nil, recurrence: MeetingRecurrence = .none,
        recurrenceEnd: MeetingRecurrenceEnd? = nil
    ) throws(MeetingDefinitionError) {
        let title = title ?? room.title
        guard !title.isEmpty, title.count <= 100,
            !title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw MeetingDefinitionError(
                field: "title", message: "must be 1-100 characters without control characters, e.g. \"Weekly sync\"")
        }
        let longest = recurrence == .daily || recurrence == .weekdays ? Self.maxDailyDuration : Self.maxDuration
        guard duration > .zero, duration <= longest else {
            let hours = longest.components.seconds / 3600
            throw MeetingDefinitionError(
                field: "duration",
                message: "\(duration.meetingSeconds.formattedSeconds) is not between 1 second and \(hours)h"
                    + (recurrence == .none || recurrence == .weekly
                        ? "" : " (a \(recurrence.rawValue) meeting must end before its next day's start)")
            )
        }
        let roomSites = room.sites.map(\.name)
        let invited = sites ?? roomSites
        var seen: Set<String> = []
        for site in invited {
            guard roomSites.contains(site) else {
                let known = roomSites.isEmpty ? "it has none" : "its sites are " + roomSites.joined(separator: ", ")
                throw MeetingDefinitionError(
                    field: "sites", message: "room \"\(room.name)\" has no site \"\(site)\"; \(known)")
            }
            guard seen.insert(site).inserted else {
                throw MeetingDefinitionError(field: "sites", message: "site \"\(site)\" is invited twice")
            }
        }
        switch recurrenceEnd {
        case nil: break
        case _ where recurrence == .none:
            throw MeetingDefinitionError(
                field: "recurrence", message: "an end was given for a meeting that does not repeat")
        case .count(let count) where count < 1:
            throw MeetingDefinitionError(
                field: "recurrence", message: "a count of \(count) occurrences; give 1 or more")
        case .until(let until) where until < start:
            throw MeetingDefinitionError(field: "recurrence", message: "the series ends before its first start")
        default: break
        }
        self.id = id
        self.room = room.name
        self.title = title
        self.start = start
        self.timeZone = timeZone
        self.duration = duration
        self.invitedSites = invited
        self.recurrence = recurrence
        self.recurrenceEnd = recurrenceEnd
        self.state = .scheduled
    }

    /// The length in seconds, for date arithmetic.
    var length: TimeInterval { duration.meetingSeconds }

    /// The local days whose occurrence was called off, as `2026-12-07`, in order.
    public var skippedDates: [String] { skippedDays.sorted().map { CivilDay(number: $0).iso } }
}

extension Meeting {
    enum CodingKeys: String, CodingKey {
        case id, room, title, start, timeZone, duration, invitedSites, recurrence, recurrenceEnd, state
        case skippedDays = "skippedDates"
    }

    /// Bookings stored before occurrences could be called off have no skipped days.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(MeetingID.self, forKey: .id)
        room = try container.decode(String.self, forKey: .room)
        title = try container.decode(String.self, forKey: .title)
        start = try container.decode(Date.self, forKey: .start)
        timeZone = try container.decode(TimeZone.self, forKey: .timeZone)
        duration = try container.decode(Duration.self, forKey: .duration)
        invitedSites = try container.decode([String].self, forKey: .invitedSites)
        recurrence = try container.decode(MeetingRecurrence.self, forKey: .recurrence)
        recurrenceEnd = try container.decodeIfPresent(MeetingRecurrenceEnd.self, forKey: .recurrenceEnd)
        state = try container.decode(MeetingState.self, forKey: .state)
        let dates = try container.decodeIfPresent([String].self, forKey: .skippedDays) ?? []
        skippedDays = Set(try dates.map { text in
            guard let day = CivilDay(iso: text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .skippedDays, in: container, debugDescription: "\(text) is not a YYYY-MM-DD day")
            }
            return day.number
        })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(room, forKey: .room)
        try container.encode(title, forKey: .title)
        try container.encode(start, forKey: .start)
        try container.encode(timeZone, forKey: .timeZone)
        try container.encode(duration, forKey: .duration)
        try container.encode(invitedSites, forKey: .invitedSites)
        try container.encode(recurrence, forKey: .recurrence)
        try container.encodeIfPresent(recurrenceEnd, forKey: .recurrenceEnd)
        try container.encode(state, forKey: .state)
        if !skippedDays.isEmpty { try container.encode(skippedDates, forKey: .skippedDays) }
    }
}

extension Duration {
    /// The duration as Foundation's seconds.
    var meetingSeconds: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}

extension TimeInterval {
    /// `1h30m`, `45s`, `2h`: how the CLI writes a duration.
    var formattedSeconds: String {
        let total = Int(self.rounded())
        guard total > 0 else { return "\(total)s" }
        let (hours, minutes, seconds) = (total / 3600, total % 3600 / 60, total % 60)
        var text = ""
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if seconds > 0 || text.isEmpty { text += "\(seconds)s" }
        return text
    }
}
