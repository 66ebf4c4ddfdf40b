import XCTest

@testable import SIP

/// Matching messages to transactions: RFC 3261 §17.1.3 (client), §17.2.3 (server, with the RFC 2543 fallback).
final class TransactionMatchingTests: XCTestCase {
    private typealias F = TransactionFixtures

    private func options(via: String) -> SIPRequest {
        F.request("""
            OPTIONS sip:user@example.com SIP/2.0\r
            Via: \(via)\r
            Max-Forwards: 70\r
            To: sip:user@example.com\r
            From: sip:caller@example.org;tag=33242\r
            Call-ID: matching.sadonfo23i420jv0as0derf3j3n\r
            CSeq: 8 OPTIONS\r
            Content-Length: 0\r
            \r

            """)
    }

    func testResponseMatchesTheClientTransactionByBranchAndCSeqMethod() throws {
        let invite = F.invite()
        let key = try TransactionKey(clientRequest: invite)
        XCTAssertEqual(try TransactionKey(response: F.reply(180, to: invite)), key)

        // The 200 for a CANCEL has the same branch, but belongs to the CANCEL transaction.
        let cancel = invite.makeCANCEL()
        XCTAssertNotEqual(try TransactionKey(response: F.reply(200, to: cancel)), key)
        XCTAssertEqual(try TransactionKey(response: F.reply(200, to: cancel)), try TransactionKey(clientRequest: cancel))
    }

    func testClientRequestsNeedAnRFC3261Branch() {
        let plain = options(via: "SIP/2.0/UDP 192.0.2.1;branch=1234")
        XCTAssertThrowsError(try TransactionKey(clientRequest: plain)) { XCTAssertEqual($0 as? TransactionError, .missingBranch) }
    }

    func testServerKeyIsBranchSentByAndMethodWithACKCountingAsINVITE() throws {
        let invite = F.invite()
        let key = try TransactionKey(serverRequest: invite)
        XCTAssertEqual(key, .server(branch: "z9hG4bK2d4790", sentBy: "ss1.atlanta.example.com:5060", method: .invite))
        XCTAssertEqual(try TransactionKey(serverRequest: invite.makeACK(for: F.reply(486, to: invite))), key)
        XCTAssertNotEqual(try TransactionKey(serverRequest: invite.makeCANCEL()), key, "CANCEL is its own transaction")
    }

    private func serverKey(via: String) throws -> TransactionKey {
        try TransactionKey(serverRequest: options(via: via))
    }

    func testSentByDistinguishesTransactionsWithTheSameBranch() throws {
        let a = try serverKey(via: "SIP/2.0/UDP host-a.example.com:5060;branch=z9hG4bKsame")
        XCTAssertNotEqual(a, try serverKey(via: "SIP/2.0/UDP host-b.example.com:5060;branch=z9hG4bKsame"))
        XCTAssertEqual(a, try serverKey(via: "SIP/2.0/UDP HOST-A.example.com:5060;branch=z9hG4bKsame"))
    }

    func testABranchOfExactlyTheMagicCookieFallsBackToRFC2543Matching() throws {
        // RFC 4475 badbranch.dat: "z9hG4bK" with nothing after it is not an RFC 3261 branch.
        let request = options(via: "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK")
        guard case .rfc2543(let key) = try TransactionKey(serverRequest: request) else {
            return XCTFail("expected the RFC 2543 key")
        }
        XCTAssertEqual(key.requestURI, "sip:user@example.com")
        XCTAssertEqual(key.callID, "matching.sadonfo23i420jv0as0derf3j3n")
        XCTAssertEqual(key.fromTag, "33242")
        XCTAssertNil(key.toTag)
        XCTAssertEqual(key.sequence, 8)
        XCTAssertEqual(key.method, .options)
    }

    func testRFC2543KeyComparesTheTopViaAndTheRequestIdentity() throws {
        let first = options(via: "SIP/2.0/UDP 192.0.2.1:5060")
        XCTAssertEqual(try TransactionKey(serverRequest: first), try serverKey(via: "SIP/2.0/udp  192.0.2.1:5060"))
        XCTAssertNotEqual(try TransactionKey(serverRequest: first), try serverKey(via: "SIP/2.0/UDP 192.0.2.2:5060"))
        var later = first
        later.headers.set(.cseq, "9 OPTIONS")
        XCTAssertNotEqual(try TransactionKey(serverRequest: first), try TransactionKey(serverRequest: later))
    }

    func testRFC2543ACKTriesTheUntaggedINVITEKey() throws {
        let invite = F.invite(branch: "0a1b2c")
        let ack = invite.makeACK(for: F.reply(486, to: invite))
        let candidates = try TransactionKey.inviteCandidates(for: ack)
        XCTAssertEqual(candidates.count, 2)
        XCTAssertEqual(candidates.last, try TransactionKey(serverRequest: invite))
    }
}
