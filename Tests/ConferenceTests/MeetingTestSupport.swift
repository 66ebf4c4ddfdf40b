import Foundation

@testable import Conference

/// Rooms, zones and instants shared by the meeting tests.
enum MeetingTestSupport {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    /// A room with three sites, dialled in the order a, b, c.
    static let cityHall = try! Room(
        name: "cityhall", title: "City Hall", number: "8000",
        sites: [
            RoomSite(name: "a", uri: "sip:a@sites.example.com"), RoomSite(name: "b", uri: "sip:b@sites.example.com"),
            RoomSite(name: "c", uri: "sip:c@sites.example.com"),
        ]
    )
    static let lab = try! Room(name: "lab", number: "8001", sites: [RoomSite(name: "a", uri: "sip:a@lab.example.com")])

    /// The instant a wall clock in `zone` shows as `text` (`2026-12-01 09:00`), or an ISO 8601 time with offset.
    static func at(_ text: String, _ zone: TimeZone = shanghai) -> Date {
        try! MeetingTimeInput.parse(text, now: .distantPast, timeZone: zone)
    }

    /// `date` as `2026-12-01 09:00` in `zone`.
    static func local(_ date: Date, _ zone: TimeZone = shanghai) -> String { MeetingTimeFormat.local(date, in: zone) }

    /// A booking in City Hall (unless another room is given) with an id named after its title.
    static func meeting(
        _ id: String, room: Room = cityHall, at start: String, zone: TimeZone = shanghai, minutes: Int = 60,
        sites: [String]? = nil, recurrence: MeetingRecurrence = .none, end: MeetingRecurrenceEnd? = nil
    ) -> Meeting {
        try! Meeting(
            id: MeetingID(id)!, room: room, title: "Meeting \(id)", start: at(start, zone), timeZone: zone,
            duration: .seconds(minutes * 60), sites: sites, recurrence: recurrence, recurrenceEnd: end
        )
    }
}

extension Date {
    /// `self` plus whole seconds.
    func plus(_ seconds: Int) -> Date { addingTimeInterval(TimeInterval(seconds)) }
}
