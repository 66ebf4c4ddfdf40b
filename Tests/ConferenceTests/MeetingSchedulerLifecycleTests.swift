import Foundation
import Testing

@testable import Conference

/// Meetings through their lives on a test clock: booking, back to back, repeating, operator start and end,
/// changes and cancellations, and a restart in the middle of a meeting.
@Suite struct MeetingSchedulerLifecycleTests {
    typealias T = MeetingTestSupport
    let booked = T.at("2026-11-30 12:00")

    func ids(_ actions: [SchedulerAction]) -> [String] {
        actions.map { action in
            switch action {
            case .startMeeting(let o): "start \(o.meetingID)"
            case .dial(let o, let site, let attempt): "dial \(o.meetingID) \(site) \(attempt)"
            case .alarm(let o, let site, _): "alarm \(o.meetingID) \(site)"
            case .clearAlarm(let o, let site): "clear \(o.meetingID) \(site)"
            case .endMeeting(let o): "end \(o.meetingID)"
            }
        }
    }

    @Test func backToBackMeetingsEndThenStartAtTheSameInstant() throws {
        var scheduler = MeetingScheduler(now: booked)
        _ = try scheduler.add(T.meeting("first", at: "2026-12-01 09:00", sites: ["a"]), now: booked)
        _ = try scheduler.add(T.meeting("second", at: "2026-12-01 10:00", sites: ["b"]), now: booked)
        #expect(ids(scheduler.advance(now: T.at("2026-12-01 09:00"))) == ["start first", "dial first a 1"])
        #expect(scheduler.nextDeadline == T.at("2026-12-01 10:00"))
        #expect(
            ids(scheduler.advance(now: T.at("2026-12-01 10:00"))) == ["end first", "start second", "dial second b 1"])
    }

    @Test func aRepeatingMeetingEndsAndWaitsForItsNextDay() throws {
        var scheduler = MeetingScheduler(now: booked)
        _ = try scheduler.add(
            T.meeting("daily", at: "2026-12-01 09:00", minutes: 30, sites: ["a"], recurrence: .daily), now: booked)
        #expect(ids(scheduler.advance(now: T.at("2026-12-01 09:00"))) == ["start daily", "dial daily a 1"])
        #expect(ids(scheduler.advance(now: T.at("2026-12-01 09:30"))) == ["end daily"])
        #expect(scheduler.meeting(MeetingID("daily")!)?.state == .scheduled)
        #expect(scheduler.nextDeadline == T.at("2026-12-02 09:00"))
        #expect(scheduler.upcoming.first?.index == 1)
    }

    @Test func aSeriesEndsWithItsLastOccurrence() throws {
        var scheduler = MeetingScheduler(now: booked)
        _ = try scheduler.add(
            T.meeting("twice", at: "2026-12-01 09:00", sites: [], recurrence: .daily, end: .count(2)), now: booked)
        _ = scheduler.advance(now: T.at("2026-12-01 09:00"))
        _ = scheduler.advance(now: T.at("2026-12-01 10:00"))
        #expect(ids(scheduler.advance(now: T.at("2026-12-02 09:00"))) == ["start twice"])
        #expect(ids(scheduler.advance(now: T.at("2026-12-02 10:00"))) == ["end twice"])
        #expect(scheduler.meeting(MeetingID("twice")!)?.state == .ended)
        #expect(scheduler.nextDeadline == nil)
    }

    @Test func anOperatorStartsEarlyKeepingTheBookedEndAndEndsEarly() throws {
        var scheduler = MeetingScheduler(now: booked)
        let id = MeetingID("early")!
        _ = try scheduler.add(T.meeting("early", at: "2026-12-01 09:00", sites: ["a", "b"]), now: booked)
        let now = T.at("2026-12-01 08:45")
        #expect(ids(try scheduler.start(meeting: id, now: now)) == ["start early", "dial early a 1", "dial early b 1"])
        #expect(scheduler.status(of: id)?.startedAt == now)
        #expect(scheduler.status(of: id)?.endsAt == T.at("2026-12-01 10:00"))
        #expect(throws: MeetingSchedulingError.alreadyRunning(id)) {
            try scheduler.start(meeting: id, now: now.plus(1))
        }
        #expect(scheduler.advance(now: T.at("2026-12-01 09:00")) == [], "the booked start does not start it twice")
        #expect(ids(try scheduler.end(meeting: id, now: T.at("2026-12-01 09:20"))) == ["end early"])
        #expect(scheduler.meeting(id)?.state == .ended)
        #expect(throws: MeetingSchedulingError.finished(id, .ended)) {
            try scheduler.end(meeting: id, now: T.at("2026-12-01 09:21"))
        }
        #expect(scheduler.advance(now: T.at("2026-12-01 10:00")) == [])
    }

    @Test func anOperatorCannotStartAMeetingWhileAnotherHoldsTheRoom() throws {
        var scheduler = MeetingScheduler(now: booked)
        _ = try scheduler.add(T.meeting("first", at: "2026-12-01 09:00", sites: []), now: booked)
        _ = try scheduler.add(T.meeting("second", at: "2026-12-01 10:00", sites: []), now: booked)
        _ = scheduler.advance(now: T.at("2026-12-01 09:00"))
        #expect {
            try scheduler.start(meeting: MeetingID("second")!, now: T.at("2026-12-01 09:50"))
        } throws: { error in
            guard case MeetingSchedulingError.overlap(let conflict) = error else { return false }
            return conflict.meetingID == MeetingID("first") && conflict.description.contains("\"Meeting first\"")
        }
        #expect(throws: MeetingSchedulingError.notRunning(MeetingID("second")!)) {
            try scheduler.end(meeting: MeetingID("second")!, now: T.at("2026-12-01 09:51"))
        }
    }

    @Test func aBookingIntoAnEarlyStartedMeetingIsRefused() throws {
        var scheduler = MeetingScheduler(now: booked)
        _ = try scheduler.add(T.meeting("board", at: "2026-12-01 10:00", sites: []), now: booked)
        _ = try scheduler.start(meeting: MeetingID("board")!, now: T.at("2026-12-01 09:30"))
        #expect(throws: MeetingSchedulingError.self) {
            try scheduler.add(T.meeting("squeeze", at: "2026-12-01 09:40", minutes: 15), now: T.at("2026-12-01 09:35"))
        }
    }

    @Test func aRestartInTheMiddleOfAMeetingStartsItAgainAndCallsEverySite() throws {
        var before = MeetingScheduler(now: booked)
        _ = try before.add(T.meeting("live", at: "2026-12-01 09:00"), now: booked)
        _ = try before.add(T.meeting("later", at: "2026-12-01 14:00", sites: ["a"]), now: booked)
        _ = before.advance(now: T.at("2026-12-01 09:00"))
        _ = before.dialResult(
            meeting: MeetingID("live")!, site: "a", outcome: .answered, now: T.at("2026-12-01 09:00:05"))
        // Booked elsewhere just before the crash, due while the server is down.
        let persisted = before.meetings + [T.meeting("missed", room: T.lab, at: "2026-12-01 09:21", minutes: 3)]
        #expect(persisted.first { $0.id.rawValue == "live" }?.state == .running)

        // The process dies at 09:20 and is back at 09:25.
        let now = T.at("2026-12-01 09:25")
        var after = MeetingScheduler(meetings: persisted, now: now)
        let live = try #require(after.status(of: MeetingID("live")!)?.occurrence)
        #expect(
            after.advance(now: now) == [
                .startMeeting(live), .dial(live, site: "a", attempt: 1), .dial(live, site: "b", attempt: 1),
                .dial(live, site: "c", attempt: 1),
            ])
        #expect(after.status(of: MeetingID("live")!)?.endsAt == T.at("2026-12-01 10:00"), "it keeps its booked end")
        #expect(after.meeting(MeetingID("missed")!)?.state == .ended, "a meeting that ended while down is not started")
        #expect(after.meeting(MeetingID("later")!)?.state == .scheduled)
        #expect(ids(after.advance(now: T.at("2026-12-01 10:00"))) == ["end live"])
        #expect(after.nextDeadline == T.at("2026-12-01 14:00"))
    }

    @Test func aMeetingWhoseWholeTimePassedUnseenIsNotStarted() throws {
        // The driver was held up from before the start until the very end.
        var scheduler = MeetingScheduler(now: booked)
        _ = try scheduler.add(T.meeting("unseen", at: "2026-12-01 09:00"), now: booked)
        #expect(scheduler.advance(now: T.at("2026-12-01 10:00")) == [])
        #expect(scheduler.meeting(MeetingID("unseen")!)?.state == .ended)
        let restarted = MeetingScheduler(
            meetings: [T.meeting("done", at: "2026-12-01 09:00")], now: T.at("2026-12-01 10:00"))
        #expect(restarted.meeting(MeetingID("done")!)?.state == .ended)
    }

    @Test func cancellingARunningMeetingEndsItAndFreesTheRoom() throws {
        var scheduler = MeetingScheduler(now: booked)
        let id = MeetingID("gone")!
        _ = try scheduler.add(T.meeting("gone", at: "2026-12-01 09:00", sites: []), now: booked)
        _ = scheduler.advance(now: T.at("2026-12-01 09:00"))
        #expect(ids(try scheduler.cancel(id, now: T.at("2026-12-01 09:10"))) == ["end gone"])
        #expect(scheduler.meeting(id)?.state == .cancelled)
        #expect(throws: MeetingSchedulingError.finished(id, .cancelled)) {
            try scheduler.cancel(id, now: T.at("2026-12-01 09:11"))
        }
        _ = try scheduler.add(T.meeting("next", at: "2026-12-01 09:30"), now: T.at("2026-12-01 09:12"))
    }

    @Test func aRunningMeetingCanBeLengthenedAndGainASite() throws {
        var scheduler = MeetingScheduler(now: booked)
        let id = MeetingID("grow")!
        _ = try scheduler.add(T.meeting("grow", at: "2026-12-01 09:00", sites: ["a"]), now: booked)
        _ = scheduler.advance(now: T.at("2026-12-01 09:00"))
        let longer = T.meeting("grow", at: "2026-12-01 09:00", minutes: 90, sites: ["a", "c"])
        #expect(ids(try scheduler.update(longer, now: T.at("2026-12-01 09:30"))) == ["dial grow c 1"])
        #expect(scheduler.nextDeadline == T.at("2026-12-01 10:30"))
        #expect(scheduler.advance(now: T.at("2026-12-01 10:00")) == [])
        #expect(ids(scheduler.advance(now: T.at("2026-12-01 10:30"))) == ["end grow"])
        let moved = T.meeting("grow", at: "2026-12-01 11:00")
        #expect(throws: MeetingSchedulingError.finished(id, .ended)) {
            try scheduler.update(moved, now: T.at("2026-12-01 10:31"))
        }
    }

    @Test func aSiteDroppedFromARunningMeetingHasItsAlarmCleared() throws {
        var scheduler = MeetingScheduler(now: booked, configuration: .init(redial: .never))
        let id = MeetingID("shrink")!
        _ = try scheduler.add(T.meeting("shrink", at: "2026-12-01 09:00", sites: ["a", "c"]), now: booked)
        _ = scheduler.advance(now: T.at("2026-12-01 09:00"))
        _ = scheduler.dialResult(meeting: id, site: "c", outcome: .unreachable, now: T.at("2026-12-01 09:00:10"))
        let fewer = T.meeting("shrink", at: "2026-12-01 09:00", sites: ["a"])
        #expect(ids(try scheduler.update(fewer, now: T.at("2026-12-01 09:05"))) == ["clear shrink c"])
        #expect(
            scheduler.status(of: id, roomSites: ["a", "b", "c"])?.sites.map(\.state) == [
                .dialing(attempt: 1), .notInvited, .notInvited,
            ])
        #expect(scheduler.dialResult(meeting: id, site: "c", outcome: .answered, now: T.at("2026-12-01 09:06")) == [])
    }

    @Test func aRunningMeetingCannotMove() throws {
        var scheduler = MeetingScheduler(now: booked)
        let id = MeetingID("fixed")!
        _ = try scheduler.add(T.meeting("fixed", at: "2026-12-01 09:00"), now: booked)
        _ = scheduler.advance(now: T.at("2026-12-01 09:00"))
        #expect(throws: MeetingSchedulingError.changeWhileRunning(id, field: "start")) {
            try scheduler.update(T.meeting("fixed", at: "2026-12-01 09:05"), now: T.at("2026-12-01 09:10"))
        }
    }

    @Test func aMeetingThatWouldBeOverOrReusesAnIdIsRefused() throws {
        var scheduler = MeetingScheduler(now: booked)
        #expect(throws: MeetingSchedulingError.self) {
            try scheduler.add(T.meeting("old", at: "2026-11-30 10:00"), now: booked)
        }
        _ = try scheduler.add(T.meeting("dup", at: "2026-12-01 09:00"), now: booked)
        #expect(throws: MeetingSchedulingError.duplicateID(MeetingID("dup")!)) {
            try scheduler.add(T.meeting("dup", room: T.lab, at: "2026-12-02 09:00"), now: booked)
        }
        #expect(throws: MeetingSchedulingError.unknownMeeting(MeetingID("nope")!)) {
            try scheduler.cancel(MeetingID("nope")!, now: booked)
        }
    }

    @Test func aMeetingBookedWhileItsTimeHasBegunStartsAtOnce() throws {
        var scheduler = MeetingScheduler(now: booked)
        let now = T.at("2026-12-01 09:10")
        #expect(
            ids(try scheduler.add(T.meeting("now", at: "2026-12-01 09:00", sites: ["b"]), now: now)) == [
                "start now", "dial now b 1",
            ])
    }

    @Test func tenThousandBookingsRestoreAndRunQuickly() throws {
        let first = T.at("2026-12-01 00:00")
        let persisted = try (0..<10_000).map { slot in
            try Meeting(
                id: MeetingID("m\(slot)")!, room: T.cityHall, start: first.plus(slot * 1800), duration: .seconds(1800),
                sites: ["a"]
            )
        }
        let clock = ContinuousClock()
        var scheduler = MeetingScheduler(now: booked)
        var actions: [SchedulerAction] = []
        let elapsed = clock.measure {
            scheduler = MeetingScheduler(meetings: persisted, now: first.plus(100 * 1800 + 60))
            actions = scheduler.advance(now: first.plus(100 * 1800 + 60))
            for _ in 0..<100 { _ = scheduler.nextDeadline }
        }
        #expect(ids(actions) == ["start m100", "dial m100 a 1"], "restarted inside slot 100")
        #expect(scheduler.meeting(MeetingID("m99")!)?.state == .ended)
        #expect(scheduler.nextDeadline == first.plus(101 * 1800))
        #expect(elapsed < .seconds(5))
    }

    @Test func errorsReadAsOneLineWithTheFix() {
        let id = MeetingID("k3m9x2ab")!
        #expect(
            MeetingSchedulingError.notRunning(id).description
                == "meeting k3m9x2ab is not running; `huiyi meeting start k3m9x2ab` starts it")
        #expect(MeetingSchedulingError.unknownMeeting(id).description.contains("huiyi meeting list"))
        #expect(MeetingID("Bad Id") == nil)
        var generator = SystemRandomNumberGenerator()
        #expect(MeetingID.generate(using: &generator).rawValue.count == 8)
    }
}
