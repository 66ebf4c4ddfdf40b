import Foundation
import SIP
import SIPServices
import XCTest

/// Given a server for huiyi.local with one account, when requests arrive, then it answers as RFC 3261 §8.2, §10.3 and
/// §11 say — sans-IO, with an injected clock.
final class RequestAnswererTests: XCTestCase {
    let flow = SIPFlow(transport: .udp, remoteHost: "127.0.0.1", remotePort: 5070)
    let wall = Date(timeIntervalSince1970: 1_800_000_000)
    var now = SIPInstant(nanoseconds: 1_000_000_000)

    func makeAnswerer(algorithms: [DigestAlgorithm] = [.sha256, .md5]) -> RequestAnswerer {
        let alice = AccountCredentials(username: "alice", realm: "huiyi.local", password: "wonderland")
        let auth = DigestAuthenticator(
            realm: "huiyi.local", algorithms: algorithms, directory: StaticAccountDirectory([alice]),
            nonces: NonceAuthority(secret: Array(repeating: 7, count: 32)))
        return RequestAnswerer(domain: LocalDomain(name: "huiyi.local"), registrar: Registrar(now: wall),
                               authenticator: auth)
    }

    func request(_ startLine: String, _ headers: [String] = [], cseq: String? = nil, body: String = "") -> SIPRequest {
        let method = String(startLine.prefix { $0 != " " })
        let text = ([startLine + " SIP/2.0",
                     "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK\(Int.random(in: 0..<1_000_000));rport",
                     "From: <sip:alice@huiyi.local>;tag=a1", "To: <sip:alice@huiyi.local>",
                     "Call-ID: call-1@127.0.0.1", "CSeq: \(cseq ?? "1 \(method)")", "Max-Forwards: 70"]
                    + headers + ["Content-Length: \(body.utf8.count)", "", body]).joined(separator: "\r\n")
        guard case .request(let r) = try! SIPMessageParser().parse(Array(text.utf8)) else { fatalError() }
        return r
    }

    func answer(_ a: inout RequestAnswerer, _ r: SIPRequest) -> SIPResponse {
        guard let response = a.answer(r, flow: flow, now: now, wallClock: wall, toTag: "srv").response else {
            XCTFail("\(r.method) was handed to the call router instead of being answered")
            return SIPResponse(statusCode: 0)
        }
        return response
    }

    func testOptionsListsCapabilities() {
        var a = makeAnswerer()
        let r = answer(&a, request("OPTIONS sip:huiyi.local"))
        XCTAssertEqual(r.statusCode, 200)
        XCTAssertEqual(r.headers[.allow], "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REGISTER")
        XCTAssertEqual(r.headers[.supported], "timer")
        XCTAssertEqual(r.headers[.accept], "application/sdp")
        XCTAssertNotNil(r.headers[.supported])
        XCTAssertEqual(try r.headers.to().tag, "srv")
    }

    func testWhatTheServerAnswersWhenItIsNotTheRightElement() {
        var a = makeAnswerer()
        XCTAssertEqual(answer(&a, request("FOO sip:huiyi.local")).statusCode, 501)
        XCTAssertNotNil(answer(&a, request("FOO sip:huiyi.local")).headers[.allow])
        XCTAssertEqual(answer(&a, request("SUBSCRIBE sip:huiyi.local")).statusCode, 405)
        XCTAssertEqual(answer(&a, request("OPTIONS sip:huiyi.local", cseq: "1 INVITE")).statusCode, 400)
        XCTAssertEqual(answer(&a, request("FOO sip:huiyi.local", cseq: "1 BAR")).statusCode, 501, "501 before 400")
        XCTAssertEqual(answer(&a, request("OPTIONS tel:+1-555-0100")).statusCode, 416)
        let ext = answer(&a, request("OPTIONS sip:huiyi.local", ["Require: nothingSupported, timer2"]))
        XCTAssertEqual(ext.statusCode, 420)
        XCTAssertEqual(ext.headers[.unsupported], "nothingSupported, timer2")
        var zero = request("INVITE sip:bob@example.com")
        zero.headers.set(.maxForwards, "0")
        XCTAssertEqual(answer(&a, zero).statusCode, 483)
        XCTAssertEqual(answer(&a, request("INVITE sip:bob@example.com")).statusCode, 404)
        XCTAssertEqual(answer(&a, request("BYE sip:alice@huiyi.local")).statusCode, 481)
        XCTAssertEqual(answer(&a, request("INFO sip:alice@huiyi.local")).statusCode, 481)
        XCTAssertEqual(answer(&a, request("INVITE sip:8000@huiyi.local", ["Content-Type: application/unknownformat"],
                                          body: "x")).statusCode, 415)
        XCTAssertEqual(answer(&a, request("INVITE sip:8000@huiyi.local", ["Accept: text/nobodyKnowsThis"])).statusCode, 406)
    }

