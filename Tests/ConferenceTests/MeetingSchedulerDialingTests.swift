import Foundation
import Testing

@testable import Conference

/// A meeting's sites through their calls, on a test clock: first calls at start, redials at 30/60/120 s after each
/// failure, the alarm after the fourth call fails, and everything a site's answer, refusal or departure changes.
@Suite struct MeetingSchedulerDialingTests {
    typealias T = MeetingTestSupport
    let start = T.at("2026-12-01 09:00")
    let id = MeetingID("k3m9x2ab")!

    /// A scheduler with one 60-minute meeting at 09:00 booked the day before, and the occurrence it starts.
    func started(redial: RedialPolicy = RedialPolicy()) throws -> (MeetingScheduler, MeetingOccurrence) {
        var scheduler = MeetingScheduler(now: start.plus(-86_400), configuration: .init(redial: redial))
        #expect(try scheduler.add(T.meeting("k3m9x2ab", at: "2026-12-01 09:00"), now: start.plus(-86_400)) == [])
        let occurrence = try #require(scheduler.upcoming.first)
        #expect(
            scheduler.advance(now: start) == [
                .startMeeting(occurrence), .dial(occurrence, site: "a", attempt: 1),
                .dial(occurrence, site: "b", attempt: 1),
                .dial(occurrence, site: "c", attempt: 1),
            ])
        return (scheduler, occurrence)
    }

    func state(_ scheduler: MeetingScheduler, _ site: String) -> SiteState? {
        scheduler.status(of: id)?.sites.first { $0.site == site }?.state
    }

    @Test func nothingHappensBeforeTheStartAndEveryInvitedSiteIsCalledAtIt() throws {
        var scheduler = MeetingScheduler(now: start.plus(-60))
        _ = try scheduler.add(T.meeting("k3m9x2ab", at: "2026-12-01 09:00", sites: ["c", "a"]), now: start.plus(-60))
        #expect(scheduler.nextDeadline == start)
        #expect(scheduler.advance(now: start.plus(-1)) == [])
        let occurrence = try #require(scheduler.upcoming.first)
        #expect(
            scheduler.advance(now: start) == [
                .startMeeting(occurrence), .dial(occurrence, site: "c", attempt: 1),
                .dial(occurrence, site: "a", attempt: 1),
            ])
        #expect(scheduler.meeting(id)?.state == .running)
        #expect(scheduler.nextDeadline == start.plus(3600), "with every call out, the next thing is the end")
        #expect(scheduler.advance(now: start.plus(1)) == [], "the start is not repeated")
    }

    @Test func aSiteThatNeverAnswersIsRedialledAt30_60_120SecondsAndThenAlarmed() throws {
        var (scheduler, occurrence) = try started()
        _ = scheduler.dialResult(meeting: id, site: "a", outcome: .answered, now: start.plus(5))
        _ = scheduler.dialResult(meeting: id, site: "b", outcome: .answered, now: start.plus(6))
        // The first call rings 20 s before the router gives up on it.
        #expect(scheduler.dialResult(meeting: id, site: "c", outcome: .noAnswer, now: start.plus(20)) == [])
        #expect(state(scheduler, "c") == .waitingToRedial(attempt: 2, at: start.plus(50), after: .noAnswer))
        #expect(scheduler.nextDeadline == start.plus(50))
        #expect(scheduler.advance(now: start.plus(49)) == [])
        #expect(scheduler.advance(now: start.plus(50)) == [.dial(occurrence, site: "c", attempt: 2)])
        #expect(state(scheduler, "c") == .dialing(attempt: 2))
        #expect(scheduler.dialResult(meeting: id, site: "c", outcome: .busy, now: start.plus(51)) == [])
        #expect(scheduler.nextDeadline == start.plus(111))
        #expect(scheduler.advance(now: start.plus(110)) == [])
        #expect(scheduler.advance(now: start.plus(111)) == [.dial(occurrence, site: "c", attempt: 3)])
        _ = scheduler.dialResult(meeting: id, site: "c", outcome: .unreachable, now: start.plus(143))
        #expect(scheduler.nextDeadline == start.plus(263))
        #expect(scheduler.advance(now: start.plus(262)) == [])
        #expect(scheduler.advance(now: start.plus(263)) == [.dial(occurrence, site: "c", attempt: 4)])
        #expect(
            scheduler.dialResult(meeting: id, site: "c", outcome: .noAnswer, now: start.plus(293)) == [
                .alarm(occurrence, site: "c", reason: .noAnswer)
            ])
        #expect(state(scheduler, "c") == .alarm(.noAnswer, since: start.plus(293)))
        #expect(scheduler.nextDeadline == start.plus(3600), "no fifth call")
        #expect(scheduler.advance(now: start.plus(3599)) == [])
    }

    @Test func aLateDriverStillRedialsOnce() throws {
        var (scheduler, occurrence) = try started()
        _ = scheduler.dialResult(meeting: id, site: "a", outcome: .busy, now: start.plus(1))
        #expect(scheduler.advance(now: start.plus(45)) == [.dial(occurrence, site: "a", attempt: 2)])
        #expect(scheduler.advance(now: start.plus(46)) == [])
    }

    @Test func anAlarmedSiteThatJoinsLaterClearsItsAlarm() throws {
        var (scheduler, occurrence) = try started(redial: .never)
        #expect(
            scheduler.dialResult(meeting: id, site: "b", outcome: .unreachable, now: start.plus(2)) == [
                .alarm(occurrence, site: "b", reason: .unreachable)
            ])
        #expect(
            scheduler.siteJoined(meeting: id, site: "b", now: start.plus(600)) == [.clearAlarm(occurrence, site: "b")])
        #expect(state(scheduler, "b") == .connected(since: start.plus(600)))
        #expect(scheduler.siteJoined(meeting: id, site: "b", now: start.plus(601)) == [], "cleared once")
    }

    @Test func anOperatorRedialOfAnAlarmedSiteStartsAFreshSeriesAndTheAnswerClearsTheAlarm() throws {
        var (scheduler, occurrence) = try started(redial: .never)
        _ = scheduler.dialResult(meeting: id, site: "b", outcome: .noAnswer, now: start.plus(30))
        #expect(
            try scheduler.redial(meeting: id, site: "b", now: start.plus(300)) == [
                .dial(occurrence, site: "b", attempt: 1)
            ])
        #expect(try scheduler.redial(meeting: id, site: "b", now: start.plus(301)) == [], "a call is out already")
        #expect(
            scheduler.dialResult(meeting: id, site: "b", outcome: .answered, now: start.plus(310)) == [
                .clearAlarm(occurrence, site: "b")
            ])
        #expect(throws: MeetingSchedulingError.notInvited(id, site: "z")) {
            try scheduler.redial(meeting: id, site: "z", now: start.plus(311))
        }
    }

    @Test func aFailedOperatorRedialDoesNotRaiseTheAlarmTwice() throws {
        var (scheduler, _) = try started(redial: .never)
        _ = scheduler.dialResult(meeting: id, site: "b", outcome: .noAnswer, now: start.plus(30))
        _ = try scheduler.redial(meeting: id, site: "b", now: start.plus(300))
        #expect(scheduler.dialResult(meeting: id, site: "b", outcome: .busy, now: start.plus(310)) == [])
        #expect(state(scheduler, "b") == .alarm(.busy, since: start.plus(310)), "the alarm names the latest failure")
    }

    @Test func aSiteAnsweringTheSecondCallIsNotCalledAgain() throws {
        var (scheduler, occurrence) = try started()
        _ = scheduler.dialResult(meeting: id, site: "a", outcome: .answered, now: start.plus(3))
        _ = scheduler.dialResult(meeting: id, site: "b", outcome: .answered, now: start.plus(3))
        _ = scheduler.dialResult(meeting: id, site: "c", outcome: .busy, now: start.plus(4))
        #expect(scheduler.advance(now: start.plus(34)) == [.dial(occurrence, site: "c", attempt: 2)])
        #expect(scheduler.dialResult(meeting: id, site: "c", outcome: .answered, now: start.plus(40)) == [])
        #expect(state(scheduler, "c") == .connected(since: start.plus(40)))
        #expect(scheduler.nextDeadline == start.plus(3600))
        #expect(scheduler.advance(now: start.plus(3599)) == [])
    }

    @Test func aRefusalIsNotRedialledAndAlarmsAtOnce() throws {
        var (scheduler, occurrence) = try started()
        #expect(
            scheduler.dialResult(meeting: id, site: "a", outcome: .rejected(status: 603), now: start.plus(2)) == [
                .alarm(occurrence, site: "a", reason: .rejected(status: 603))
            ])
        #expect(state(scheduler, "a") == .alarm(.rejected(status: 603), since: start.plus(2)))
    }

    @Test func aSiteThatLeavesIsCalledAgainAtOnceAsAFreshSeries() throws {
        var (scheduler, occurrence) = try started()
        _ = scheduler.dialResult(meeting: id, site: "a", outcome: .busy, now: start.plus(1))
        _ = scheduler.advance(now: start.plus(31))
        _ = scheduler.dialResult(meeting: id, site: "a", outcome: .answered, now: start.plus(35))
        #expect(
            scheduler.siteLeft(meeting: id, site: "a", now: start.plus(900)) == [
                .dial(occurrence, site: "a", attempt: 1)
            ])
        #expect(state(scheduler, "a") == .dialing(attempt: 1))
        #expect(
            scheduler.siteLeft(meeting: id, site: "a", now: start.plus(901)) == [], "only a connected site can leave")
        _ = scheduler.dialResult(meeting: id, site: "a", outcome: .noAnswer, now: start.plus(930))
        #expect(state(scheduler, "a") == .waitingToRedial(attempt: 2, at: start.plus(960), after: .noAnswer))
    }

    @Test func aStaleOrUnknownReportChangesNothing() throws {
        var (scheduler, _) = try started()
        _ = scheduler.dialResult(meeting: id, site: "a", outcome: .busy, now: start.plus(1))
        #expect(scheduler.dialResult(meeting: id, site: "a", outcome: .busy, now: start.plus(2)) == [])
        #expect(state(scheduler, "a") == .waitingToRedial(attempt: 2, at: start.plus(31), after: .busy))
        #expect(scheduler.dialResult(meeting: id, site: "z", outcome: .busy, now: start.plus(2)) == [])
        #expect(scheduler.dialResult(meeting: MeetingID("other")!, site: "a", outcome: .busy, now: start.plus(2)) == [])
    }

    @Test func aCustomPolicyReusesItsLastInterval() throws {
        var (scheduler, occurrence) = try started(redial: RedialPolicy(redials: 3, intervals: [.seconds(10)]))
        var now = start
        for attempt in 1...3 {
            now = now.plus(5)
            _ = scheduler.dialResult(meeting: id, site: "a", outcome: .noAnswer, now: now)
            now = now.plus(10)
            #expect(scheduler.nextDeadline == now)
            #expect(scheduler.advance(now: now) == [.dial(occurrence, site: "a", attempt: attempt + 1)])
        }
        #expect(
            scheduler.dialResult(meeting: id, site: "a", outcome: .noAnswer, now: now.plus(5)) == [
                .alarm(occurrence, site: "a", reason: .noAnswer)
            ])
    }

    @Test func theEndHangsUpEveryoneAndLaterReportsAreIgnored() throws {
        var (scheduler, occurrence) = try started()
        _ = scheduler.dialResult(meeting: id, site: "a", outcome: .answered, now: start.plus(3))
        _ = scheduler.dialResult(meeting: id, site: "c", outcome: .busy, now: start.plus(3570))
        #expect(
            scheduler.advance(now: start.plus(3600)) == [.endMeeting(occurrence)], "the redial due at 3600 s is dropped"
        )
        #expect(scheduler.meeting(id)?.state == .ended)
        #expect(scheduler.nextDeadline == nil)
        #expect(scheduler.dialResult(meeting: id, site: "b", outcome: .answered, now: start.plus(3601)) == [])
        #expect(scheduler.siteLeft(meeting: id, site: "a", now: start.plus(3602)) == [])
    }

    @Test func theStatusViewShowsEverySiteOfTheRoom() throws {
        var scheduler = MeetingScheduler(now: start.plus(-60))
        _ = try scheduler.add(T.meeting("k3m9x2ab", at: "2026-12-01 09:00", sites: ["b", "c"]), now: start.plus(-60))
        let roomSites = T.cityHall.sites.map(\.name)
        let before = try #require(scheduler.status(of: id, roomSites: roomSites))
        #expect(!before.isRunning)
        #expect(before.occurrence?.start == start)
        #expect(
            before.sites == [
                SiteStatus(site: "b", state: .awaitingStart), SiteStatus(site: "c", state: .awaitingStart),
                SiteStatus(site: "a", state: .notInvited),
            ])
        _ = scheduler.advance(now: start)
        _ = scheduler.dialResult(meeting: id, site: "b", outcome: .answered, now: start.plus(4))
        _ = scheduler.dialResult(meeting: id, site: "c", outcome: .busy, now: start.plus(5))
        let during = try #require(scheduler.status(of: id, roomSites: roomSites))
        #expect(during.startedAt == start && during.endsAt == start.plus(3600))
        #expect(
            during.sites.map(\.state.description) == [
                "connected", "busy; waiting to redial (attempt 2)", "not invited",
            ])
        #expect(during.sites[1].state == .waitingToRedial(attempt: 2, at: start.plus(35), after: .busy))
        #expect(scheduler.status(of: MeetingID("nope")!) == nil)
    }
}

