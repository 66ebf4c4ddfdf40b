import XCTest

@testable import SIP

/// The server transactions of RFC 3261 §17.2.1 (INVITE, with RFC 6026's Accepted state) and §17.2.2 (non-INVITE).
final class TransactionServerTests: XCTestCase {
    private typealias F = TransactionFixtures

    // MARK: INVITE server transaction

    func testTryingIsResentForARetransmittedINVITEUntilTheTUSpeaks() throws {
        var tx = ServerInviteTransaction(request: F.invite(), flow: F.udp)
        XCTAssertEqual(tx.receiveRetransmission(now: F.at(0)), [], "nothing to resend before any response")

        let trying = tx.sendTrying(now: F.at(0))
        let sentTrying = try XCTUnwrap(trying.sent.first)
        guard case .response(let hundred) = sentTrying else { return XCTFail("not a response") }
        XCTAssertEqual(hundred.statusCode, 100)
        XCTAssertNil(try hundred.headers.to().tag, "a 100 carries no To tag (§8.2.6.2)")
        XCTAssertEqual(tx.receiveRetransmission(now: F.at(500)), [.send(sentTrying, to: F.udp)])

        let ringing = F.reply(180, to: F.invite())
        XCTAssertEqual(tx.respond(ringing, now: F.at(600)), [.send(.response(ringing), to: F.udp)])
        XCTAssertEqual(tx.receiveRetransmission(now: F.at(1_500)), [.send(.response(ringing), to: F.udp)])
        XCTAssertNil(tx.nextDeadline, "Proceeding runs no timer")
    }

    func testNon2xxFinalIsRetransmittedByTimerGCappedAtT2UntilTimerH() {
        var tx = ServerInviteTransaction(request: F.invite(), flow: F.udp)
        let busy = F.reply(486, to: F.invite())
        XCTAssertEqual(tx.respond(busy, now: F.at(0)), [.send(.response(busy), to: F.udp)])
        XCTAssertEqual(tx.state, .completed)

        let firings = F.runTimers(&tx)

        let resends = firings.filter { $0.actions == [.send(.response(busy), to: F.udp)] }.map(\.ms)
        XCTAssertEqual(resends, [500, 1_500, 3_500, 7_500, 11_500, 15_500, 19_500, 23_500, 27_500, 31_500])
        // H: no ACK within 64·T1 is a failure the TU hears of.
        XCTAssertEqual(firings.last?.ms, 32_000)
        XCTAssertEqual(firings.last?.actions, [.timeout, .terminated])
    }

    func testACKConfirmsAndTimerIAbsorbsACKRetransmissions() {
        var tx = ServerInviteTransaction(request: F.invite(), flow: F.udp)
        let busy = F.reply(486, to: F.invite())
        _ = tx.respond(busy, now: F.at(0))
        let ack = F.invite().makeACK(for: busy)

        // The INVITE retransmitted in Completed gets the final again.
        XCTAssertEqual(tx.receiveRetransmission(now: F.at(200)), [.send(.response(busy), to: F.udp)])
        XCTAssertEqual(tx.receiveACK(ack, now: F.at(1_000)), [])
        XCTAssertEqual(tx.state, .confirmed)
        XCTAssertEqual(tx.receiveACK(ack, now: F.at(1_100)), [])
        XCTAssertEqual(tx.receiveRetransmission(now: F.at(1_200)), [])
        // I: T4 over UDP; G and H are gone.
        XCTAssertEqual(F.runTimers(&tx).map(\.ms), [6_000])
        XCTAssertEqual(tx.state, .terminated)
    }

    func testReliableINVITEHasNoTimerGAndTerminatesOnTheACK() {
        var tx = ServerInviteTransaction(request: F.invite(transport: "TCP"), flow: F.tcp)
        let busy = F.reply(486, to: F.invite(transport: "TCP"))
        _ = tx.respond(busy, now: F.at(0))
        XCTAssertEqual(tx.nextDeadline, F.at(32_000), "only H runs over TCP")
        XCTAssertEqual(tx.receiveACK(F.invite(transport: "TCP").makeACK(for: busy), now: F.at(40)), [.terminated])
    }