    func testAnINVITEThatPassesTheChecksGoesToTheRouterWithWhatItsCredentialsProved() {
        var a = makeAnswerer()
        let plain = a.answer(request("INVITE sip:8000@huiyi.local"), flow: flow, now: now, wallClock: wall, toTag: "t")
        XCTAssertNil(plain.response)
        XCTAssertEqual(plain.callCredentials, CallerCredentials())
        let wrong = #"Digest username="alice", realm="huiyi.local", nonce="bogus", uri="sip:8000@huiyi.local", "#
            + #"response="00000000000000000000000000000000", algorithm=MD5"#
        let bad = a.answer(request("INVITE sip:8000@huiyi.local", ["Authorization: \(wrong)"]), flow: flow, now: now,
                           wallClock: wall, toTag: "t")
        XCTAssertNil(bad.response)
        XCTAssertNil(bad.callCredentials?.authenticatedUser)
    }

    // MARK: REGISTER with digest

    func authorization(_ challenge: String, password: String = "wonderland", nc: String = "00000001",
                       uri: String = "sip:huiyi.local", user: String = "alice") -> String {
        func param(_ name: String) -> String {
            let range = challenge.range(of: "\(name)=\"")!
            return String(challenge[range.upperBound...].prefix { $0 != "\"" })
        }
        let algorithm: DigestAlgorithm = challenge.contains("SHA-256") ? .sha256 : .md5
        let nonce = param("nonce")
        let ha1 = algorithm.ha1(username: user, realm: "huiyi.local", password: password)
        let response = algorithm.response(ha1: ha1, nonce: nonce, nonceCount: nc, cnonce: "c0ffee", qop: "auth",
                                          method: "REGISTER", uri: uri)
        return "Digest username=\"\(user)\", realm=\"huiyi.local\", nonce=\"\(nonce)\", uri=\"\(uri)\", "
            + "response=\"\(response)\", algorithm=\(algorithm.token), qop=auth, nc=\(nc), cnonce=\"c0ffee\""
    }

    func register(_ a: inout RequestAnswerer, contact: String = "<sip:alice@127.0.0.1:5070>", expires: String = "600",
                  cseq: Int = 2, auth: String?) -> SIPResponse {
        var headers = ["Contact: \(contact)", "Expires: \(expires)"]
        if let auth { headers.append("Authorization: \(auth)") }
        return answer(&a, request("REGISTER sip:huiyi.local", headers, cseq: "\(cseq) REGISTER"))
    }

    func testRegisterIsChallengedThenAcceptedWithBothAlgorithms() throws {
        for algorithms in [[DigestAlgorithm.sha256, .md5], [.md5]] {
            var a = makeAnswerer(algorithms: algorithms)
            let challenge = register(&a, cseq: 1, auth: nil)
            XCTAssertEqual(challenge.statusCode, 401)
            let offered = challenge.headers.values(.wwwAuthenticate)
            XCTAssertEqual(offered.count, algorithms.count)
            XCTAssertTrue(offered[0].contains(algorithms[0].token))
            let ok = register(&a, auth: authorization(offered[0]))
            XCTAssertEqual(ok.statusCode, 200, "\(ok.headers.values(.warning))")
            let contacts = try ok.headers.contacts().addresses
            XCTAssertEqual(contacts.map(\.uri.description), ["sip:alice@127.0.0.1:5070"])
            XCTAssertEqual(contacts.first?.parameters["expires"], "600")
            XCTAssertEqual(a.registrar.lookup("sip:alice@huiyi.local", now: wall).count, 1)
        }
    }

    func testWrongPasswordIsForbiddenAndReplayIsRefused() {
        var a = makeAnswerer()
        let offered = register(&a, cseq: 1, auth: nil).headers.values(.wwwAuthenticate)[0]
        XCTAssertEqual(register(&a, auth: authorization(offered, password: "wrong")).statusCode, 403)
        let good = authorization(offered)
        XCTAssertEqual(register(&a, cseq: 3, auth: good).statusCode, 200)
        XCTAssertEqual(register(&a, cseq: 4, auth: good).statusCode, 401, "same nonce and nc again is a replay")
        XCTAssertEqual(register(&a, cseq: 5, auth: authorization(offered, nc: "00000002")).statusCode, 200)
    }