/// After a meeting is over, `meeting show` still tells who was in it and who never joined.
@Suite struct MeetingStatusAfterTheEndTests {
    typealias T = MeetingTestSupport
    let id = MeetingID("k3m9x2ab")!
    let start = T.at("2026-12-01 09:00")

    @Test func anEndedMeetingKeepsItsSitesLastStatesAndAlarms() throws {
        var scheduler = MeetingScheduler(now: start.plus(-60))
        _ = try scheduler.add(T.meeting("k3m9x2ab", at: "2026-12-01 09:00", sites: ["a", "b"]), now: start.plus(-60))
        _ = scheduler.advance(now: start)
        _ = scheduler.dialResult(meeting: id, site: "a", outcome: .answered, now: start.plus(2))
        _ = scheduler.dialResult(meeting: id, site: "b", outcome: .rejected(status: 404), now: start.plus(2))
        _ = scheduler.advance(now: start.plus(3600))

        let status = try #require(scheduler.status(of: id))
        #expect(!status.isRunning)
        #expect(scheduler.meeting(id)?.state == .ended)
        #expect(status.sites.map(\.site) == ["a", "b"])
        #expect(status.sites[0].state == .connected(since: start.plus(2)))
        #expect(status.sites[1].state == .alarm(.rejected(status: 404), since: start.plus(2)))
    }

