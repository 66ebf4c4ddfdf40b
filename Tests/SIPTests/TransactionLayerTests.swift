import XCTest

@testable import SIP

/// The transaction layer: creation, retransmission absorption, ACK and CANCEL routing, timers through one queue,
/// stray responses and the live-transaction bound (RFC 3261 §17, §9.2, §18.1.2).
final class TransactionLayerTests: XCTestCase {
    private typealias F = TransactionFixtures

    private func newRequestID(_ actions: [TransactionLayerAction],
                              file: StaticString = #filePath, line: UInt = #line) -> ServerTransactionID? {
        for case .newRequest(_, let id, _) in actions { return id }
        XCTFail("no new request in \(actions)", file: file, line: line)
        return nil
    }

    private func sentResponses(_ actions: [TransactionLayerAction]) -> [Int] {
        actions.compactMap { if case .send(.response(let r), _) = $0 { r.statusCode } else { nil } }
    }

    /// Runs the layer's one timer: every step goes to `nextDeadline` until nothing is pending or `limit` is passed.
    private func runTimers(_ layer: inout TransactionLayer, until limit: SIPInstant) -> [TransactionLayerAction] {
        var out: [TransactionLayerAction] = []
        while let deadline = layer.nextDeadline, deadline <= limit { out += layer.advance(to: deadline) }
        return out
    }

    func testRegisterRetransmissionsAreAbsorbedAndAnsweredUntilTimerJ() throws {
        var layer = TransactionLayer()
        let register = F.register()

        let first = layer.receive(request: register, from: F.udp, now: F.at(0))
        let id = try XCTUnwrap(newRequestID(first))
        XCTAssertEqual(first, [.newRequest(register, id, from: F.udp)])
        XCTAssertEqual(layer.receive(request: register, from: F.udp, now: F.at(500)), [], "absorbed while Trying")

        let ok = F.reply(200, to: register)
        XCTAssertEqual(try layer.respond(ok, to: id, now: F.at(600)), [.send(.response(ok), to: F.udp)])
        XCTAssertEqual(layer.receive(request: register, from: F.udp, now: F.at(1_500)),
                       [.send(.response(ok), to: F.udp)])
        XCTAssertEqual(layer.liveTransactionCount, 1)

        XCTAssertEqual(runTimers(&layer, until: F.at(40_000)), [])
        XCTAssertEqual(layer.liveTransactionCount, 0, "Timer J ended it")
        XCTAssertNil(layer.nextDeadline)
        // A very late copy is a new transaction, and the old handle is dead.
        let late = layer.receive(request: register, from: F.udp, now: F.at(40_000))
        XCTAssertNotEqual(newRequestID(late), id)
        XCTAssertThrowsError(try layer.respond(ok, to: id, now: F.at(40_001))) {
            XCTAssertEqual($0 as? TransactionError, .unknownTransaction)
        }
    }

    /// §17.2.2 in Completed: the final response is all that is kept; the TU's later finals are discarded.
    func testACompletedNonINVITEKeepsOnlyItsFinalResponse() throws {
        var layer = TransactionLayer()
        let register = F.register()
        let id = try XCTUnwrap(newRequestID(layer.receive(request: register, from: F.udp, now: F.at(0))))
        XCTAssertEqual(layer.request(of: id), register, "held while the TU answers")

        let ok = F.reply(200, to: register)
        _ = try layer.respond(ok, to: id, now: F.at(1))
        XCTAssertNil(layer.request(of: id), "let go once the final response is sent")
        XCTAssertEqual(try layer.respond(F.reply(500, to: register), to: id, now: F.at(2)), [])
        XCTAssertEqual(layer.receive(request: register, from: F.udp, now: F.at(3)), [.send(.response(ok), to: F.udp)])
        XCTAssertEqual(layer.liveTransactionCount, 1)
    }

    func testTCPRegisterLeavesNothingBehind() throws {
        var layer = TransactionLayer()
        let register = F.register(transport: "TCP")
        let id = try XCTUnwrap(newRequestID(layer.receive(request: register, from: F.tcp, now: F.at(0))))
        _ = try layer.respond(F.reply(200, to: register), to: id, now: F.at(1))
        XCTAssertEqual(layer.liveTransactionCount, 0)
        XCTAssertNil(layer.nextDeadline)
    }