    func test2xxIsAcceptedAbsorbingINVITERetransmissionsUntilTimerL() {
        var tx = ServerInviteTransaction(request: F.invite(), flow: F.udp)
        _ = tx.sendTrying(now: F.at(0))
        let ok = F.reply(200, to: F.invite())
        XCTAssertEqual(tx.respond(ok, now: F.at(100)), [.send(.response(ok), to: F.udp)])
        XCTAssertEqual(tx.state, .accepted)

        // The TU retransmits its 2xx through the transaction; the transaction itself never does.
        XCTAssertEqual(tx.respond(ok, now: F.at(600)), [.send(.response(ok), to: F.udp)])
        XCTAssertEqual(tx.respond(F.reply(500, to: F.invite()), now: F.at(700)), [])
        XCTAssertEqual(tx.receiveRetransmission(now: F.at(800)), [])
        let ack = F.request("""
            ACK sip:bob@client.biloxi.example.com SIP/2.0\r
            Via: SIP/2.0/UDP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790\r
            Max-Forwards: 70\r
            From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r
            To: Bob <sip:bob@biloxi.example.com>;tag=8321234356\r
            Call-ID: 3848276298220188511@atlanta.example.com\r
            CSeq: 1 ACK\r
            Content-Length: 0\r
            \r

            """)
        XCTAssertEqual(tx.receiveACK(ack, now: F.at(900)), [.passACKToTU(ack)])
        XCTAssertEqual(F.runTimers(&tx).map(\.ms), [32_100])
        XCTAssertEqual(tx.state, .terminated)
    }

    func testResponsesAfterTheFinalAreDiscarded() {
        var tx = ServerInviteTransaction(request: F.invite(), flow: F.udp)
        _ = tx.respond(F.reply(486, to: F.invite()), now: F.at(0))
        XCTAssertEqual(tx.respond(F.reply(200, to: F.invite()), now: F.at(10)), [])
        XCTAssertEqual(tx.lastResponse?.statusCode, 486)
    }

    func testServerTransportErrorIsReported() {
        var tx = ServerInviteTransaction(request: F.invite(), flow: F.udp)
        _ = tx.respond(F.reply(486, to: F.invite()), now: F.at(0))
        XCTAssertEqual(tx.transportFailed(), [.transportError, .terminated])
        XCTAssertNil(tx.nextDeadline)
    }

    // MARK: non-INVITE server transaction

    func testNonInviteAbsorbsRetransmissionsAndResendsTheLastResponseUntilTimerJ() {
        var tx = ServerNonInviteTransaction(request: F.register(), flow: F.udp)
        XCTAssertEqual(tx.receiveRetransmission(now: F.at(500)), [], "Trying: retransmissions are absorbed")

        let trying = F.reply(100, to: F.register(), toTag: nil)
        XCTAssertEqual(tx.respond(trying, now: F.at(600)), [.send(.response(trying), to: F.udp)])
        XCTAssertEqual(tx.state, .proceeding)
        XCTAssertEqual(tx.receiveRetransmission(now: F.at(1_500)), [.send(.response(trying), to: F.udp)])

        let ok = F.reply(200, to: F.register())
        XCTAssertEqual(tx.respond(ok, now: F.at(2_000)), [.send(.response(ok), to: F.udp)])
        XCTAssertEqual(tx.state, .completed)
        XCTAssertEqual(tx.receiveRetransmission(now: F.at(3_500)), [.send(.response(ok), to: F.udp)])
        // §17.2.2: later finals from the TU are discarded.
        XCTAssertEqual(tx.respond(F.reply(500, to: F.register()), now: F.at(4_000)), [])
        // J: 64·T1 over UDP.
        XCTAssertEqual(F.runTimers(&tx).map(\.ms), [34_000])
        XCTAssertEqual(tx.state, .terminated)
        XCTAssertEqual(tx.receiveRetransmission(now: F.at(35_000)), [])
    }

    func testReliableNonInviteTerminatesWithTheFinalResponse() {
        var tx = ServerNonInviteTransaction(request: F.register(transport: "TCP"), flow: F.tcp)
        let ok = F.reply(200, to: F.register(transport: "TCP"))
        XCTAssertEqual(tx.respond(ok, now: F.at(0)), [.send(.response(ok), to: F.tcp), .terminated])
        XCTAssertNil(tx.nextDeadline)
    }

    // MARK: Table 4

    func testTimerValuesOfTable4() {
        let timers = TransactionTimers()
        XCTAssertEqual(timers.timerB, .seconds(32))
        XCTAssertEqual(timers.timerF, .seconds(32))
        XCTAssertEqual(timers.timerH, .seconds(32))
        XCTAssertEqual(timers.timerD(.udp), .seconds(32))
        XCTAssertEqual(timers.timerD(.tls), .zero)
        XCTAssertEqual(timers.timerI(.udp), .seconds(5))
        XCTAssertEqual(timers.timerI(.tcp), .zero)
        XCTAssertEqual(timers.timerJ(.udp), .seconds(32))
        XCTAssertEqual(timers.timerJ(.tcp), .zero)
        XCTAssertEqual(timers.timerK(.udp), .seconds(5))
        XCTAssertEqual(timers.timerK(.tls), .zero)
        // D stays at least 32 s when T1 shrinks, and follows 64·T1 when it grows.
        XCTAssertEqual(TransactionTimers(t1: .milliseconds(100)).timerD(.udp), .seconds(32))
        XCTAssertEqual(TransactionTimers(t1: .seconds(1)).timerD(.udp), .seconds(64))
    }
}