    @Test func aSeriesBetweenOccurrencesShowsTheNextOneAwaitingItsStart() throws {
        var scheduler = MeetingScheduler(now: start.plus(-60))
        _ = try scheduler.add(T.meeting("k3m9x2ab", at: "2026-12-01 09:00", sites: ["a"], recurrence: .daily),
                              now: start.plus(-60))
        _ = scheduler.advance(now: start)
        _ = scheduler.dialResult(meeting: id, site: "a", outcome: .answered, now: start.plus(2))
        _ = scheduler.advance(now: start.plus(3600))
        #expect(scheduler.status(of: id)?.sites.first?.state == .awaitingStart)
    }
}

/// A site whose calls drop straight after the answer is called back after the redial waits, not in a loop.
@Suite struct MeetingSchedulerShortStayTests {
    typealias T = MeetingTestSupport
    let start = T.at("2026-12-01 09:00")
    let id = MeetingID("k3m9x2ab")!

    @Test func aSiteThatKeepsLeavingAtOnceIsCalledBackAfterTheWaitsAndThenAlarmed() throws {
        var scheduler = MeetingScheduler(now: start.plus(-60))
        _ = try scheduler.add(T.meeting("k3m9x2ab", at: "2026-12-01 09:00", sites: ["a"]), now: start.plus(-60))
        let occurrence = try #require(scheduler.upcoming.first)
        _ = scheduler.advance(now: start)
        var now = start
        // Each time: answered, then gone 31 s later (the media timeout), called back 30, 60, 120 s later.
        for (attempt, wait) in [(2, 30), (3, 60), (4, 120)] {
            _ = scheduler.dialResult(meeting: id, site: "a", outcome: .answered, now: now.plus(2))
            now = now.plus(33)
            #expect(scheduler.siteLeft(meeting: id, site: "a", now: now) == [], "no call at once")
            let due = now.plus(wait)
            #expect(scheduler.status(of: id)?.sites.first?.state
                == .waitingToRedial(attempt: attempt, at: due, after: .leftAtOnce))
            #expect(scheduler.advance(now: due.plus(-1)) == [])
            #expect(scheduler.advance(now: due) == [.dial(occurrence, site: "a", attempt: attempt)])
            now = due
        }
        _ = scheduler.dialResult(meeting: id, site: "a", outcome: .answered, now: now.plus(2))
        #expect(
            scheduler.siteLeft(meeting: id, site: "a", now: now.plus(35)) == [
                .alarm(occurrence, site: "a", reason: .leftAtOnce)
            ])
        let row = try #require(scheduler.attendance(of: id, now: now.plus(40)).first)
        #expect(row.calls == 4)
        #expect(row.lastFailure == .leftAtOnce)
        #expect(row.secondsPresent == 4 * 31 + 2)
    }

    @Test func aLongStayStartsTheCountAgainAndIsCalledBackAtOnce() throws {
        var scheduler = MeetingScheduler(now: start.plus(-60))
        _ = try scheduler.add(T.meeting("k3m9x2ab", at: "2026-12-01 09:00", sites: ["a"]), now: start.plus(-60))
        let occurrence = try #require(scheduler.upcoming.first)
        _ = scheduler.advance(now: start)
        _ = scheduler.dialResult(meeting: id, site: "a", outcome: .answered, now: start.plus(1))
        _ = scheduler.siteLeft(meeting: id, site: "a", now: start.plus(10))
        _ = scheduler.advance(now: start.plus(40))
        _ = scheduler.dialResult(meeting: id, site: "a", outcome: .answered, now: start.plus(41))
        // Stayed 60 s: a normal departure, called back at once.
        #expect(
            scheduler.siteLeft(meeting: id, site: "a", now: start.plus(101)) == [
                .dial(occurrence, site: "a", attempt: 1)
            ])
        _ = scheduler.dialResult(meeting: id, site: "a", outcome: .answered, now: start.plus(102))
        // The next short stay is the first of a new count: 30 s, not 60 s.
        _ = scheduler.siteLeft(meeting: id, site: "a", now: start.plus(110))
        #expect(scheduler.status(of: id)?.sites.first?.state
            == .waitingToRedial(attempt: 2, at: start.plus(140), after: .leftAtOnce))
    }
}
