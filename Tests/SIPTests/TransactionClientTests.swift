import XCTest

@testable import SIP

/// The client transactions of RFC 3261 §17.1.1 (INVITE, with RFC 6026's Accepted state) and §17.1.2 (non-INVITE).
final class TransactionClientTests: XCTestCase {
    private typealias F = TransactionFixtures

    // MARK: INVITE client transaction

    func testTimerADoublesWithoutCapUntilTimerBTimesOut() {
        var tx = ClientInviteTransaction(request: F.invite(), flow: F.udp)
        XCTAssertEqual(tx.start(now: F.at(0)), [.send(.request(F.invite()), to: F.udp)])

        let firings = F.runTimers(&tx)

        // A: T1, 2·T1, 4·T1, ... — 16 s exceeds T2 (4 s): INVITE retransmissions are not capped (§17.1.1.2).
        let retransmits = firings.filter { $0.actions == [.send(.request(F.invite()), to: F.udp)] }.map(\.ms)
        XCTAssertEqual(retransmits, [500, 1_500, 3_500, 7_500, 15_500, 31_500])
        // B: 64·T1 after the start the TU hears of the timeout.
        XCTAssertEqual(firings.last?.ms, 32_000)
        XCTAssertEqual(firings.last?.actions, [.timeout, .terminated])
        XCTAssertEqual(firings.count, 7)
        XCTAssertEqual(tx.state, .terminated)
        XCTAssertNil(tx.nextDeadline)
    }

    func testReliableTransportHasNoTimerAButTimerBStill() {
        var tx = ClientInviteTransaction(request: F.invite(transport: "TCP"), flow: F.tcp)
        _ = tx.start(now: F.at(0))
        let firings = F.runTimers(&tx)
        XCTAssertEqual(firings.map(\.ms), [32_000])
        XCTAssertEqual(firings.first?.actions, [.timeout, .terminated])
    }

    func testTimersFollowAConfiguredT1() {
        let timers = TransactionTimers(t1: .milliseconds(100))
        var tx = ClientInviteTransaction(request: F.invite(), flow: F.udp, timers: timers)
        _ = tx.start(now: F.at(1_000))
        let firings = F.runTimers(&tx)
        XCTAssertEqual(firings.map(\.ms), [1_100, 1_300, 1_700, 2_500, 4_100, 7_300, 7_400])
        XCTAssertEqual(firings.last?.actions, [.timeout, .terminated])
    }

    func testProvisionalStopsRetransmissionsAndArmsTimerC() {
        var tx = ClientInviteTransaction(request: F.invite(), flow: F.udp)
        _ = tx.start(now: F.at(0))
        _ = tx.timerFired(now: F.at(500))
        let ringing = F.reply(180, to: F.invite())

        XCTAssertEqual(tx.receive(ringing, now: F.at(800)), [.passToTU(ringing)])
        XCTAssertEqual(tx.state, .proceeding)
        // Only Timer C (3 min) remains: neither A nor B runs in Proceeding.
        XCTAssertEqual(tx.nextDeadline, F.at(180_800))

        // Each provisional restarts Timer C.
        XCTAssertEqual(tx.receive(ringing, now: F.at(60_000)), [.passToTU(ringing)])
        XCTAssertEqual(tx.nextDeadline, F.at(240_000))
        XCTAssertEqual(tx.timerFired(now: F.at(239_999)), [])
        XCTAssertEqual(tx.timerFired(now: F.at(240_000)), [.timeout, .terminated])
    }

    func testWithoutTimerCProceedingWaitsForTheFinalResponse() {
        var tx = ClientInviteTransaction(request: F.invite(), flow: F.udp, timers: TransactionTimers(timerC: nil))
        _ = tx.start(now: F.at(0))
        _ = tx.receive(F.reply(100, to: F.invite(), toTag: nil), now: F.at(10))
        XCTAssertNil(tx.nextDeadline)
    }

    func testNon2xxFinalIsAcknowledgedAndRetransmissionsAbsorbedUntilTimerD() throws {
        var tx = ClientInviteTransaction(request: F.invite(), flow: F.udp)
        _ = tx.start(now: F.at(0))
        let busy = F.reply(486, to: F.invite())

        let actions = tx.receive(busy, now: F.at(1_000))

        XCTAssertEqual(actions.passedToTU, [busy])
        let ack = try XCTUnwrap(tx.ack)
        XCTAssertEqual(actions.sent, [.request(ack)])
        XCTAssertEqual(try ack.headers.to().tag, "8321234356")
        XCTAssertEqual(tx.state, .completed)
        // A retransmitted 486: the ACK again, the TU is not told twice.
        XCTAssertEqual(tx.receive(busy, now: F.at(2_000)), [.send(.request(ack), to: F.udp)])
        // D: 32 s over UDP.
        XCTAssertEqual(tx.nextDeadline, F.at(33_000))
        XCTAssertEqual(tx.timerFired(now: F.at(33_000)), [.terminated])
    }

