import Foundation
import Testing

@testable import Conference

/// One room, one meeting at a time: overlapping bookings are refused naming the holder; back to back is fine.
@Suite struct MeetingOverlapTests {
    typealias T = MeetingTestSupport
    let now = T.at("2026-11-26 10:00")

    func conflict(_ book: MeetingBook, _ meeting: Meeting) -> MeetingConflict? {
        do {
            var copy = book
            try copy.insert(meeting, now: now)
            return nil
        } catch {
            guard case .overlap(let conflict) = error else { return nil }
            return conflict
        }
    }

    func book(_ meetings: Meeting...) throws -> MeetingBook {
        var book = MeetingBook()
        for meeting in meetings { try book.insert(meeting, now: now) }
        return book
    }

    @Test func anOverlappingBookingIsRefusedNamingTheMeetingItCollidesWith() throws {
        let held = try book(T.meeting("k3m9x2ab", at: "2026-12-01 09:00", minutes: 90))
        let found = try #require(conflict(held, T.meeting("late", at: "2026-12-01 10:00")))
        #expect(found.meetingID == MeetingID("k3m9x2ab"))
        #expect(found.title == "Meeting k3m9x2ab")
        #expect(found.start == T.at("2026-12-01 09:00"))
        #expect(
            found.description.contains(
                #""Meeting k3m9x2ab" (meeting k3m9x2ab, 2026-12-01 09:00 to 2026-12-01 10:30 Asia/Shanghai)"#))
        #expect(found.description.hasPrefix(#"room "cityhall" is taken at 2026-12-01 10:00 Asia/Shanghai"#))
        #expect(MeetingSchedulingError.overlap(found).description == found.description)
    }

    @Test func aBookingInsideOrAroundAnotherIsRefused() throws {
        let held = try book(T.meeting("held", at: "2026-12-01 09:00", minutes: 90))
        #expect(conflict(held, T.meeting("inside", at: "2026-12-01 09:30", minutes: 10)) != nil)
        #expect(conflict(held, T.meeting("around", at: "2026-12-01 08:00", minutes: 240)) != nil)
        #expect(conflict(held, T.meeting("before", at: "2026-12-01 08:30", minutes: 31)) != nil)
    }

    @Test func backToBackIsAllowedOnBothSides() throws {
        var held = try book(T.meeting("held", at: "2026-12-01 09:00", minutes: 90))
        try held.insert(T.meeting("after", at: "2026-12-01 10:30"), now: now)
        try held.insert(T.meeting("before", at: "2026-12-01 08:00"), now: now)
        #expect(held.active(inRoom: "cityhall").map(\.id.rawValue) == ["before", "held", "after"])
    }

    @Test func anotherRoomIsNoConflict() throws {
        var held = try book(T.meeting("held", at: "2026-12-01 09:00"))
        try held.insert(T.meeting("lab", room: T.lab, at: "2026-12-01 09:00"), now: now)
    }

    @Test func aCancelledOrEndedBookingFreesTheRoom() throws {
        var held = try book(T.meeting("held", at: "2026-12-01 09:00"))
        held.setState(.cancelled, of: MeetingID("held")!)
        try held.insert(T.meeting("again", at: "2026-12-01 09:00"), now: now)
    }

    @Test func aOneOffOnADayOfARepeatingBookingIsRefused() throws {
        let held = try book(T.meeting("standup", at: "2026-12-01 09:00", minutes: 15, recurrence: .weekdays))
        let found = try #require(conflict(held, T.meeting("wed", at: "2027-02-03 09:10")))
        #expect(found.meetingID == MeetingID("standup"))
        #expect(found.start == T.at("2027-02-03 09:00"), "the collision names the occurrence on that day")
        #expect(conflict(held, T.meeting("sat", at: "2027-02-06 09:10")) == nil, "Saturday is free")
    }

    @Test func aRepeatingBookingOverAOneOffIsRefused() throws {
        let held = try book(T.meeting("board", at: "2027-01-20 09:30"))
        let found = try #require(conflict(held, T.meeting("daily", at: "2026-12-01 09:00", recurrence: .daily)))
        #expect(found.meetingID == MeetingID("board"))
        #expect(found.requestedStart == T.at("2027-01-20 09:00"))
    }

    @Test func twoSeriesCollideOnlyOnceBerlinChangesItsClocks() throws {
        // Monday 09:00 Berlin is 08:00 UTC in winter, 07:00 UTC in summer; Monday 15:00 Shanghai is always 07:00 UTC.
        // Back to back all winter, they overlap from the first Monday after 2027-03-28.
        let held = try book(T.meeting("berlin", at: "2026-12-07 09:00", zone: T.berlin, recurrence: .weekly))
        let found = try #require(conflict(held, T.meeting("shanghai", at: "2026-12-07 15:00", recurrence: .weekly)))
        #expect(found.meetingID == MeetingID("berlin"))
        #expect(found.requestedStart == T.at("2027-03-29 15:00"))
        #expect(T.local(found.start, T.berlin) == "2027-03-29 09:00")
        #expect(found.description.contains("2027-03-29 09:00 to 2027-03-29 10:00 Europe/Berlin"))
        let ended = T.meeting(
            "winter", at: "2026-12-07 15:00", recurrence: .weekly, end: .until(T.at("2027-03-22 15:00")))
        #expect(conflict(held, ended) == nil, "a series ending before the change is back to back throughout")
    }

    @Test func aSeriesBeginningMoreThanAYearLaterIsCheckedFromItsOwnStart() throws {
        let held = try book(T.meeting("future", at: "2028-06-06 09:30", recurrence: .weekly))  // a Tuesday
        let found = try #require(conflict(held, T.meeting("now", at: "2026-12-01 09:00", recurrence: .weekdays)))
        #expect(found.meetingID == MeetingID("future"))
        #expect(found.requestedStart == T.at("2028-06-06 09:00"))
    }

    @Test func aChangedBookingIsCheckedAgainstTheOthersButNotItself() throws {
        var held = try book(T.meeting("one", at: "2026-12-01 09:00"), T.meeting("two", at: "2026-12-01 10:00"))
        try held.replace(T.meeting("one", at: "2026-12-01 08:30"), now: now)
        #expect(throws: MeetingSchedulingError.self) {
            try held.replace(T.meeting("one", at: "2026-12-01 09:30"), now: now)
        }
        #expect(
            held[MeetingID("one")!]?.start == T.at("2026-12-01 08:30"), "a refused change leaves the booking as it was")
        #expect(conflict(held, T.meeting("three", at: "2026-12-01 08:00", minutes: 30)) == nil)
    }

    @Test func tenThousandBookingsInOneRoomAreCheckedQuickly() throws {
        var held = MeetingBook()
        let first = T.at("2026-12-01 00:00")
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for slot in 0..<10_000 {
                // Half-hour meetings back to back, inserted out of order.
                let index = (slot * 7_919) % 10_000
                let meeting = try Meeting(
                    id: MeetingID("m\(index)")!, room: T.cityHall, start: first.plus(index * 1800),
                    duration: .seconds(1800)
                )
                try held.insert(meeting, now: now)
            }
        }
        #expect(held.meetings.count == 10_000)
        #expect(elapsed < .seconds(5))
        let busy = try Meeting(
            id: MeetingID("busy")!, room: T.cityHall, start: first.plus(4_321 * 1800 + 60), duration: .seconds(60))
        #expect(conflict(held, busy)?.meetingID == MeetingID("m4321"))
        let daily = T.meeting("daily", at: "2026-12-02 09:10", minutes: 5, recurrence: .daily)
        #expect(conflict(held, daily)?.meetingID == MeetingID("m66"), "2026-12-02 09:00 is slot 48 + 18 = 66")
    }
}
