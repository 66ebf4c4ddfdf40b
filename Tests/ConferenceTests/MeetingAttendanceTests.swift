import Foundation
import Testing

@testable import Conference

/// Attendance through a meeting on a test clock: calls counted per site, stays summed, the outcome of each site
/// at the end, a resumed sitting after a restart, and the failure words read back from the store.
@Suite struct MeetingAttendanceTests {
    typealias T = MeetingTestSupport
    let start = T.at("2026-12-01 09:00")
    let id = MeetingID("k3m9x2ab")!

    func started() throws -> MeetingScheduler {
        var scheduler = MeetingScheduler(now: start.plus(-60))
        _ = try scheduler.add(T.meeting("k3m9x2ab", at: "2026-12-01 09:00"), now: start.plus(-60))
        #expect(scheduler.attendance(of: id, now: start.plus(-1)).isEmpty, "nothing before the first sitting")
        _ = scheduler.advance(now: start)
        return scheduler
    }

    func row(_ scheduler: MeetingScheduler, _ site: String, at now: Date) throws -> MeetingAttendance {
        try #require(scheduler.attendance(of: id, now: now).first { $0.site == site })
    }

    @Test func atTheStartEverySiteIsAwayWithOneCall() throws {
        let scheduler = try started()
        let rows = scheduler.attendance(of: id, now: start.plus(1))
        #expect(rows.map(\.site) == ["a", "b", "c"])
        #expect(rows.allSatisfy { $0.outcome == .away && $0.calls == 1 && $0.joinedAt == nil })
        #expect(rows.allSatisfy { $0.sittingStart == start && $0.occurrence == 0 && $0.room == "cityhall" })
    }

    @Test func stayingLeavingAndComingBackAreSummedAndTheEndClosesTheStay() throws {
        var scheduler = try started()
        _ = scheduler.dialResult(meeting: id, site: "a", outcome: .answered, now: start.plus(10))
        var a = try row(scheduler, "a", at: start.plus(70))
        #expect(a.outcome == .present)
        #expect(a.joinedAt == start.plus(10))
        #expect(a.leftAt == nil)
        #expect(a.secondsPresent == 60, "the current stay counts up to the moment asked")
        // a drops at 09:10 and is called back; the call-back answers at 09:11.
        _ = scheduler.siteLeft(meeting: id, site: "a", now: start.plus(600))
        a = try row(scheduler, "a", at: start.plus(630))
        #expect(a.outcome == .away)
        #expect(a.leftAt == start.plus(600))
        #expect(a.calls == 2)
        #expect(a.secondsPresent == 590)
        _ = scheduler.dialResult(meeting: id, site: "a", outcome: .answered, now: start.plus(660))
        #expect(try row(scheduler, "a", at: start.plus(660)).leftAt == nil)
        // The booked end at 10:00 closes the second stay.
        _ = scheduler.advance(now: start.plus(3600))
        a = try row(scheduler, "a", at: start.plus(7200))
        #expect(a.outcome == .attended)
        #expect(a.joinedAt == start.plus(10), "the first time in is kept")
        #expect(a.leftAt == start.plus(3600))
        #expect(a.secondsPresent == 590 + 2940, "asking later adds nothing once the sitting is over")
    }

    @Test func aSiteThatNeverGetsInIsMissedWithEveryCallAndItsAlarm() throws {
        var scheduler = try started()
        _ = scheduler.dialResult(meeting: id, site: "c", outcome: .noAnswer, now: start.plus(20))
        _ = scheduler.advance(now: start.plus(50))
        _ = scheduler.dialResult(meeting: id, site: "c", outcome: .busy, now: start.plus(51))
        _ = scheduler.advance(now: start.plus(111))
        _ = scheduler.dialResult(meeting: id, site: "c", outcome: .unreachable, now: start.plus(112))
        _ = scheduler.advance(now: start.plus(232))
        _ = scheduler.dialResult(meeting: id, site: "c", outcome: .noAnswer, now: start.plus(262))
        var c = try row(scheduler, "c", at: start.plus(300))
        #expect(c.outcome == .away)
        #expect(c.calls == 4)
        #expect(c.lastFailure == .noAnswer)
        #expect(c.alarmedAt == start.plus(262))
        // An operator's redial that fails again adds a call and keeps the first alarm time.
        _ = try scheduler.redial(meeting: id, site: "c", now: start.plus(400))
        _ = scheduler.dialResult(meeting: id, site: "c", outcome: .rejected(status: 403), now: start.plus(401))
        _ = try scheduler.end(meeting: id, now: start.plus(900))
        c = try row(scheduler, "c", at: start.plus(900))
        #expect(c.outcome == .missed)
        #expect(c.calls == 5)
        #expect(c.lastFailure == .rejected(status: 403))
        #expect(c.alarmedAt == start.plus(262))
        #expect(c.joinedAt == nil && c.leftAt == nil && c.secondsPresent == 0)
    }

    @Test func aCancelledMeetingClosesItsSitting() throws {
        var scheduler = try started()
        _ = scheduler.dialResult(meeting: id, site: "b", outcome: .answered, now: start.plus(5))
        _ = try scheduler.cancel(id, now: start.plus(65))
        let rows = scheduler.attendance(of: id, now: start.plus(600))
        #expect(rows.map(\.outcome) == [.missed, .attended, .missed])
        #expect(rows[1].secondsPresent == 60)
        #expect(rows[1].leftAt == start.plus(65))
    }

    @Test func aSiteInvitedWhileTheMeetingRunsStartsItsTallyThen() throws {
        var scheduler = try started()
        var changed = T.meeting("k3m9x2ab", at: "2026-12-01 09:00", sites: ["a", "b"])
        _ = try scheduler.update(changed, now: start.plus(30))
        #expect(scheduler.attendance(of: id, now: start.plus(30)).map(\.site) == ["a", "b"], "c is forgotten")
        changed.invitedSites = ["a", "b", "c"]
        _ = try scheduler.update(changed, now: start.plus(40))
        let c = try row(scheduler, "c", at: start.plus(40))
        #expect(c.calls == 1 && c.outcome == .away && c.lastFailure == nil)
    }

    @Test func aRestartResumesTheOccurrenceAsANewSitting() throws {
        var scheduler = try started()
        _ = scheduler.dialResult(meeting: id, site: "a", outcome: .answered, now: start.plus(5))
        let persisted = try #require(scheduler.meeting(id))
        var restarted = MeetingScheduler(meetings: [persisted], now: start.plus(600))
        _ = restarted.advance(now: start.plus(600))
        let rows = restarted.attendance(of: id, now: start.plus(601))
        #expect(rows.allSatisfy { $0.sittingStart == start.plus(600) && $0.occurrence == 0 && $0.calls == 1 })
        #expect(rows.allSatisfy { $0.outcome == .away })
    }

    @Test(arguments: [DialFailure.busy, .noAnswer, .unreachable, .rejected(status: 403), .rejected(status: 603)])
    func aFailureReadsBackFromItsWords(_ failure: DialFailure) {
        #expect(DialFailure(description: failure.description) == failure)
    }

    @Test(arguments: ["", "Busy", "rejected ()", "rejected (x)", "rejected 403"])
    func otherWordsAreNoFailure(_ words: String) {
        #expect(DialFailure(description: words) == nil)
    }
}
