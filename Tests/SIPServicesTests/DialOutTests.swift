import Foundation
import SIP
@testable import SIPServices
import XCTest

/// Given a site registered with the server, when the server places a call to it (dial-out), then the INVITE goes to
/// the registered contact over the flow it registered from, and the core handles provisional and final responses,
/// the ACK of the 2xx (RFC 3261 §13.2.2.4), CANCEL (§9.1) and the dialog afterwards — sans-IO, injected clock.
final class DialOutTests: XCTestCase {
    let siteFlow = SIPFlow(transport: .udp, remoteHost: "127.0.0.1", remotePort: 5090)
    let wall = Date(timeIntervalSince1970: 1_800_000_000)
    var now = SIPInstant.seconds(100)
    var core: SIPServerCore!
    let offer = Array("v=0\r\no=huiyi 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n".utf8)

    override func setUp() {
        let site = AccountCredentials(username: "shunde", realm: "huiyi.local", password: "pw")
        let auth = DigestAuthenticator(
            realm: "huiyi.local", algorithms: [.md5], directory: StaticAccountDirectory([site]),
            nonces: NonceAuthority(secret: Array(repeating: 7, count: 32)))
        let binding = StoredBinding(
            aor: "sip:shunde@huiyi.local", contact: "<sip:shunde@127.0.0.1:5090;transport=udp>",
            expiresAt: wall + 3600, callID: "reg-1", cseq: 1, flow: siteFlow.description, updatedAt: wall)
        let answerer = RequestAnswerer(domain: LocalDomain(name: "huiyi.local"),
                                       registrar: Registrar(restoring: [binding], now: wall), authenticator: auth)
        core = SIPServerCore(transactions: TransactionLayer(), answerer: answerer, random: SeededGenerator(seed: 5))
        core.localAddresses = [.udp: LocalSIPAddress(host: "", port: 5060)]
    }

    func request(_ target: String = "sip:shunde@huiyi.local") throws -> DialRequest {
        DialRequest(target: try SIPURI(parsing: target),
                    from: try NameAddress(parsing: "\"City-wide room\" <sip:8000@huiyi.local>"),
                    localHost: "127.0.0.1", sdp: offer)
    }

    func sentMessages(_ actions: [SIPServerCore.Action]) -> [(SIPMessage, SIPFlow)] {
        actions.compactMap {
            guard case let .send(bytes, flow) = $0, let message = try? SIPMessageParser().parse(bytes) else { return nil }
            return (message, flow)
        }
    }

    func requests(_ actions: [SIPServerCore.Action]) -> [SIPRequest] {
        sentMessages(actions).compactMap { if case .request(let r) = $0.0 { r } else { nil } }
    }

    func events(_ actions: [SIPServerCore.Action]) -> [CallEvent] {
        actions.compactMap { if case .call(let e) = $0 { e } else { nil } }
    }

    /// The site's response to `invite`, with its tag, Contact and a Record-Route.
    func response(_ status: Int, to invite: SIPRequest, body: [UInt8] = []) -> [UInt8] {
        var response = invite.makeResponse(status, toTag: status == 100 ? nil : "site-tag")
        if status > 100 {
            response.headers.append(.contact, "<sip:shunde@127.0.0.1:5090>")
            response.headers.append(.recordRoute, "<sip:edge.huiyi.local;lr>")
        }
        response.headers.append(.contentLength, String(body.count))
        response.body = body
        return response.serialized()
    }

    func receive(_ bytes: [UInt8]) -> [SIPServerCore.Action] {
        core.receive(bytes, from: siteFlow, now: now, wallClock: wall)
    }

    func dial() throws -> (CallHandle, SIPRequest) {
        let (handle, actions) = try core.dial(request(), now: now, wallClock: wall).get()
        let sent = sentMessages(actions)
        XCTAssertEqual(sent.count, 1)
        XCTAssertEqual(sent.first?.1, siteFlow, "sent over the flow the site registered from")
        guard case .request(let invite)? = sent.first?.0 else { throw CancellationError() }
        return (handle, invite)
    }

    func testTheINVITEGoesToTheRegisteredContactWithTheRoomAsCaller() throws {
        let (handle, invite) = try dial()
        XCTAssertEqual(invite.method, .invite)
        XCTAssertEqual(invite.uri.description, "sip:shunde@127.0.0.1:5090;transport=udp")
        XCTAssertEqual(try invite.headers.from().tag, handle.localTag)
        XCTAssertEqual(try invite.headers.from().uri.user, "8000")
        XCTAssertEqual(try invite.headers.to().uri.description, "sip:shunde@huiyi.local")
        XCTAssertEqual(invite.headers.callID, handle.callID)
        XCTAssertEqual(invite.headers[.contact], "<sip:8000@127.0.0.1:5060;transport=udp>")
        XCTAssertEqual(try invite.headers.topVia().branch?.hasPrefix("z9hG4bK"), true)
        XCTAssertEqual(invite.body, offer)
    }

