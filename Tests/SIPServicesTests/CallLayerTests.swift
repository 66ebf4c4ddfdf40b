import Foundation
import SIP
@testable import SIPServices
import XCTest

/// Given a server core with no router but the test, when a caller sends INVITE, ACK, BYE, CANCEL, re-INVITE, INFO and
/// UPDATE, then the core keeps the dialog as RFC 3261 §12–15 and RFC 4028 say — sans-IO, with an injected clock.
final class CallLayerTests: XCTestCase {
    let flow = SIPFlow(transport: .udp, remoteHost: "127.0.0.1", remotePort: 5070)
    let wall = Date(timeIntervalSince1970: 1_800_000_000)
    var now = SIPInstant.seconds(100)
    var core: SIPServerCore!
    let sdp = Array("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n".utf8)

    override func setUp() {
        let alice = AccountCredentials(username: "alice", realm: "huiyi.local", password: "wonderland")
        let auth = DigestAuthenticator(
            realm: "huiyi.local", algorithms: [.md5], directory: StaticAccountDirectory([alice]),
            nonces: NonceAuthority(secret: Array(repeating: 7, count: 32)))
        let answerer = RequestAnswerer(domain: LocalDomain(name: "huiyi.local"), registrar: Registrar(now: wall),
                                       authenticator: auth)
        core = SIPServerCore(transactions: TransactionLayer(), answerer: answerer, random: SeededGenerator(seed: 9))
        core.localAddresses = [.udp: LocalSIPAddress(host: "127.0.0.1", port: 5060)]
    }

    // MARK: Helpers

    func message(_ startLine: String, branch: String, cseq: String, toTag: String? = nil, extra: [String] = [],
                 body: [UInt8] = []) -> [UInt8] {
        let text = ([startLine + " SIP/2.0",
                     "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK\(branch);rport",
                     "From: \"Shunde\" <sip:shunde@huiyi.local>;tag=caller1",
                     "To: <sip:8000@huiyi.local>" + (toTag.map { ";tag=\($0)" } ?? ""),
                     "Call-ID: call-7@127.0.0.1", "CSeq: \(cseq)", "Max-Forwards: 70",
                     "Contact: <sip:shunde@127.0.0.1:5070>",
                     "Record-Route: <sip:proxy.huiyi.local;lr>"]
                    + extra + ["Content-Length: \(body.count)", "", ""]).joined(separator: "\r\n")
        return Array(text.utf8) + body
    }

    @discardableResult
    func receive(_ bytes: [UInt8]) -> [SIPServerCore.Action] {
        core.receive(bytes, from: flow, now: now, wallClock: wall)
    }

    func sent(_ actions: [SIPServerCore.Action]) -> [SIPMessage] {
        actions.compactMap {
            guard case let .send(bytes, _) = $0 else { return nil }
            return try? SIPMessageParser().parse(bytes)
        }
    }

    func responses(_ actions: [SIPServerCore.Action]) -> [SIPResponse] {
        sent(actions).compactMap { if case .response(let r) = $0 { r } else { nil } }
    }

    func requests(_ actions: [SIPServerCore.Action]) -> [SIPRequest] {
        sent(actions).compactMap { if case .request(let r) = $0 { r } else { nil } }
    }

    func events(_ actions: [SIPServerCore.Action]) -> [CallEvent] {
        actions.compactMap { if case .call(let e) = $0 { e } else { nil } }
    }

    func advance(by duration: Duration) -> [SIPServerCore.Action] {
        now = now + duration
        return core.advance(now: now, wallClock: wall)
    }

    /// INVITE → offered; returns the handle.
    func invite(extra: [String] = []) throws -> CallHandle {
        let actions = receive(message("INVITE sip:8000@huiyi.local", branch: "inv1", cseq: "1 INVITE", extra: extra,
                                      body: sdp))
        XCTAssertEqual(responses(actions).map(\.statusCode), [100])
        guard case .offered(let call)? = events(actions).first else {
            XCTFail("no offered event")
            throw CancellationError()
        }
        XCTAssertEqual(call.request.uri.user, "8000")
        XCTAssertNil(call.credentials.authenticatedUser)
        return call.handle
    }

    func answerAndConfirm(_ handle: CallHandle) {
        let ok = responses(core.answerCall(handle, .accept(sdp: sdp), now: now))
        XCTAssertEqual(ok.map(\.statusCode), [200])
        let ack = receive(message("ACK sip:8000@127.0.0.1:5060", branch: "ack1", cseq: "1 ACK", toTag: handle.localTag))
        guard case .confirmed? = events(ack).first else { return XCTFail("ACK did not confirm the call") }
    }

