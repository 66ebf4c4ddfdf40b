import XCTest
@testable import SIP

/// RFC 4475 and RFC 5118 torture messages: valid ones parse and round-trip; invalid ones fail with the error whose
/// response the RFC names (the server's reply to each is tested over UDP in HuiyiServerTests).
final class TortureMessageTests: XCTestCase {
    let parser = SIPMessageParser()

    /// RFC 4475 §3.1.1 (valid), and §3.3/§3.4 messages that are syntactically valid (their answer is the element's).
    static let parses = [
        "wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "dblreq", "semiuri", "transports",
        "mpart01", "unreason", "noreason",
        "badbranch", "unkscm", "novelsc", "unksm2", "bext01", "invut", "regaut01", "bcast", "zeromf", "cparam01",
        "cparam02", "regescrt", "sdp01", "inv2543", "baddate", "mismatch01", "mismatch02",
    ]

    /// RFC 4475 §3.1.2 and §3.3 messages that must be rejected, with the status a request gets (0: a response, dropped;
    /// -1: a request without a Via, which cannot be answered and is dropped).
    static let rejects: [String: Int] = [
        "badinv01": 400, "clerr": 400, "ncl": 400, "scalar02": 400, "quotbal": 400, "ltgtruri": 400,
        "lwsruri": 400, "lwsstart": 400, "trws": 400, "escruri": 400, "regbadct": 400, "badaspec": 400,
        "baddn": 400, "baddn.crlf-terminated": 400, "badvers": 505, "insuf": 400, "multi01": 400, "mcl01": 400,
        "test": -1, "bigcode": 0, "scalarlg": 0,
    ]

    func testValidMessagesParseAndRoundTrip() throws {
        for name in Self.parses {
            let bytes = try TortureFixtures.rfc4475(name)
            let message: SIPMessage
            do { message = try parser.parse(bytes) } catch {
                XCTFail("\(name): expected to parse, got \(error)"); continue
            }
            let wire = message.serialized()
            XCTAssertEqual(try? parser.parse(wire), message, "\(name) does not round-trip")
        }
    }

    func testInvalidMessagesAreRejectedWithTheRFCStatus() throws {
        for (name, status) in Self.rejects.sorted(by: { $0.key < $1.key }) {
            let bytes = try TortureFixtures.rfc4475(name)
            do {
                let m = try parser.parse(bytes)
                XCTFail("\(name): expected a parse failure, parsed \(m)")
            } catch {
                if status == -1 {
                    XCTAssertTrue(error.isRequest, name)
                    XCTAssertNil(error.statelessResponse(agent: "test"), "\(name): no Via, no answer")
                } else if status == 0 {
                    XCTAssertFalse(error.isRequest, "\(name) is a response")
                    XCTAssertNil(error.statelessResponse(agent: "test"), "\(name): responses are dropped")
                } else {
                    XCTAssertTrue(error.isRequest, name)
                    XCTAssertEqual(error.error.statusCode, status, "\(name): \(error)")
                    let reply = try XCTUnwrap(error.statelessResponse(agent: "huiyi"), name)
                    XCTAssertEqual(reply.statusCode, status)
                    XCTAssertNotNil(reply.headers[.warning], "\(name): the 400 says what was wrong")
                }
            }
        }
    }

    func testEveryFixtureIsClassified() throws {
        let dir = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/rfc4475", withExtension: nil))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".dat") }.map { String($0.dropLast(4)) }
        XCTAssertEqual(names.count, 51)
        for name in names {
            XCTAssertTrue(Self.parses.contains(name) || Self.rejects[name] != nil, "\(name) has no expectation")
        }
    }

    // MARK: specific RFC 4475 semantics

    func testShortTortuousInvite() throws {
        guard case .request(let r) = try parser.parse(try TortureFixtures.rfc4475("wsinv")) else { return XCTFail() }
        XCTAssertEqual(r.method, .invite)
        XCTAssertEqual(try r.headers.to().tag, "1918181833n")
        XCTAssertEqual(try r.headers.from().tag, "98asjd8")
        XCTAssertEqual(try r.headers.from().displayName, "J Rosenberg \\\"")
        XCTAssertEqual(try r.headers.maxForwards(), 68)
        XCTAssertEqual(try r.headers.cseq(), CSeq(9, .invite))
        let vias = try r.headers.vias()
        XCTAssertEqual(vias.map(\.transport), ["UDP", "TCP", "UDP"])
        XCTAssertEqual(vias[1].branch, "z9hG4bK9ikj8")
        XCTAssertEqual(vias[2].branch, "z9hG4bK30239")
        XCTAssertEqual(r.headers["UnknownHeaderWithUnusualValue"], ";;,,;;,;")
        XCTAssertEqual(r.headers["NewFangledHeader"], "newfangled value continued newfangled value")
        XCTAssertEqual(r.headers["Subject"], "")
        let contact = try r.headers.contacts().addresses
        XCTAssertEqual(contact.first?.parameters["q"], "0.33")
        XCTAssertEqual(r.body.count, 150)
    }

