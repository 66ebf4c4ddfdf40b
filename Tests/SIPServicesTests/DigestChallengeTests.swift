import XCTest
@testable import SIPServices

/// RFC 7616 §3.3 challenge serialisation.
final class DigestChallengeTests: XCTestCase {
    func testHeaderValueQuotesStringsButNotTheAlgorithmToken() {
        let challenge = DigestChallenge(realm: "huiyi.local", nonce: "abc-_", algorithm: .sha256)
        XCTAssertEqual(
            challenge.headerValue, #"Digest realm="huiyi.local", nonce="abc-_", algorithm=SHA-256, qop="auth""#
        )
    }

    func testStaleAndOpaqueAreWrittenWhenSet() {
        let challenge = DigestChallenge(realm: "r", nonce: "n", opaque: "o", algorithm: .md5, stale: true)
        XCTAssertEqual(
            challenge.headerValue, #"Digest realm="r", nonce="n", opaque="o", algorithm=MD5, qop="auth", stale=true"#
        )
    }

    func testRealmWithQuotesIsEscapedAndParsesBack() throws {
        let challenge = DigestChallenge(realm: #"the "big" \ realm"#, nonce: "n", algorithm: .md5)
        // A challenge is a valid auth-param list: reuse the credentials grammar to read it back.
        let list = try AuthParameterList(parsing: challenge.headerValue)
        XCTAssertEqual(list.parameters.first { $0.name == "realm" }?.value, #"the "big" \ realm"#)
    }
}