    func testRingingThenAnswerIsAcknowledgedAndTheDialogFollowsTheRouteSet() throws {
        let (handle, invite) = try dial()
        XCTAssertTrue(events(receive(response(100, to: invite))).isEmpty)
        guard case .progress(handle, 180)? = events(receive(response(180, to: invite))).first else {
            return XCTFail("no progress event")
        }
        let answer = Array("v=0\r\n".utf8)
        let answered = receive(response(200, to: invite, body: answer))
        let ack = try XCTUnwrap(requests(answered).first)
        XCTAssertEqual(ack.method, .ack)
        XCTAssertEqual(ack.uri.description, "sip:shunde@127.0.0.1:5090", "§12.1.2: the 2xx's Contact")
        XCTAssertEqual(ack.headers.values(.route), ["<sip:edge.huiyi.local;lr>"])
        XCTAssertEqual(try ack.headers.cseq(), CSeq(1, .ack))
        XCTAssertEqual(try ack.headers.to().tag, "site-tag")
        guard case .answered(handle, let ok)? = events(answered).first else { return XCTFail("no answered event") }
        XCTAssertEqual(ok.body, answer)

        // A retransmitted 2xx gets the same ACK again and no second event.
        let again = receive(response(200, to: invite, body: answer))
        XCTAssertEqual(requests(again).map(\.method), [.ack])
        XCTAssertEqual(try requests(again).first?.headers.topVia().branch, try ack.headers.topVia().branch)
        XCTAssertTrue(events(again).isEmpty)

        // This side hangs up: BYE within the dialog, CSeq after the INVITE's.
        let bye = try XCTUnwrap(requests(core.hangUp(handle, reason: "meeting ended", now: now)).first)
        XCTAssertEqual(bye.method, .bye)
        XCTAssertEqual(bye.uri.description, "sip:shunde@127.0.0.1:5090")
        XCTAssertEqual(try bye.headers.cseq(), CSeq(2, .bye))
        XCTAssertEqual(core.callCount, 0)
    }

    func testTheSiteHangsUp() throws {
        let (handle, invite) = try dial()
        _ = receive(response(200, to: invite, body: offer))
        let bye = [
            "BYE sip:8000@127.0.0.1:5060 SIP/2.0", "Via: SIP/2.0/UDP 127.0.0.1:5090;branch=z9hG4bKsitebye",
            "From: <sip:shunde@huiyi.local>;tag=site-tag",
            "To: \"City-wide room\" <sip:8000@huiyi.local>;tag=\(handle.localTag)",
            "Call-ID: \(handle.callID)", "CSeq: 1 BYE", "Max-Forwards: 70", "Content-Length: 0", "", "",
        ].joined(separator: "\r\n")
        let actions = receive(Array(bye.utf8))
        guard case .ended(handle, .remoteHangUp)? = events(actions).first else { return XCTFail("no ended event") }
    }

    func testABusySiteFailsWithItsStatus() throws {
        let (handle, invite) = try dial()
        let actions = receive(response(486, to: invite))
        XCTAssertEqual(requests(actions).map(\.method), [.ack], "§17.1.1.3: the transaction ACKs the failure")
        guard case .failed(handle, 486, _)? = events(actions).first else { return XCTFail("no failed event") }
        XCTAssertEqual(core.callCount, 0)
    }

    func testHangUpBeforeTheAnswerCancelsOnlyOnceAProvisionalCame() throws {
        let (handle, invite) = try dial()
        let early = core.hangUp(handle, reason: "operator ended the dial", now: now)
        XCTAssertTrue(requests(early).isEmpty, "§9.1: no CANCEL before a provisional response")
        guard case .ended(handle, .localHangUp)? = events(early).first else { return XCTFail("no ended event") }
        let ringing = receive(response(180, to: invite))
        let cancel = try XCTUnwrap(requests(ringing).first)
        XCTAssertEqual(cancel.method, .cancel)
        XCTAssertEqual(try cancel.headers.topVia().branch, try invite.headers.topVia().branch)
        XCTAssertTrue(events(ringing).isEmpty)
        let terminated = receive(response(487, to: invite))
        XCTAssertTrue(events(terminated).isEmpty, "the router already had its ended event")
        XCTAssertEqual(core.callCount, 0)
    }

    func testAnAnswerCrossingTheCANCELIsAcknowledgedAndHungUp() throws {
        let (handle, invite) = try dial()
        _ = receive(response(180, to: invite))
        _ = core.hangUp(handle, reason: "cancelled", now: now)
        let crossed = receive(response(200, to: invite, body: offer))
        XCTAssertEqual(requests(crossed).map(\.method), [.ack, .bye])
        XCTAssertTrue(events(crossed).isEmpty)
    }

    func testNoResponseAtAllFailsWith408AfterTimerB() throws {
        let (handle, _) = try dial()
        var failed: [CallEvent] = []
        for _ in 0..<70 {
            now = now + .milliseconds(500)
            failed += events(core.advance(now: now, wallClock: wall))
        }
        guard case .failed(handle, 408, _)? = failed.first else { return XCTFail("no 408: \(failed)") }
    }

    func testUnregisteredAndUnreachableTargetsAreRefusedAtOnce() throws {
        XCTAssertEqual(try core.dial(request("sip:nanhai@huiyi.local"), now: now, wallClock: wall).map { $0.0 }
            .mapError { $0 as DialError }.failureValue, .notRegistered("sip:nanhai@huiyi.local"))
        XCTAssertEqual(try core.dial(request("sip:room@far.example.com"), now: now, wallClock: wall).map { $0.0 }
            .failureValue, .unresolvable("sip:room@far.example.com"))
        let (_, actions) = try core.dial(request("sip:room@192.0.2.7:5070"), now: now, wallClock: wall).get()
        XCTAssertEqual(sentMessages(actions).first?.1,
                       SIPFlow(transport: .udp, remoteHost: "192.0.2.7", remotePort: 5070))
    }
}

extension Result {
    var failureValue: Failure? { if case .failure(let error) = self { error } else { nil } }
}