    func testUnknownMethodWithPercentIsNotEscaped() throws {
        guard case .request(let r) = try parser.parse(try TortureFixtures.rfc4475("esc02")) else { return XCTFail() }
        XCTAssertEqual(r.method.rawValue, "RE%47IST%45R")
        XCTAssertNotEqual(r.method, .register)
        XCTAssertEqual(try r.headers.contacts().addresses.count, 2, "C%6Fntact is another header")
        XCTAssertEqual(r.headers.values("C%6Fntact").count, 1)
    }

    func testEscapedNullsAreKept() throws {
        guard case .request(let r) = try parser.parse(try TortureFixtures.rfc4475("escnull")) else { return XCTFail() }
        let users = try r.headers.contacts().addresses.compactMap(\.uri.decodedUser)
        XCTAssertEqual(users.count, 2)
        XCTAssertEqual(Set(users).count, 2, "distinct despite %00")
        XCTAssertTrue(users.allSatisfy { $0.unicodeScalars.contains("\u{0}") })
    }

    func testTrailingOctetsInDatagramAreIgnored() throws {
        guard case .request(let r) = try parser.parse(try TortureFixtures.rfc4475("dblreq")) else { return XCTFail() }
        XCTAssertEqual(r.method, .register)
        XCTAssertTrue(r.body.isEmpty)
    }

    func testMultipartBodyIsFramedByContentLength() throws {
        let bytes = try TortureFixtures.rfc4475("mpart01")
        guard case .request(let r) = try parser.parse(bytes) else { return XCTFail() }
        XCTAssertEqual(r.body.count, try r.headers.contentLength())
        XCTAssertTrue(r.body.contains(0), "binary part with NUL kept")
    }

    func testSemicolonInUserPart() throws {
        guard case .request(let r) = try parser.parse(try TortureFixtures.rfc4475("semiuri")) else { return XCTFail() }
        XCTAssertEqual(r.uri.decodedUser, "user;par=u@example.net")
        XCTAssertEqual(r.uri.host, "example.com")
    }

    func testContactParameterIsNotAURIParameter() throws {
        guard case .request(let r1) = try parser.parse(try TortureFixtures.rfc4475("cparam01")),
              case .request(let r2) = try parser.parse(try TortureFixtures.rfc4475("cparam02")) else { return XCTFail() }
        let c1 = try XCTUnwrap(r1.headers.contacts().addresses.first)
        XCTAssertTrue(c1.parameters.contains("unknownparam"))
        XCTAssertFalse(c1.uri.parameters.contains("unknownparam"))
        let c2 = try XCTUnwrap(r2.headers.contacts().addresses.first)
        XCTAssertTrue(c2.uri.parameters.contains("unknownparam"))
    }

    func testEmptyReasonPhraseAndUTF8Reason() throws {
        guard case .response(let r) = try parser.parse(try TortureFixtures.rfc4475("noreason")) else { return XCTFail() }
        XCTAssertEqual(r.statusCode, 100)
        XCTAssertEqual(r.reasonPhrase, "")
        guard case .response(let u) = try parser.parse(try TortureFixtures.rfc4475("unreason")) else { return XCTFail() }
        XCTAssertEqual(u.statusCode, 200)
        XCTAssertTrue(u.reasonPhrase.unicodeScalars.contains { $0.value > 0x7F })
    }

    func testRFC2543InviteBodyIsRestOfDatagram() throws {
        guard case .request(let r) = try parser.parse(try TortureFixtures.rfc4475("inv2543")) else { return XCTFail() }
        XCTAssertFalse(r.body.isEmpty)
        XCTAssertNil(try r.headers.maxForwards())
    }

    // MARK: RFC 5118

    func testIPv6TortureMessages() throws {
        let valid = ["ipv6-good", "port-ambiguous", "port-unambiguous", "via-received-param-with-delim",
                     "via-received-param-no-delim", "ipv6-in-sdp", "mult-ip-in-header", "mult-ip-in-sdp",
                     "ipv4-mapped-ipv6", "ipv6-correct-abnf-2-colons", "ipv6-bug-abnf-3-colons"]
        for name in valid {
            let bytes = try TortureFixtures.rfc5118(name)
            do {
                let m = try parser.parse(bytes)
                XCTAssertEqual(try parser.parse(m.serialized()), m, "\(name) round-trips")
            } catch { XCTFail("\(name): \(error)") }
        }
        XCTAssertThrowsError(try parser.parse(try TortureFixtures.rfc5118("ipv6-bad"))) { error in
            XCTAssertEqual((error as? SIPParseFailure)?.error.statusCode, 400)
        }
        guard case .request(let amb) = try parser.parse(try TortureFixtures.rfc5118("port-ambiguous")),
              case .request(let unamb) = try parser.parse(try TortureFixtures.rfc5118("port-unambiguous"))
        else { return XCTFail() }
        XCTAssertEqual(amb.uri.host, "[2001:db8::10:5070]")
        XCTAssertNil(amb.uri.port)
        XCTAssertEqual(unamb.uri.hostLiteral, "2001:db8::10")
        XCTAssertEqual(unamb.uri.port, 5070)
        for name in ["via-received-param-with-delim", "via-received-param-no-delim"] {
            guard case .request(let r) = try parser.parse(try TortureFixtures.rfc5118(name)) else { return XCTFail() }
            XCTAssertEqual(try r.headers.topVia().received, "2001:db8::9:255", name)
        }
    }
}