    func testINVITEGetsTryingAndTheACKOfItsNon2xxIsAbsorbed() throws {
        var layer = TransactionLayer()
        let invite = F.invite()

        let actions = layer.receive(request: invite, from: F.udp, now: F.at(0))
        XCTAssertEqual(sentResponses(actions), [100])
        let id = try XCTUnwrap(newRequestID(actions))

        let busy = F.reply(486, to: invite)
        XCTAssertEqual(try layer.respond(busy, to: id, now: F.at(100)), [.send(.response(busy), to: F.udp)])
        // Timer G resends the 486 at 600 ms until the ACK comes.
        XCTAssertEqual(layer.advance(to: F.at(600)), [.send(.response(busy), to: F.udp)])
        XCTAssertEqual(layer.receive(request: invite.makeACK(for: busy), from: F.udp, now: F.at(700)), [])
        XCTAssertEqual(layer.state(of: id), .confirmed)
        XCTAssertEqual(runTimers(&layer, until: F.at(60_000)), [], "no more resends after the ACK")
        XCTAssertEqual(layer.liveTransactionCount, 0)
    }

    func testTimerHReportsTheMissingACKToTheTU() throws {
        var layer = TransactionLayer(configuration: .init(sendsTryingForInvite: false))
        let invite = F.invite()
        let actions = layer.receive(request: invite, from: F.udp, now: F.at(0))
        XCTAssertEqual(sentResponses(actions), [], "100 Trying is the TU's choice")
        let id = try XCTUnwrap(newRequestID(actions))
        _ = try layer.respond(F.reply(603, to: invite), to: id, now: F.at(0))

        let fired = runTimers(&layer, until: F.at(60_000))
        XCTAssertEqual(sentResponses(fired).count, 10)
        XCTAssertEqual(fired.last, .timeout(.server(id)))
    }

    func testTheACKOfA2xxIsTheTUs() throws {
        var layer = TransactionLayer()
        let invite = F.invite()
        let id = try XCTUnwrap(newRequestID(layer.receive(request: invite, from: F.udp, now: F.at(0))))
        _ = try layer.respond(F.reply(200, to: invite), to: id, now: F.at(10))

        // Retransmitted INVITEs are absorbed in Accepted (RFC 6026 §7.1).
        XCTAssertEqual(layer.receive(request: invite, from: F.udp, now: F.at(300)), [])
        // The ACK of a 2xx has a branch of its own (§13.2.2.4): no transaction, so it goes to the TU.
        var ack = invite.makeACK(for: F.reply(200, to: invite))
        ack.headers.set(.via, "SIP/2.0/UDP ss1.atlanta.example.com:5060;branch=z9hG4bKnew2xxack")
        XCTAssertEqual(layer.receive(request: ack, from: F.udp, now: F.at(400)), [.ack(ack, from: F.udp)])
        // An ACK that reuses the INVITE's branch reaches the TU through the Accepted transaction.
        let sameBranchACK = invite.makeACK(for: F.reply(200, to: invite))
        XCTAssertEqual(layer.receive(request: sameBranchACK, from: F.udp, now: F.at(500)),
                       [.ack(sameBranchACK, from: F.udp)])
        XCTAssertEqual(layer.liveTransactionCount, 1)
        _ = runTimers(&layer, until: F.at(32_010))
        XCTAssertEqual(layer.liveTransactionCount, 0, "Timer L ended it")
    }

    func testCANCELIsMatchedToItsINVITE() throws {
        var layer = TransactionLayer()
        let invite = F.invite()
        let inviteID = try XCTUnwrap(newRequestID(layer.receive(request: invite, from: F.udp, now: F.at(0))))
        let cancel = invite.makeCANCEL()

        let actions = layer.receive(request: cancel, from: F.udp, now: F.at(2_000))

        guard case .cancel(cancel, let cancelID, let matched, F.udp)? = actions.first, actions.count == 1 else {
            return XCTFail("expected one CANCEL event, got \(actions)")
        }
        XCTAssertEqual(matched, inviteID)
        XCTAssertNotEqual(cancelID.key, inviteID.key)
        XCTAssertEqual(layer.state(of: inviteID), .proceeding)
        // §9.2: 200 to the CANCEL, 487 to the INVITE.
        XCTAssertEqual(sentResponses(try layer.respond(F.reply(200, to: cancel), to: cancelID, now: F.at(2_001))), [200])
        XCTAssertEqual(sentResponses(try layer.respond(F.reply(487, to: invite), to: inviteID, now: F.at(2_002))), [487])
        // A retransmitted CANCEL gets its 200 again.
        XCTAssertEqual(sentResponses(layer.receive(request: cancel, from: F.udp, now: F.at(2_500))), [200])
    }

