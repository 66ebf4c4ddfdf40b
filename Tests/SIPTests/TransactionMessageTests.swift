import XCTest

@testable import SIP

/// Shared messages, flows and clock steps for the RFC 3261 §17 transaction tests.
enum TransactionFixtures {
    static let udp = SIPFlow(transport: .udp, remoteHost: "192.0.2.4", remotePort: 5060)
    static let tcp = SIPFlow(transport: .tcp, remoteHost: "192.0.2.4", remotePort: 5060, connectionID: 7)

    /// A point `milliseconds` after the test's origin.
    static func at(_ milliseconds: Int64) -> SIPInstant { SIPInstant(nanoseconds: milliseconds * 1_000_000) }

    static func request(_ text: String) -> SIPRequest {
        guard case .request(let request)? = try? SIPMessageParser().parse(Array(text.utf8)) else {
            preconditionFailure("fixture is not a request:\n\(text)")
        }
        return request
    }

    static func response(_ text: String) -> SIPResponse {
        guard case .response(let response)? = try? SIPMessageParser().parse(Array(text.utf8)) else {
            preconditionFailure("fixture is not a response:\n\(text)")
        }
        return response
    }

    /// Alice's INVITE as a proxy forwards it: its own Via on top of Alice's, and a Route set (RFC 3665 §3.2 style).
    static func invite(branch: String = "z9hG4bK2d4790", transport: String = "UDP") -> SIPRequest {
        request("""
            INVITE sip:bob@biloxi.example.com SIP/2.0\r
            Via: SIP/2.0/\(transport) ss1.atlanta.example.com:5060;branch=\(branch)\r
            Via: SIP/2.0/\(transport) client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101\r
            Max-Forwards: 69\r
            Route: <sip:ss2.biloxi.example.com;lr>\r
            Route: <sip:ss3.biloxi.example.com;lr>\r
            From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r
            To: Bob <sip:bob@biloxi.example.com>\r
            Call-ID: 3848276298220188511@atlanta.example.com\r
            CSeq: 1 INVITE\r
            Contact: <sip:alice@client.atlanta.example.com>\r
            Content-Type: application/sdp\r
            Content-Length: 5\r
            \r
            v=0\r

            """)
    }

    static func register(branch: String = "z9hG4bKnashds7", transport: String = "UDP",
                         callID: String = "843817637684230@998sdasdh09") -> SIPRequest {
        request("""
            REGISTER sip:registrar.biloxi.example.com SIP/2.0\r
            Via: SIP/2.0/\(transport) bobspc.biloxi.example.com:5060;branch=\(branch)\r
            Max-Forwards: 70\r
            To: Bob <sip:bob@biloxi.example.com>\r
            From: Bob <sip:bob@biloxi.example.com>;tag=456248\r
            Call-ID: \(callID)\r
            CSeq: 1826 REGISTER\r
            Contact: <sip:bob@192.0.2.4>\r
            Expires: 7200\r
            Content-Length: 0\r
            \r

            """)
    }

    /// Steps the clock to each deadline of `machine` in turn and fires it, until nothing is pending: the mock clock
    /// of these tests. Returns each firing's instant (in ms) and actions.
    static func runTimers<M: TransactionStateMachine>(_ machine: inout M,
                                                      maxFirings: Int = 100) -> [(ms: Int64, actions: [TransactionAction])] {
        var firings: [(ms: Int64, actions: [TransactionAction])] = []
        while let deadline = machine.nextDeadline, firings.count < maxFirings {
            firings.append((deadline.nanoseconds / 1_000_000, machine.timerFired(now: deadline)))
        }
        return firings
    }

    /// `code` for `request`, as the peer (or the TU) would build it.
    static func reply(_ code: Int, to request: SIPRequest, toTag: String? = "8321234356") -> SIPResponse {
        var response = request.makeResponse(code, toTag: toTag)
        response.headers.append(.contentLength, "0")
        return response
    }
}

extension Array where Element == TransactionAction {
    /// The messages handed to the transport, in order.
    var sent: [SIPMessage] {
        compactMap { if case .send(let message, _) = $0 { message } else { nil } }
    }

    var passedToTU: [SIPResponse] {
        compactMap { if case .passToTU(let response) = $0 { response } else { nil } }
    }
}

/// ACK (§17.1.1.3) and CANCEL (§9.1) construction.
final class TransactionMessageTests: XCTestCase {
    func testACKForNon2xxCopiesTheINVITEIdentityAndTheResponseTo() throws {
        // Given the INVITE above and Bob's 486 with a To tag.
        let invite = TransactionFixtures.invite()
        let busy = TransactionFixtures.response("""
            SIP/2.0 486 Busy Here\r
            Via: SIP/2.0/UDP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790\r
            Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101\r
            From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r
            To: Bob <sip:bob@biloxi.example.com>;tag=314159\r
            Call-ID: 3848276298220188511@atlanta.example.com\r
            CSeq: 1 INVITE\r
            Content-Length: 0\r
            \r

            """)

        // When the ACK is built and goes through the wire format.
        let wire = invite.makeACK(for: busy).serialized()
        guard case .request(let ack) = try SIPMessageParser().parse(wire) else { return XCTFail("not a request") }

        // Then it has exactly the fields §17.1.1.3 lists.
        XCTAssertEqual(ack.method, .ack)
        XCTAssertEqual(ack.uri, invite.uri)
        XCTAssertEqual(ack.headers.values(.via), ["SIP/2.0/UDP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790"])
        XCTAssertEqual(try ack.headers.routes().map(\.uri.host), ["ss2.biloxi.example.com", "ss3.biloxi.example.com"])
        XCTAssertEqual(try ack.headers.to().tag, "314159")
        XCTAssertEqual(try ack.headers.from().tag, "9fxced76sl")
        XCTAssertEqual(ack.headers.callID, "3848276298220188511@atlanta.example.com")
        XCTAssertEqual(try ack.headers.cseq(), CSeq(1, .ack))
        XCTAssertEqual(try ack.headers.maxForwards(), 70)
        XCTAssertEqual(try ack.headers.contentLength(), 0)
        XCTAssertTrue(ack.body.isEmpty)
        XCTAssertFalse(ack.headers.contains(.contact), "the ACK of a non-2xx carries no Contact")
    }

    func testCANCELKeepsTheBranchAndToOfTheINVITE() throws {
        let invite = TransactionFixtures.invite()
        guard case .request(let cancel) = try SIPMessageParser().parse(invite.makeCANCEL().serialized()) else {
            return XCTFail("not a request")
        }
        XCTAssertEqual(cancel.method, .cancel)
        XCTAssertEqual(cancel.uri, invite.uri)
        XCTAssertEqual(try cancel.headers.vias().map(\.branch), ["z9hG4bK2d4790"])
        XCTAssertEqual(try cancel.headers.cseq(), CSeq(1, .cancel))
        XCTAssertNil(try cancel.headers.to().tag)
        XCTAssertEqual(cancel.headers.values(.route).count, 2)
        // The UAS matches it to the INVITE transaction (§9.2).
        XCTAssertEqual(try TransactionKey.inviteCandidates(for: cancel), [try TransactionKey(serverRequest: invite)])
    }
}
