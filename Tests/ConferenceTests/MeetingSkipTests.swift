import Foundation
import Testing

@testable import Conference

/// Calling off one occurrence of a series (a holiday): the series skips that day, keeps its numbering, frees the
/// room, survives a save and a restart; bad requests are refused naming the fix.
@Suite struct MeetingSkipTests {
    typealias T = MeetingTestSupport
    let booked = T.at("2026-11-30 12:00")
    let id = MeetingID("weekday1")!

    /// Weekdays at 09:00 from Tuesday 2026-12-01.
    func series(_ scheduler: inout MeetingScheduler) throws {
        _ = try scheduler.add(
            T.meeting("weekday1", at: "2026-12-01 09:00", sites: ["a"], recurrence: .weekdays), now: booked)
    }

    @Test func theNextOccurrenceCalledOffIsPassedOverAndTheSeriesGoesOn() throws {
        var scheduler = MeetingScheduler(now: booked)
        try series(&scheduler)
        #expect(try scheduler.skip(meeting: id, on: "2026-12-01", now: booked) == [])
        #expect(scheduler.upcoming.map { T.local($0.start) } == ["2026-12-02 09:00"])
        #expect(scheduler.upcoming.first?.index == 1, "the numbering does not change")
        #expect(scheduler.advance(now: T.at("2026-12-01 09:00")) == [])
        #expect(scheduler.meeting(id)?.skippedDates == ["2026-12-01"])
        #expect(scheduler.meeting(id)?.occurrences(overlapping: T.at("2026-11-30 00:00"), T.at("2026-12-08 00:00"))
            .map { T.local($0.start) } == [
                "2026-12-02 09:00", "2026-12-03 09:00", "2026-12-04 09:00", "2026-12-07 09:00",
            ])
    }

    @Test func aCalledOffDayFreesTheRoomForAnotherBooking() throws {
        var scheduler = MeetingScheduler(now: booked)
        try series(&scheduler)
        #expect(throws: MeetingSchedulingError.self) {
            try scheduler.add(T.meeting("special", at: "2026-12-03 09:30", sites: []), now: booked)
        }
        _ = try scheduler.skip(meeting: id, on: "2026-12-03", now: booked)
        _ = try scheduler.add(T.meeting("special", at: "2026-12-03 09:30", sites: []), now: booked)
    }

    @Test func aRunningSeriesSkipsALaterDayAndGoesOnAfterToday() throws {
        var scheduler = MeetingScheduler(now: booked)
        try series(&scheduler)
        _ = scheduler.advance(now: T.at("2026-12-01 09:00"))
        #expect(throws: MeetingSchedulingError.occurrenceRunning(id)) {
            try scheduler.skip(meeting: id, on: "2026-12-01", now: T.at("2026-12-01 09:10"))
        }
        _ = try scheduler.skip(meeting: id, on: "2026-12-02", now: T.at("2026-12-01 09:10"))
        _ = scheduler.advance(now: T.at("2026-12-01 10:00"))
        #expect(scheduler.upcoming.map { T.local($0.start) } == ["2026-12-03 09:00"])
    }

    @Test func refusalsSayWhatToDo() throws {
        var scheduler = MeetingScheduler(now: booked)
        try series(&scheduler)
        _ = try scheduler.add(T.meeting("once", at: "2026-12-01 14:00", sites: []), now: booked)
        let once = MeetingID("once")!
        #expect(throws: MeetingSchedulingError.notRepeating(once)) {
            try scheduler.skip(meeting: once, on: "2026-12-01", now: booked)
        }
        #expect(throws: MeetingSchedulingError.noOccurrence(id, on: "2026-12-05")) {
            try scheduler.skip(meeting: id, on: "2026-12-05", now: booked)  // a Saturday
        }
        #expect(throws: MeetingSchedulingError.noOccurrence(id, on: "2026-11-27")) {
            try scheduler.skip(meeting: id, on: "2026-11-27", now: booked)  // before the series
        }
        for text in ["2026-12-1", "2026-02-30", "tomorrow", "2026-12-01T09:00"] {
            #expect(throws: MeetingSchedulingError.badDay(text)) {
                try scheduler.skip(meeting: id, on: text, now: booked)
            }
        }
        #expect(MeetingSchedulingError.badDay("x").description.contains("YYYY-MM-DD"))
    }

    @Test func skippingTheLastOccurrenceOfACountedSeriesEndsIt() throws {
        var scheduler = MeetingScheduler(now: booked)
        _ = try scheduler.add(
            T.meeting("twice", at: "2026-12-01 09:00", sites: [], recurrence: .daily, end: .count(2)), now: booked)
        let twice = MeetingID("twice")!
        _ = try scheduler.skip(meeting: twice, on: "2026-12-01", now: booked)
        _ = try scheduler.skip(meeting: twice, on: "2026-12-02", now: booked)
        #expect(scheduler.meeting(twice)?.state == .ended)
        #expect(scheduler.nextDeadline == nil)
    }

    @Test func calledOffDaysSurviveASaveAndARestart() throws {
        var scheduler = MeetingScheduler(now: booked)
        try series(&scheduler)
        _ = try scheduler.skip(meeting: id, on: "2026-12-01", now: booked)
        _ = try scheduler.skip(meeting: id, on: "2026-12-25", now: booked)
        let data = try JSONEncoder().encode(try #require(scheduler.meeting(id)))
        #expect(String(decoding: data, as: UTF8.self).contains(#""skippedDates":["2026-12-01","2026-12-25"]"#))
        let restored = try JSONDecoder().decode(Meeting.self, from: data)
        #expect(restored == scheduler.meeting(id))
        let restarted = MeetingScheduler(meetings: [restored], now: booked)
        #expect(restarted.upcoming.map { T.local($0.start) } == ["2026-12-02 09:00"])
    }

    @Test func aBookingSavedBeforeSkipsExistedStillDecodes() throws {
        let plain = T.meeting("weekday1", at: "2026-12-01 09:00", recurrence: .weekdays)
        let object = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(plain)) as? [String: Any])
        #expect(object["skippedDates"] == nil, "no key while nothing is skipped, as before")
        #expect(try JSONDecoder().decode(Meeting.self, from: JSONSerialization.data(withJSONObject: object)) == plain)
    }

    @Test(arguments: ["1970-01-01", "2026-02-28", "2024-02-29", "2026-12-31", "2000-03-01", "1969-12-31"])
    func aDayReadsBackAsWritten(_ text: String) throws {
        let day = try #require(CivilDay(iso: text))
        #expect(day.iso == text)
    }
}