    func testUnmatchedCANCELIsReportedWithoutAnINVITE() throws {
        var layer = TransactionLayer()
        let cancel = F.invite(branch: "z9hG4bKnothinglikeit").makeCANCEL()
        let actions = layer.receive(request: cancel, from: F.udp, now: F.at(0))
        guard case .cancel(_, _, let matched, _)? = actions.first else { return XCTFail("no CANCEL event") }
        XCTAssertNil(matched, "the TU answers 481")
    }

    func testRFC2543INVITEIsMatchedByItsIdentityAndItsACKByTheResponseTag() throws {
        var layer = TransactionLayer()
        let invite = F.invite(branch: "z9hG4bK")  // exactly the cookie: RFC 2543 rules
        let id = try XCTUnwrap(newRequestID(layer.receive(request: invite, from: F.udp, now: F.at(0))))
        guard case .rfc2543 = id.key else { return XCTFail("expected an RFC 2543 key, got \(id.key)") }
        XCTAssertEqual(sentResponses(layer.receive(request: invite, from: F.udp, now: F.at(400))), [100])

        let busy = F.reply(486, to: invite, toTag: "as8d9")
        _ = try layer.respond(busy, to: id, now: F.at(500))
        // An ACK with some other To tag acknowledges another response: not this transaction's.
        let foreign = invite.makeACK(for: F.reply(486, to: invite, toTag: "other"))
        XCTAssertEqual(layer.receive(request: foreign, from: F.udp, now: F.at(600)), [.ack(foreign, from: F.udp)])
        XCTAssertEqual(layer.state(of: id), .completed)
        XCTAssertEqual(layer.receive(request: invite.makeACK(for: busy), from: F.udp, now: F.at(700)), [])
        XCTAssertEqual(layer.state(of: id), .confirmed)
    }

    func testClientTransactionRoundTripAndStrayResponses() throws {
        var layer = TransactionLayer()
        let register = F.register()
        let (id, actions) = try layer.send(request: register, to: F.udp, now: F.at(0))
        XCTAssertEqual(actions, [.send(.request(register), to: F.udp)])

        // Timer E retransmits through the layer's queue.
        XCTAssertEqual(layer.nextDeadline, F.at(500))
        XCTAssertEqual(layer.advance(to: F.at(500)), [.send(.request(register), to: F.udp)])

        // A response for some other branch is dropped (§18.1.2).
        var stray = F.reply(200, to: register)
        stray.headers.set(.via, "SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKunknown")
        XCTAssertEqual(layer.receive(response: stray, from: F.udp, now: F.at(600)), [])

        let ok = F.reply(200, to: register)
        XCTAssertEqual(layer.receive(response: ok, from: F.udp, now: F.at(700)), [.response(ok, id)])
        XCTAssertEqual(layer.receive(response: ok, from: F.udp, now: F.at(800)), [], "Completed absorbs it")
        _ = runTimers(&layer, until: F.at(10_000))
        XCTAssertEqual(layer.liveTransactionCount, 0, "Timer K ended it")
        XCTAssertEqual(layer.receive(response: ok, from: F.udp, now: F.at(10_001)), [])
    }

    func testClientTimeoutReachesTheTU() throws {
        var layer = TransactionLayer()
        let (id, _) = try layer.send(request: F.register(), to: F.udp, now: F.at(0))
        let fired = runTimers(&layer, until: F.at(40_000))
        XCTAssertEqual(fired.last, .timeout(.client(id)))
        XCTAssertEqual(fired.count, 11, "ten retransmissions, then Timer F")
        XCTAssertEqual(layer.liveTransactionCount, 0)
    }

    func testClientINVITEAcknowledgesANon2xxThroughTheLayer() throws {
        var layer = TransactionLayer()
        let invite = F.invite()
        let (id, _) = try layer.send(request: invite, to: F.udp, now: F.at(0))
        let busy = F.reply(486, to: invite)

        let actions = layer.receive(response: busy, from: F.udp, now: F.at(200))

        XCTAssertEqual(actions, [.response(busy, id), .send(.request(invite.makeACK(for: busy)), to: F.udp)])
        // The Timer A entry armed for 500 ms is stale now: the wake-up does nothing.
        XCTAssertEqual(layer.advance(to: F.at(500)), [])
    }

