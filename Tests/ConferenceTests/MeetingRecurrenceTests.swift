import Foundation
import Testing

@testable import Conference

/// Expanding a booking into occurrences: every pattern, limits, and local times that survive DST in the meeting's zone.
@Suite struct MeetingRecurrenceTests {
    typealias T = MeetingTestSupport

    func starts(_ meeting: Meeting, from: String, to: String, _ zone: TimeZone = T.shanghai) -> [String] {
        meeting.occurrences(overlapping: T.at(from, zone), T.at(to, zone)).map { T.local($0.start, zone) }
    }

    @Test func aOneOffMeetingHasOneOccurrence() {
        let meeting = T.meeting("once", at: "2026-12-01 09:00", minutes: 90)
        let occurrences = meeting.occurrences(overlapping: .distantPast, .distantFuture)
        #expect(occurrences.count == 1)
        #expect(occurrences[0].start == T.at("2026-12-01 09:00"))
        #expect(occurrences[0].end == T.at("2026-12-01 10:30"))
        #expect(meeting.firstOccurrence(endingAfter: T.at("2026-12-01 10:30")) == nil)
    }

    @Test func dailyRepeatsAtTheSameLocalTime() {
        let meeting = T.meeting("daily", at: "2026-12-01 09:00", recurrence: .daily)
        #expect(
            starts(meeting, from: "2026-11-01 00:00", to: "2026-12-04 00:00") == [
                "2026-12-01 09:00", "2026-12-02 09:00", "2026-12-03 09:00",
            ])
    }

    @Test func weekdaysSkipTheWeekendInTheMeetingsZone() {
        // 07:00 in Shanghai is 23:00 UTC the day before: a weekday test in UTC would pick Sunday to Thursday.
        let meeting = T.meeting("early", at: "2026-12-01 07:00", recurrence: .weekdays)
        #expect(
            starts(meeting, from: "2026-12-01 00:00", to: "2026-12-15 00:00") == [
                "2026-12-01 07:00", "2026-12-02 07:00", "2026-12-03 07:00", "2026-12-04 07:00",
                "2026-12-07 07:00", "2026-12-08 07:00", "2026-12-09 07:00", "2026-12-10 07:00", "2026-12-11 07:00",
                "2026-12-14 07:00",
            ])
    }

    @Test func weekdaysBookedOnASaturdayFirstOccurOnMonday() {
        let meeting = T.meeting("sat", at: "2026-12-05 10:00", recurrence: .weekdays)
        #expect(meeting.firstOccurrence(endingAfter: .distantPast)?.start == T.at("2026-12-07 10:00"))
    }

    @Test func weeklyKeepsItsWeekday() {
        let meeting = T.meeting("weekly", at: "2026-12-01 14:00", recurrence: .weekly)
        #expect(
            starts(meeting, from: "2026-12-01 00:00", to: "2026-12-23 00:00") == [
                "2026-12-01 14:00", "2026-12-08 14:00", "2026-12-15 14:00", "2026-12-22 14:00",
            ])
    }

    @Test func weeklyInBerlinStaysAtNineAcrossTheSpringChange() {
        // Europe's clocks go forward on Sunday 2027-03-28: 09:00 local is 08:00 UTC before, 07:00 UTC after.
        let meeting = T.meeting("berlin", at: "2027-03-15 09:00", zone: T.berlin, recurrence: .weekly)
        let occurrences = meeting.occurrences(
            overlapping: T.at("2027-03-15 00:00", T.berlin), T.at("2027-04-06 00:00", T.berlin))
        #expect(
            occurrences.map { T.local($0.start, T.berlin) } == [
                "2027-03-15 09:00", "2027-03-22 09:00", "2027-03-29 09:00", "2027-04-05 09:00",
            ])
        #expect(
            occurrences.map(\.start) == [
                T.at("2027-03-15T08:00:00Z"), T.at("2027-03-22T08:00:00Z"), T.at("2027-03-29T07:00:00Z"),
                T.at("2027-04-05T07:00:00Z"),
            ])
    }

    @Test func dailyInBerlinStaysAtNineAcrossTheAutumnChange() {
        // The clocks go back at 03:00 on Sunday 2026-10-25: from Saturday 09:00 to Sunday 09:00 is 25 hours.
        let meeting = T.meeting("autumn", at: "2026-10-24 09:00", zone: T.berlin, recurrence: .daily)
        let occurrences = meeting.occurrences(
            overlapping: T.at("2026-10-24 00:00", T.berlin), T.at("2026-10-27 00:00", T.berlin))
        #expect(
            occurrences.map { T.local($0.start, T.berlin) } == [
                "2026-10-24 09:00", "2026-10-25 09:00", "2026-10-26 09:00",
            ])
        #expect(occurrences[1].start.timeIntervalSince(occurrences[0].start) == 90_000)
        #expect(occurrences[2].start.timeIntervalSince(occurrences[1].start) == 86_400)
    }

    @Test func shanghaiHasNoDSTSoWeeklyIsAlwaysSevenDaysApart() {
        let meeting = T.meeting("sh", at: "2027-03-15 09:00", recurrence: .weekly)
        let occurrences = meeting.occurrences(overlapping: T.at("2027-03-01 00:00"), T.at("2027-11-30 00:00"))
        #expect(occurrences.count == 38)  // 2027-03-15 to 2027-11-29, 260 days
        #expect(occurrences.allSatisfy { T.local($0.start).hasSuffix(" 09:00") })
        #expect(
            zip(occurrences, occurrences.dropFirst()).allSatisfy { $1.start.timeIntervalSince($0.start) == 7 * 86_400 })
    }

    @Test func aCountEndsTheSeries() {
        let meeting = T.meeting("seven", at: "2026-12-01 07:00", recurrence: .weekdays, end: .count(7))
        let all = meeting.occurrences(overlapping: .distantPast, .distantFuture)
        #expect(all.map(\.index) == Array(0..<7))
        #expect(T.local(all.last!.start) == "2026-12-09 07:00")
        #expect(meeting.lastEnd == T.at("2026-12-09 08:00"))
    }

    @Test func anUntilEndsTheSeriesAtTheLastStartBeforeIt() {
        let meeting = T.meeting(
            "until", at: "2026-12-01 09:00", recurrence: .weekly, end: .until(T.at("2026-12-15 09:00")))
        #expect(
            starts(meeting, from: "2026-11-01 00:00", to: "2027-12-01 00:00") == [
                "2026-12-01 09:00", "2026-12-08 09:00", "2026-12-15 09:00",
            ])
        #expect(meeting.lastEnd == T.at("2026-12-15 10:00"))
        let weekdays = T.meeting(
            "wd", at: "2026-12-01 09:00", recurrence: .weekdays, end: .until(T.at("2026-12-13 12:00")))
        #expect(weekdays.lastEnd == T.at("2026-12-11 10:00"), "Friday's is the last before a Sunday until")
    }

    @Test func aWindowFarAheadCountsTheOccurrencesBeforeIt() {
        let daily = T.meeting("far", at: "2026-12-01 09:00", recurrence: .daily)
        let june = daily.firstOccurrence(endingAfter: T.at("2027-06-01 12:00"))!
        #expect(T.local(june.start) == "2027-06-02 09:00")
        #expect(june.index == 183)
        let weekdays = T.meeting("farwd", at: "2026-12-01 09:00", recurrence: .weekdays)
        // 2026-12-01 (a Tuesday) to 2027-01-01 (a Friday): 23 weekdays before it.
        #expect(weekdays.firstOccurrence(endingAfter: T.at("2027-01-01 00:00"))?.index == 23)
    }

    @Test func anOccurrenceInProgressIsTheFirstEndingAfterNow() {
        let meeting = T.meeting("now", at: "2026-12-01 09:00", minutes: 90, recurrence: .daily)
        #expect(meeting.firstOccurrence(endingAfter: T.at("2026-12-03 10:00"))?.start == T.at("2026-12-03 09:00"))
        #expect(meeting.firstOccurrence(endingAfter: T.at("2026-12-03 10:30"))?.start == T.at("2026-12-04 09:00"))
    }

    @Test func anOccurrenceAcrossMidnightIsFoundFromTheNextDay() {
        let late = T.meeting("late", at: "2026-12-01 23:30", minutes: 60, recurrence: .daily)
        let found = late.firstOccurrence(endingAfter: T.at("2026-12-05 00:15"))
        #expect(found.map { T.local($0.start) } == "2026-12-04 23:30")
        #expect(found?.index == 3)
        #expect(starts(late, from: "2026-12-05 00:00", to: "2026-12-05 00:10") == ["2026-12-04 23:30"])
    }

    @Test func aBookingSurvivesBeingStoredAsJSON() throws {
        var meeting = T.meeting(
            "stored", at: "2027-03-15 09:00", zone: T.berlin, minutes: 45, sites: ["c", "a"],
            recurrence: .weekly, end: .until(T.at("2027-06-01 00:00")))
        meeting.state = .cancelled
        let decoded = try JSONDecoder().decode(Meeting.self, from: JSONEncoder().encode(meeting))
        #expect(decoded == meeting)
        #expect(decoded.timeZone.identifier == "Europe/Berlin")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(MeetingID.self, from: Data(#""Not An Id""#.utf8))
        }
    }

    @Test func badBookingsAreRefusedNamingTheField() {
        func refusal(_ make: () throws(MeetingDefinitionError) -> Meeting) -> MeetingDefinitionError? {
            do { _ = try make() } catch { return error }
            return nil
        }
        let start = T.at("2026-12-01 09:00")
        let id = MeetingID("x")!
        #expect(
            refusal { () throws(MeetingDefinitionError) in
                try Meeting(id: id, room: T.cityHall, start: start, duration: .seconds(3600), sites: ["d"])
            }?.message == #"room "cityhall" has no site "d"; its sites are a, b, c"#)
        #expect(
            refusal { () throws(MeetingDefinitionError) in
                try Meeting(id: id, room: T.cityHall, start: start, duration: .zero)
            }?.field == "duration")
        #expect(
            refusal { () throws(MeetingDefinitionError) in
                try Meeting(
                    id: id, room: T.cityHall, start: start, duration: .seconds(23 * 3600 + 1), recurrence: .daily)
            }?.field == "duration")
        #expect(
            refusal { () throws(MeetingDefinitionError) in
                try Meeting(
                    id: id, room: T.cityHall, start: start, duration: .seconds(60), recurrence: .weekly,
                    recurrenceEnd: .count(0))
            }?.field == "recurrence")
        let meeting = try! Meeting(id: id, room: T.cityHall, start: start, duration: .seconds(60))
        #expect(meeting.invitedSites == ["a", "b", "c"])
        #expect(meeting.title == "City Hall")
        #expect(meeting.timeZone.identifier == "Asia/Shanghai")
    }
}
