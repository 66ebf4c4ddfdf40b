import Foundation
import Testing

@testable import Conference

/// `--at` and `--duration` as an operator types them: every accepted form, and one-line refusals with an example.
@Suite struct MeetingTimeInputTests {
    typealias T = MeetingTestSupport
    let now = T.at("2026-11-26T02:35:00Z")  // 10:35 in Shanghai

    func at(_ text: String, _ zone: TimeZone = T.shanghai) throws(MeetingTimeInputError) -> Date {
        try MeetingTimeInput.parse(text, now: now, timeZone: zone)
    }

    func refusal(_ text: String, _ zone: TimeZone = T.shanghai) -> String? {
        do { _ = try at(text, zone) } catch { return error.description }
        return nil
    }

    func duration(_ text: String) -> Duration? { try? MeetingDurationInput.parse(text) }

    @Test func localDateAndTimeAreReadInTheGivenZone() throws {
        #expect(try at("2026-12-01 09:00") == Date(timeIntervalSince1970: 1_796_086_800))  // 01:00 UTC
        #expect(try at("2026-12-01 09:00:30") == Date(timeIntervalSince1970: 1_796_086_830))
        #expect(try at("2026-12-01T09:00") == Date(timeIntervalSince1970: 1_796_086_800))
        #expect(try at("  2026-12-01 09:00 ") == Date(timeIntervalSince1970: 1_796_086_800))
        #expect(try at("2026-12-01 09:00", T.berlin) == Date(timeIntervalSince1970: 1_796_112_000))  // 08:00 UTC
    }

    @Test func iso8601WithAnOffsetIgnoresTheZone() throws {
        let nine = Date(timeIntervalSince1970: 1_796_086_800)
        #expect(try at("2026-12-01T09:00:00+08:00", T.berlin) == nine)
        #expect(try at("2026-12-01T09:00:00+0800") == nine)
        #expect(try at("2026-12-01T09:00+08") == nine)
        #expect(try at("2026-12-01T01:00:00Z") == nine)
        #expect(try at("2026-11-30T20:00:00-05:00") == nine)
    }

    @Test func relativeTimesCountFromNow() throws {
        #expect(try at("+10m") == now.plus(600))
        #expect(try at("+5s") == now.plus(5))
        #expect(try at("+1h30m") == now.plus(5400))
        #expect(try at("+2h") == now.plus(7200))
    }

    @Test func aTimeInThePastIsRefused() {
        #expect(
            refusal("2026-11-26 10:00")
                == #"--at "2026-11-26 10:00": is in the past (it is now 2026-11-26 10:35 Asia/Shanghai); "#
                + #"give a later time, e.g. "+10m""#
        )
        #expect(refusal("2026-11-26T02:34:59Z") != nil)
        #expect(refusal("2026-11-26T02:35:00Z") == nil, "now itself is not the past")
    }

    @Test func aTimeTheClocksSkipIsRefused() {
        // Berlin goes from 02:00 to 03:00 on 2027-03-28.
        #expect(refusal("2027-03-28 02:30", T.berlin)?.contains("there is no such time in Europe/Berlin") == true)
        #expect(refusal("2027-03-28 03:00", T.berlin) == nil)
    }

    @Test func aRepeatedTimeIsTheFirstOfTheTwo() throws {
        // Berlin goes from 03:00 back to 02:00 on 2027-10-31: 02:30 happens at 00:30 UTC and again at 01:30 UTC.
        #expect(try at("2027-10-31 02:30", T.berlin) == at("2027-10-31T00:30:00Z"))
    }

    @Test func badTimesAreRefusedNamingTheInputWithAnExample() {
        #expect(
            refusal("tomorrow")
                == #"--at "tomorrow": not a date and time; write e.g. "2026-12-01 09:00", "2026-12-01 09:00:30", "#
                + #""2026-12-01T09:00:00+08:00" or "+10m""#
        )
        #expect(
            refusal("2026-13-01 09:00")?.hasPrefix(#"--at "2026-13-01 09:00": there is no month 13; write e.g."#)
                == true)
        #expect(refusal("2027-02-29 09:00")?.hasPrefix(#"--at "2027-02-29 09:00": 2027-02 has no day 29"#) == true)
        #expect(refusal("2028-02-29 09:00") == nil, "2028 is a leap year")
        #expect(refusal("2026-12-01 24:00")?.contains("is not a time of day") == true)
        #expect(refusal("2026-12-01 9:00") != nil)
        #expect(refusal("2026-12-01") != nil)
        #expect(refusal("2026-12-01T09:00:00+08:") != nil)
        #expect(refusal("2026-12-01T09:00:00+15:00")?.contains("offset") == true)
        #expect(refusal("+10") == #"--at "+10": not a time from now; write e.g. "+10m", "+5s" or "+1h30m""#)
        #expect(refusal("+30m1h") != nil, "hours come before minutes")
        #expect(refusal("+m") != nil)
        for text in ["tomorrow", "2026-13-01 09:00", "+10"] { #expect(refusal(text)?.contains("\n") == false) }
    }

    @Test func durationsInHoursMinutesAndSeconds() {
        #expect(duration("90m") == .seconds(5400))
        #expect(duration("1h30m") == .seconds(5400))
        #expect(duration("2h") == .seconds(7200))
        #expect(duration("45s") == .seconds(45))
        #expect(duration("90") == .seconds(5400), "plain digits are minutes")
        #expect(duration("1h 30m") == .seconds(5400))
        #expect(duration("1H30M") == .seconds(5400))
        #expect(duration("2h15s") == .seconds(7215))
    }

    @Test func badDurationsAreRefusedNamingTheInputWithAnExample() throws {
        let example = #"write e.g. "90m", "1h30m", "2h", "45s" or "90" (minutes)"#
        #expect(
            throws: MeetingTimeInputError(option: "--duration", input: "an hour", message: "not a duration; \(example)")
        ) {
            try MeetingDurationInput.parse("an hour")
        }
        #expect(
            throws: MeetingTimeInputError(
                option: "--duration", input: "0m", message: "a meeting cannot last 0 seconds; \(example)")
        ) {
            try MeetingDurationInput.parse("0m")
        }
        for text in ["", "1.5h", "30m1h", "1h1h", "-5m", "90x", "h"] { #expect(duration(text) == nil, "\(text)") }
    }

    @Test func zonesAreLookedUpByName() throws {
        #expect(try MeetingTimeInput.timeZone("Europe/Berlin") == T.berlin)
        #expect(throws: MeetingTimeInputError.self) { try MeetingTimeInput.timeZone("Mars/Olympus") }
    }

    @Test func instantsAreWrittenAsTheyAreRead() throws {
        let date = try at("2026-12-01 09:00:30")
        #expect(MeetingTimeFormat.zoned(date, in: T.shanghai) == "2026-12-01 09:00:30 Asia/Shanghai")
        #expect(try at(MeetingTimeFormat.local(date, in: T.berlin), T.berlin) == date)
    }
}