    func testNon2xxOverTCPTerminatesRightAfterTheACK() {
        var tx = ClientInviteTransaction(request: F.invite(transport: "TCP"), flow: F.tcp)
        _ = tx.start(now: F.at(0))
        let notFound = F.reply(404, to: F.invite(transport: "TCP"))

        let actions = tx.receive(notFound, now: F.at(100))

        XCTAssertEqual(actions.count, 3)
        XCTAssertEqual(actions.first, .passToTU(notFound))
        XCTAssertEqual(actions.last, .terminated)
        XCTAssertEqual(actions.sent.count, 1)
        XCTAssertNil(tx.nextDeadline)
    }

    func test2xxIsAcceptedAndEvery2xxReachesTheTUUntilTimerM() {
        var tx = ClientInviteTransaction(request: F.invite(), flow: F.udp)
        _ = tx.start(now: F.at(0))
        let ok = F.reply(200, to: F.invite())
        let forked = F.reply(200, to: F.invite(), toTag: "forked-leg")

        // No ACK from the transaction: the TU acknowledges a 2xx itself (§13.2.2.4).
        XCTAssertEqual(tx.receive(ok, now: F.at(300)), [.passToTU(ok)])
        XCTAssertEqual(tx.state, .accepted)
        XCTAssertEqual(tx.receive(ok, now: F.at(800)), [.passToTU(ok)])
        XCTAssertEqual(tx.receive(forked, now: F.at(900)), [.passToTU(forked)])
        XCTAssertEqual(tx.receive(F.reply(486, to: F.invite()), now: F.at(1_000)), [])
        // M: 64·T1 after the first 2xx.
        XCTAssertEqual(tx.nextDeadline, F.at(32_300))
        XCTAssertEqual(tx.timerFired(now: F.at(32_300)), [.terminated])
    }

    func testTransportErrorWhileCallingReachesTheTU() {
        var tx = ClientInviteTransaction(request: F.invite(), flow: F.udp)
        _ = tx.start(now: F.at(0))
        XCTAssertEqual(tx.transportFailed(), [.transportError, .terminated])
        XCTAssertEqual(tx.receive(F.reply(200, to: F.invite()), now: F.at(10)), [])
    }

    // MARK: non-INVITE client transaction

    func testTimerEDoublesUpToT2UntilTimerFTimesOut() {
        var tx = ClientNonInviteTransaction(request: F.register(), flow: F.udp)
        XCTAssertEqual(tx.start(now: F.at(0)).sent, [.request(F.register())])

        let firings = F.runTimers(&tx)

        let retransmits = firings.filter { $0.actions.sent == [.request(F.register())] }.map(\.ms)
        XCTAssertEqual(retransmits, [500, 1_500, 3_500, 7_500, 11_500, 15_500, 19_500, 23_500, 27_500, 31_500])
        XCTAssertEqual(firings.last?.ms, 32_000)
        XCTAssertEqual(firings.last?.actions, [.timeout, .terminated])
    }

    func testProvisionalSwitchesTimerEToT2() {
        var tx = ClientNonInviteTransaction(request: F.register(), flow: F.udp)
        _ = tx.start(now: F.at(0))
        let trying = F.reply(100, to: F.register(), toTag: nil)

        XCTAssertEqual(tx.receive(trying, now: F.at(100)), [.passToTU(trying)])
        XCTAssertEqual(tx.state, .proceeding)

        let firings = F.runTimers(&tx)
        // The E armed in Trying still fires at 500 ms; from then on every T2 (§17.1.2.2), until F at 32 s.
        XCTAssertEqual(firings.map(\.ms), [500, 4_500, 8_500, 12_500, 16_500, 20_500, 24_500, 28_500, 32_000])
    }

    func testFinalResponseReachesTheTUAndTimerKAbsorbsRetransmissions() {
        var tx = ClientNonInviteTransaction(request: F.register(), flow: F.udp)
        _ = tx.start(now: F.at(0))
        let ok = F.reply(200, to: F.register())

        XCTAssertEqual(tx.receive(ok, now: F.at(700)), [.passToTU(ok)])
        XCTAssertEqual(tx.state, .completed)
        XCTAssertEqual(tx.receive(ok, now: F.at(900)), [])
        // K: T4 over UDP, and no retransmission of the request any more.
        XCTAssertEqual(F.runTimers(&tx).map(\.ms), [5_700])
        XCTAssertEqual(tx.state, .terminated)
    }

    func testReliableNonInviteHasNoTimerEAndNoTimerK() {
        var tx = ClientNonInviteTransaction(request: F.register(transport: "TCP"), flow: F.tcp)
        _ = tx.start(now: F.at(0))
        XCTAssertEqual(tx.nextDeadline, F.at(32_000), "only F runs over TCP")
        let ok = F.reply(200, to: F.register(transport: "TCP"))
        XCTAssertEqual(tx.receive(ok, now: F.at(50)), [.passToTU(ok), .terminated])
    }

    func testTimerFTimesOutOverTCPToo() {
        var tx = ClientNonInviteTransaction(request: F.register(transport: "TCP"), flow: F.tcp)
        _ = tx.start(now: F.at(0))
        XCTAssertEqual(tx.timerFired(now: F.at(31_999)), [])
        XCTAssertEqual(tx.timerFired(now: F.at(32_000)), [.timeout, .terminated])
    }
}