    func testExpiredNonceIsStale() {
        var a = makeAnswerer()
        let offered = register(&a, cseq: 1, auth: nil).headers.values(.wwwAuthenticate)[0]
        now = now + .seconds(301)
        let stale = register(&a, auth: authorization(offered))
        XCTAssertEqual(stale.statusCode, 401)
        XCTAssertTrue(stale.headers.values(.wwwAuthenticate).allSatisfy { $0.contains("stale=true") })
    }

    func testAnAccountMayOnlyRegisterItself() {
        var a = makeAnswerer()
        let offered = register(&a, cseq: 1, auth: nil).headers.values(.wwwAuthenticate)[0]
        var r = request("REGISTER sip:huiyi.local", ["Contact: <sip:bob@127.0.0.1>", "Authorization: \(authorization(offered))"],
                        cseq: "2 REGISTER")
        r.headers.set(.to, "<sip:bob@huiyi.local>")
        XCTAssertEqual(answer(&a, r).statusCode, 403)
    }

    func testRegistrarRules() throws {
        var a = makeAnswerer(algorithms: [.md5])
        var nc = 0
        func authed(contact: String, expires: String, cseq: Int) -> SIPResponse {
            let offered = register(&a, cseq: cseq, auth: nil).headers.values(.wwwAuthenticate)[0]
            nc += 1
            return register(&a, contact: contact, expires: expires, cseq: cseq,
                            auth: authorization(offered, nc: String(format: "%08x", 1)))
        }
        let brief = authed(contact: "<sip:alice@127.0.0.1:5070>", expires: "10", cseq: 10)
        XCTAssertEqual(brief.statusCode, 423)
        XCTAssertEqual(brief.headers[.minExpires], "60")
        XCTAssertEqual(authed(contact: "<sip:alice@127.0.0.1:5070>;q=0.5", expires: "100000", cseq: 11).statusCode, 200)
        let two = authed(contact: "<sip:alice@127.0.0.1:5072>;q=0.9", expires: "300", cseq: 12)
        let contacts = try two.headers.contacts().addresses
        XCTAssertEqual(contacts.count, 2)
        XCTAssertEqual(contacts.first { $0.uri.port == 5070 }?.parameters["expires"], "7200", "clamped to max")
        XCTAssertEqual(a.registrar.lookup("sip:alice@huiyi.local", now: wall).first?.q, 0.9, "most preferred first")
        XCTAssertEqual(authed(contact: "<sip:alice@127.0.0.1:5072>", expires: "300", cseq: 12).statusCode, 400,
                       "same Call-ID, CSeq not newer")
        XCTAssertEqual(authed(contact: "*", expires: "300", cseq: 13).statusCode, 400, "* needs Expires: 0")
        XCTAssertEqual(authed(contact: "*", expires: "0", cseq: 14).statusCode, 200)
        XCTAssertTrue(a.registrar.lookup("sip:alice@huiyi.local", now: wall).isEmpty)
    }

    func testBindingsExpireAndSurviveARestart() {
        var registrar = Registrar(now: wall)
        let r = request("REGISTER sip:huiyi.local", ["Contact: <sip:alice@127.0.0.1:5070>", "Expires: 120"])
        let result = registrar.register(r, aor: "sip:alice@huiyi.local", flow: flow, now: wall, toTag: "t")
        XCTAssertEqual(result.response.statusCode, 200)
        let stored = try! XCTUnwrap(result.changed).bindings
        XCTAssertEqual(stored.first?.flow, "udp:127.0.0.1:5070")
        let restarted = Registrar(restoring: stored, now: wall + 60)
        XCTAssertEqual(restarted.lookup("sip:alice@huiyi.local", now: wall + 60).count, 1)
        XCTAssertTrue(Registrar(restoring: stored, now: wall + 121).lookup("sip:alice@huiyi.local", now: wall + 121).isEmpty)
        var expiring = registrar
        let changed = expiring.expire(now: wall + 121)
        XCTAssertEqual(changed.first?.aor, "sip:alice@huiyi.local")
        XCTAssertEqual(changed.first?.bindings.count, 0)
    }
}