    // MARK: Tests

    func testAnsweredCallRetransmits200UntilACKThenEndsOnBYE() throws {
        let handle = try invite()
        let ok = responses(core.answerCall(handle, .accept(sdp: sdp), now: now))
        XCTAssertEqual(ok.count, 1)
        let response = try XCTUnwrap(ok.first)
        XCTAssertEqual(response.statusCode, 200)
        XCTAssertEqual(try response.headers.to().tag, handle.localTag)
        XCTAssertEqual(response.headers[.contact], "<sip:8000@127.0.0.1:5060;transport=udp>")
        XCTAssertEqual(response.headers[.contentType], "application/sdp")
        XCTAssertEqual(response.body, sdp)
        XCTAssertEqual(response.headers.values(.recordRoute), ["<sip:proxy.huiyi.local;lr>"], "§12.1.1 copies Record-Route")
        // §13.3.1.4: resent at T1, then 2·T1.
        XCTAssertEqual(responses(advance(by: .milliseconds(500))).map(\.statusCode), [200])
        XCTAssertEqual(responses(advance(by: .milliseconds(500))).map(\.statusCode), [])
        XCTAssertEqual(responses(advance(by: .milliseconds(500))).map(\.statusCode), [200])
        let ack = receive(message("ACK sip:8000@127.0.0.1:5060", branch: "ack1", cseq: "1 ACK", toTag: handle.localTag))
        guard case .confirmed(let confirmed, _)? = events(ack).first else { return XCTFail("no confirmed event") }
        XCTAssertEqual(confirmed, handle)
        XCTAssertTrue(responses(advance(by: .seconds(10))).isEmpty, "no 200 after the ACK")

        let bye = receive(message("BYE sip:8000@127.0.0.1:5060", branch: "bye1", cseq: "2 BYE", toTag: handle.localTag))
        XCTAssertEqual(responses(bye).map(\.statusCode), [200])
        guard case .ended(let ended, .remoteHangUp)? = events(bye).first else { return XCTFail("no ended event") }
        XCTAssertEqual(ended, handle)
        XCTAssertEqual(core.callCount, 0)
        let again = receive(message("BYE sip:8000@127.0.0.1:5060", branch: "bye2", cseq: "3 BYE", toTag: handle.localTag))
        XCTAssertEqual(responses(again).map(\.statusCode), [481], "§15.1.2: no dialog any more")
    }

    func testNoACKEndsTheCallWithABYEAfter64T1() throws {
        let handle = try invite()
        _ = core.answerCall(handle, .accept(sdp: sdp), now: now)
        var byes: [SIPRequest] = []
        var ended: [CallEvent] = []
        for _ in 0..<70 {
            let actions = advance(by: .milliseconds(500))
            byes += requests(actions).filter { $0.method == .bye }
            ended += events(actions)
        }
        XCTAssertEqual(Set(byes.compactMap { try? $0.headers.topVia().branch }).count, 1,
                       "one BYE (its transaction retransmits it over UDP)")
        guard case .ended(_, .ackTimeout)? = ended.first else { return XCTFail("no ackTimeout event: \(ended)") }
    }

    func testCancelBeforeTheAnswer() throws {
        let handle = try invite()
        let cancel = receive(message("CANCEL sip:8000@huiyi.local", branch: "inv1", cseq: "1 CANCEL"))
        XCTAssertEqual(responses(cancel).map(\.statusCode).sorted(), [200, 487])
        XCTAssertEqual(try responses(cancel).first { $0.statusCode == 487 }?.headers.to().tag, handle.localTag)
        guard case .ended(_, .cancelled)? = events(cancel).first else { return XCTFail("no cancelled event") }
        XCTAssertTrue(core.answerCall(handle, .accept(sdp: sdp), now: now).isEmpty, "a cancelled call cannot be answered")
        XCTAssertEqual(core.callCount, 0)
    }