    func testSendRefusesACKsReusedBranchesAndBranchlessRequests() throws {
        var layer = TransactionLayer()
        _ = try layer.send(request: F.register(), to: F.udp, now: F.at(0))
        XCTAssertThrowsError(try layer.send(request: F.register(), to: F.udp, now: F.at(1))) {
            guard case .duplicateTransaction = $0 as? TransactionError else { return XCTFail("\($0)") }
        }
        let ack = F.invite().makeACK(for: F.reply(486, to: F.invite()))
        XCTAssertThrowsError(try layer.send(request: ack, to: F.udp, now: F.at(1))) {
            XCTAssertEqual($0 as? TransactionError, .ackIsNotATransaction)
        }
        XCTAssertThrowsError(try layer.send(request: F.register(branch: "abc"), to: F.udp, now: F.at(1))) {
            XCTAssertEqual($0 as? TransactionError, .missingBranch)
        }
    }

    func testSendFailureFailsTheTransactionItBelongsTo() throws {
        var layer = TransactionLayer()
        let register = F.register()
        let id = try XCTUnwrap(newRequestID(layer.receive(request: register, from: F.udp, now: F.at(0))))
        let ok = F.reply(200, to: register)
        _ = try layer.respond(ok, to: id, now: F.at(1))

        XCTAssertEqual(layer.sendFailed(.response(ok), now: F.at(2)), [.transportError(.server(id))])
        XCTAssertEqual(layer.liveTransactionCount, 0)

        let (clientID, _) = try layer.send(request: F.invite(), to: F.udp, now: F.at(3))
        XCTAssertEqual(layer.sendFailed(.request(F.invite()), now: F.at(4)), [.transportError(.client(clientID))])
    }

    func testBeyondTheLiveBoundNewRequestsGetAStateless503() throws {
        var layer = TransactionLayer(configuration: .init(maxLiveTransactions: 2, overloadRetryAfterSeconds: 7))
        _ = layer.receive(request: F.register(branch: "z9hG4bKone"), from: F.udp, now: F.at(0))
        _ = layer.receive(request: F.register(branch: "z9hG4bKtwo"), from: F.udp, now: F.at(0))

        let third = F.register(branch: "z9hG4bKthree")
        let actions = layer.receive(request: third, from: F.udp, now: F.at(1))

        guard case .send(.response(let busy), F.udp)? = actions.first, actions.count == 1 else {
            return XCTFail("expected one stateless response, got \(actions)")
        }
        XCTAssertEqual(busy.statusCode, 503)
        XCTAssertEqual(busy.headers[.retryAfter], "7")
        XCTAssertNotNil(try busy.headers.to().tag)
        XCTAssertEqual(layer.liveTransactionCount, 2)
        // Retransmissions of live transactions are still served.
        XCTAssertEqual(layer.receive(request: F.register(branch: "z9hG4bKone"), from: F.udp, now: F.at(2)), [])
        XCTAssertThrowsError(try layer.send(request: F.invite(), to: F.udp, now: F.at(3))) {
            XCTAssertEqual($0 as? TransactionError, .overloaded(limit: 2))
        }
    }

    /// The registrar load: 2,000 REGISTER/s over UDP for 40 s keeps ~64,000 server transactions live through
    /// Timer J, and every one of them is gone when its J fires.
    func testSustainedRegisterLoadStaysBoundedByTimerJ() throws {
        var layer = TransactionLayer()
        var peak = 0
        var template = F.register()
        for n in 0..<80_000 {
            let now = F.at(Int64(n) / 2)  // 2 per millisecond
            template.headers.set(.via, "SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK\(n)")
            _ = layer.advance(to: now)
            guard let id = newRequestID(layer.receive(request: template, from: F.udp, now: now)) else { return }
            _ = try layer.respond(F.reply(200, to: template), to: id, now: now)
            peak = max(peak, layer.liveTransactionCount)
        }
        XCTAssertEqual(peak, 64_000, "32 s of Timer J at 2 per millisecond")
        _ = layer.advance(to: F.at(80_000))
        XCTAssertEqual(layer.liveTransactionCount, 0)
        XCTAssertNil(layer.nextDeadline)
    }
}