    func testHangUpSendsABYEWithinTheDialog() throws {
        let handle = try invite()
        answerAndConfirm(handle)
        let actions = core.hangUp(handle, reason: "removed by the operator", now: now)
        let bye = try XCTUnwrap(requests(actions).first)
        XCTAssertEqual(bye.method, .bye)
        // §12.2.1.1 with a loose route: Request-URI is the remote target, Route the route set.
        XCTAssertEqual(bye.uri.description, "sip:shunde@127.0.0.1:5070")
        XCTAssertEqual(bye.headers.values(.route), ["<sip:proxy.huiyi.local;lr>"])
        XCTAssertEqual(try bye.headers.from().tag, handle.localTag)
        XCTAssertEqual(try bye.headers.to().tag, "caller1")
        XCTAssertEqual(try bye.headers.cseq().sequence, 2)
        XCTAssertEqual(try bye.headers.topVia().host, "127.0.0.1")
        XCTAssertTrue(bye.headers[.reason]?.contains("removed by the operator") ?? false)
        guard case .ended(_, .localHangUp)? = events(actions).first else { return XCTFail("no ended event") }
    }

    func testHangUpBeforeTheACKWaitsForIt() throws {
        let handle = try invite()
        _ = core.answerCall(handle, .accept(sdp: sdp), now: now)
        XCTAssertTrue(requests(core.hangUp(handle, reason: "wrong PIN", now: now)).isEmpty, "§15: not before the ACK")
        let ack = receive(message("ACK sip:8000@127.0.0.1:5060", branch: "ack1", cseq: "1 ACK", toTag: handle.localTag))
        XCTAssertEqual(requests(ack).map(\.method), [.bye])
    }

    func testReINVITEIsOfferedToTheRouterOneAtATime() throws {
        let handle = try invite()
        answerAndConfirm(handle)
        let hold = receive(message("INVITE sip:8000@127.0.0.1:5060", branch: "re1", cseq: "2 INVITE",
                                   toTag: handle.localTag, body: sdp))
        guard case .reoffered(let h, let request)? = events(hold).first else { return XCTFail("no reoffered event") }
        XCTAssertEqual(h, handle)
        XCTAssertEqual(try request.headers.cseq().sequence, 2)
        let second = receive(message("INVITE sip:8000@127.0.0.1:5060", branch: "re2", cseq: "3 INVITE",
                                     toTag: handle.localTag, body: sdp))
        let busy = try XCTUnwrap(responses(second).last)
        XCTAssertEqual(busy.statusCode, 500, "§14.2")
        XCTAssertNotNil(busy.headers[.retryAfter])
        receive(message("ACK sip:8000@127.0.0.1:5060", branch: "re2", cseq: "3 ACK", toTag: handle.localTag))
        XCTAssertEqual(responses(core.answerCall(handle, .accept(sdp: sdp), now: now)).map(\.statusCode), [200])
        let ack = receive(message("ACK sip:8000@127.0.0.1:5060", branch: "ack2", cseq: "2 ACK", toTag: handle.localTag))
        XCTAssertTrue(events(ack).isEmpty, "a re-INVITE's ACK confirms nothing new")
        XCTAssertTrue(responses(advance(by: .seconds(2))).isEmpty, "no retransmission after the re-INVITE's ACK")
        let rejected = receive(message("INVITE sip:8000@127.0.0.1:5060", branch: "re3", cseq: "4 INVITE",
                                       toTag: handle.localTag, body: sdp))
        XCTAssertEqual(events(rejected).count, 1)
        XCTAssertEqual(responses(core.answerCall(handle, .reject(status: 488, warning: "no codec"), now: now))
            .map(\.statusCode), [488])
        XCTAssertEqual(core.callCount, 1, "a refused re-INVITE leaves the call up")
        let old = receive(message("INFO sip:8000@127.0.0.1:5060", branch: "i0", cseq: "3 INFO", toTag: handle.localTag))
        XCTAssertEqual(responses(old).map(\.statusCode), [500], "§12.2.2: CSeq lower than the last one")
    }

    func testInfoCarriesDTMFToTheRouter() throws {
        let handle = try invite()
        answerAndConfirm(handle)
        let info = receive(message("INFO sip:8000@127.0.0.1:5060", branch: "i1", cseq: "2 INFO", toTag: handle.localTag,
                                   extra: ["Content-Type: application/dtmf-relay"],
                                   body: Array("Signal=5\r\nDuration=160\r\n".utf8)))
        XCTAssertEqual(responses(info).map(\.statusCode), [200])
        guard case let .info(_, type, body)? = events(info).first else { return XCTFail("no info event") }
        XCTAssertEqual(type, "application/dtmf-relay")
        XCTAssertEqual(String(decoding: body, as: UTF8.self), "Signal=5\r\nDuration=160\r\n")
    }

    func testRequestsForUnknownDialogsGet481() {
        let bye = receive(message("BYE sip:8000@127.0.0.1:5060", branch: "b9", cseq: "2 BYE", toTag: "nosuchtag"))
        XCTAssertEqual(responses(bye).map(\.statusCode), [481])
        let reinvite = receive(message("INVITE sip:8000@127.0.0.1:5060", branch: "r9", cseq: "2 INVITE",
                                       toTag: "nosuchtag", body: sdp))
        XCTAssertEqual(responses(reinvite).map(\.statusCode).last, 481)
    }

    func testChallengeAnswers401AndForgetsTheCall() throws {
        let handle = try invite()
        let challenge = responses(core.answerCall(handle, .challenge, now: now))
        XCTAssertEqual(challenge.map(\.statusCode), [401])
        XCTAssertTrue(challenge.first?.headers[.wwwAuthenticate]?.hasPrefix("Digest ") ?? false)
        XCTAssertEqual(core.callCount, 0)
    }

    func testSessionTimersRFC4028() throws {
        let small = receive(message("INVITE sip:8000@huiyi.local", branch: "st1", cseq: "1 INVITE",
                                    extra: ["Session-Expires: 60", "Supported: timer"], body: sdp))
        let tooSmall = try XCTUnwrap(responses(small).last)
        XCTAssertEqual(tooSmall.statusCode, 422)
        XCTAssertEqual(tooSmall.headers[.minSE], "90")

        let handle = try invite(extra: ["Session-Expires: 120", "Supported: timer"])
        let ok = try XCTUnwrap(responses(core.answerCall(handle, .accept(sdp: sdp), now: now)).first)
        XCTAssertEqual(ok.headers[.sessionExpires], "120;refresher=uac")
        XCTAssertEqual(ok.headers[.require], "timer")
        _ = receive(message("ACK sip:8000@127.0.0.1:5060", branch: "ack1", cseq: "1 ACK", toTag: handle.localTag))
        // A refresh by UPDATE at 60 s restarts the clock.
        _ = advance(by: .seconds(60))
        let refresh = receive(message("UPDATE sip:8000@127.0.0.1:5060", branch: "u1", cseq: "2 UPDATE",
                                      toTag: handle.localTag, extra: ["Session-Expires: 120;refresher=uac",
                                                                      "Supported: timer"]))
        XCTAssertEqual(responses(refresh).map(\.statusCode), [200])
        XCTAssertTrue(events(advance(by: .seconds(60))).isEmpty, "refreshed at 60 s: alive at 120 s")
        // §10: no refresh → BYE at 120 − min(32, 40) = 88 s after the last one.
        let expired = advance(by: .seconds(28))
        XCTAssertEqual(requests(expired).map(\.method), [.bye])
        guard case .ended(_, .sessionExpired)? = events(expired).first else { return XCTFail("no expiry event") }
    }

    func testCancelAfterThe200HasNoEffect() throws {
        let handle = try invite()
        XCTAssertEqual(responses(core.answerCall(handle, .accept(sdp: sdp), now: now)).map(\.statusCode), [200])
        // §9.2: the INVITE already has its final response, so the CANCEL is answered 200 and changes nothing:
        // no 487 for the INVITE, and the call stays.
        let cancel = receive(message("CANCEL sip:8000@huiyi.local", branch: "inv1", cseq: "1 CANCEL"))
        XCTAssertEqual(responses(cancel).map(\.statusCode), [200])
        XCTAssertTrue(events(cancel).isEmpty)
        XCTAssertEqual(core.callCount, 1)
        let ack = receive(message("ACK sip:8000@127.0.0.1:5060", branch: "ack1", cseq: "1 ACK", toTag: handle.localTag))
        guard case .confirmed? = events(ack).first else { return XCTFail("the call was not confirmed after CANCEL") }
    }

    func testOptionsWithinTheDialogGets200AndLeavesTheCallUp() throws {
        let handle = try invite()
        answerAndConfirm(handle)
        let options = receive(message("OPTIONS sip:8000@127.0.0.1:5060", branch: "o1", cseq: "2 OPTIONS",
                                      toTag: handle.localTag))
        let ok = try XCTUnwrap(responses(options).first)
        XCTAssertEqual(responses(options).map(\.statusCode), [200])
        XCTAssertEqual(try ok.headers.to().tag, handle.localTag, "§12.2.2: answered within the dialog")
        XCTAssertTrue(ok.headers[.allow]?.contains("INVITE") ?? false, ok.headers[.allow] ?? "no Allow")
        XCTAssertTrue(events(options).isEmpty)
        XCTAssertEqual(core.callCount, 1)
    }

    func testAFailedRefreshEndsTheCallWithABYE() throws {
        let handle = try invite(extra: ["Session-Expires: 120;refresher=uas", "Supported: timer"])
        _ = core.answerCall(handle, .accept(sdp: sdp), now: now)
        _ = receive(message("ACK sip:8000@127.0.0.1:5060", branch: "ack1", cseq: "1 ACK", toTag: handle.localTag))
        let update = try XCTUnwrap(requests(advance(by: .seconds(60))).first { $0.method == .update })
        // RFC 4028 §10: a 481 (or 408, or a timeout) to the refresh means the session is gone.
        var gone = update.makeResponse(481, toTag: "caller1")
        gone.headers.append(.contentLength, "0")
        let actions = receive(gone.serialized())
        XCTAssertEqual(requests(actions).map(\.method), [.bye])
        guard case .ended(handle, .sessionExpired)? = events(actions).first else {
            return XCTFail("no ended event: \(events(actions))")
        }
        XCTAssertEqual(core.callCount, 0)
    }

    func testThisSideRefreshesByUPDATEWhenItIsTheRefresher() throws {
        let handle = try invite(extra: ["Session-Expires: 120;refresher=uas", "Supported: timer"])
        let ok = try XCTUnwrap(responses(core.answerCall(handle, .accept(sdp: sdp), now: now)).first)
        XCTAssertEqual(ok.headers[.sessionExpires], "120;refresher=uas")
        _ = receive(message("ACK sip:8000@127.0.0.1:5060", branch: "ack1", cseq: "1 ACK", toTag: handle.localTag))

        XCTAssertTrue(requests(advance(by: .seconds(59))).isEmpty, "not before half the interval")
        // RFC 4028 §10: the refresher refreshes at half the interval; an UPDATE without a body (RFC 3311 §5.1).
        let update = try XCTUnwrap(requests(advance(by: .seconds(1))).first { $0.method == .update })
        XCTAssertEqual(update.uri.description, "sip:shunde@127.0.0.1:5070", "§12.2.1.1: the remote target")
        XCTAssertEqual(update.headers.values(.route), ["<sip:proxy.huiyi.local;lr>"])
        XCTAssertEqual(try update.headers.from().tag, handle.localTag)
        XCTAssertEqual(try update.headers.to().tag, "caller1")
        XCTAssertEqual(update.headers[.sessionExpires], "120;refresher=uas")
        XCTAssertEqual(update.headers[.supported], "timer")
        XCTAssertTrue(update.body.isEmpty)

        // Refreshed every 60 s from then on while the caller answers them, and never given up on by this side.
        func answer(_ request: SIPRequest) -> [SIPServerCore.Action] {
            var ok = request.makeResponse(200, toTag: "caller1")
            ok.headers.append(.contentLength, "0")
            return receive(ok.serialized())
        }
        var ended = events(answer(update))
        var later: [SIPRequest] = []
        for _ in 0..<120 {
            let actions = advance(by: .seconds(1))
            let sent = requests(actions)
            later += sent
            ended += events(actions)
            for refresh in sent where refresh.method == .update { ended += events(answer(refresh)) }
        }
        let first = try update.headers.cseq().sequence
        let refreshes = later.filter { $0.method == .update && (try? $0.headers.cseq().sequence) != first }
        XCTAssertEqual(Set(refreshes.compactMap { try? $0.headers.cseq().sequence }), [first + 1, first + 2],
                       "one new UPDATE at 120 s and one at 180 s")
        XCTAssertFalse(later.contains { $0.method == .bye })
        XCTAssertTrue(ended.isEmpty)
    }

    func testACallerWithoutTimerSupportLeavesTheRefreshToThisSide() throws {
        // RFC 4028 §9: Session-Expires without "Supported: timer" — the UAS must be the refresher.
        let handle = try invite(extra: ["Session-Expires: 1800"])
        let ok = try XCTUnwrap(responses(core.answerCall(handle, .accept(sdp: sdp), now: now)).first)
        XCTAssertEqual(ok.headers[.sessionExpires], "1800;refresher=uas")
        XCTAssertNil(ok.headers[.require], "Require: timer only for a UAC that supports it")
    }
}
