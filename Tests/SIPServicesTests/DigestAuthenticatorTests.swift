import SIP
import XCTest
@testable import SIPServices

/// RFC 3261 §22.4 registrar-side digest authentication, scenario by scenario.
final class DigestAuthenticatorTests: XCTestCase {
    let realm = "huiyi.local"
    let requestURI = "sip:huiyi.local"
    let alice = DigestClient(username: "alice", password: "wonderland")

    func makeAuthenticator(
        algorithms: [DigestAlgorithm] = [.sha256, .md5], lifetime: Duration = .seconds(300)
    ) -> DigestAuthenticator {
        let directory = StaticAccountDirectory([AccountCredentials(username: "alice", realm: realm, password: "wonderland")])
        let nonces = NonceAuthority(
            secret: Array("registrar secret".utf8), lifetime: lifetime, generator: SeededGenerator(seed: 42)
        )
        return DigestAuthenticator(realm: realm, algorithms: algorithms, directory: directory, nonces: nonces)
    }

    func testChallengesOfferSHA256FirstThenMD5WithOneNonce() {
        var authenticator = makeAuthenticator()
        let challenges = authenticator.digestChallenges(now: .seconds(1))
        XCTAssertEqual(challenges.map(\.algorithm), [.sha256, .md5])
        XCTAssertEqual(Set(challenges.map(\.nonce)).count, 1)
        let values = authenticator.challenges(now: .seconds(1), stale: true)
        XCTAssertTrue(values[0].hasPrefix(#"Digest realm="huiyi.local", nonce=""#))
        XCTAssertTrue(values[0].hasSuffix(#"algorithm=SHA-256, qop="auth", stale=true"#))
        XCTAssertTrue(values[1].contains("algorithm=MD5"))
    }

    func testARequestWithoutCredentialsIsChallenged() {
        var authenticator = makeAuthenticator()
        let outcome = authenticator.authenticate(
            method: "REGISTER", requestURI: requestURI, authorizationValues: [], now: .seconds(1)
        )
        XCTAssertEqual(outcome, .challenge(stale: false, reason: "no credentials"))
    }

    func testBothSHA256AndMD5ResponsesAuthenticate() {
        var authenticator = makeAuthenticator()
        for index in 0..<2 {
            // Each round is a new REGISTER answered to a new 401, whose challenge list is [SHA-256, MD5].
            let challenge = authenticator.digestChallenges(now: .seconds(1))[index]
            let authorization = alice.authorization(for: challenge, uri: requestURI)
            XCTAssertEqual(
                authenticator.authenticate(
                    method: "REGISTER", requestURI: requestURI, authorizationValues: [authorization], now: .seconds(2)
                ),
                .authenticated(username: "alice"), "\(challenge.algorithm)"
            )
        }
    }

    func testAbsentAlgorithmMeansMD5() {
        var authenticator = makeAuthenticator()
        let md5 = authenticator.digestChallenges(now: .seconds(1))[1]
        let authorization = alice.authorization(for: md5, uri: requestURI).replacingOccurrences(of: ", algorithm=MD5", with: "")
        XCTAssertEqual(
            authenticator.authenticate(
                method: "REGISTER", requestURI: requestURI, authorizationValues: [authorization], now: .seconds(2)
            ),
            .authenticated(username: "alice")
        )
    }

    func testAnAlgorithmNotOfferedIsChallenged() {
        var authenticator = makeAuthenticator(algorithms: [.sha256])
        let challenge = DigestChallenge(realm: realm, nonce: authenticator.digestChallenges(now: .seconds(1))[0].nonce, algorithm: .md5)
        let outcome = authenticator.authenticate(
            method: "REGISTER", requestURI: requestURI,
            authorizationValues: [alice.authorization(for: challenge, uri: requestURI)], now: .seconds(2)
        )
        XCTAssertEqual(outcome, .challenge(stale: false, reason: "algorithm 'MD5' is not offered"))
    }

    func testWrongPasswordWithAFreshNonceIsForbidden() {
        var authenticator = makeAuthenticator()
        let challenge = authenticator.digestChallenges(now: .seconds(1))[0]
        let mallory = DigestClient(username: "alice", password: "guess")
        guard case .forbidden = authenticator.authenticate(
            method: "REGISTER", requestURI: requestURI,
            authorizationValues: [mallory.authorization(for: challenge, uri: requestURI)], now: .seconds(2)
        ) else { return XCTFail("a wrong password must be forbidden") }
    }

    func testUnknownUserIsForbidden() {
        var authenticator = makeAuthenticator()
        let challenge = authenticator.digestChallenges(now: .seconds(1))[0]
        let stranger = DigestClient(username: "bob", password: "wonderland")
        XCTAssertEqual(
            authenticator.authenticate(
                method: "REGISTER", requestURI: requestURI,
                authorizationValues: [stranger.authorization(for: challenge, uri: requestURI)], now: .seconds(2)
            ),
            .forbidden(reason: "no account 'bob' in realm 'huiyi.local'")
        )
    }

    func testAnExpiredNonceWithARightDigestIsChallengedAsStale() {
        var authenticator = makeAuthenticator(lifetime: .seconds(60))
        let challenge = authenticator.digestChallenges(now: .seconds(1))[0]
        let authorization = alice.authorization(for: challenge, uri: requestURI)
        XCTAssertEqual(
            authenticator.authenticate(
                method: "REGISTER", requestURI: requestURI, authorizationValues: [authorization], now: .seconds(62)
            ),
            .challenge(stale: true, reason: "nonce expired or unknown")
        )
    }

    func testAnExpiredNonceWithAWrongDigestIsNotStale() {
        var authenticator = makeAuthenticator(lifetime: .seconds(60))
        let challenge = authenticator.digestChallenges(now: .seconds(1))[0]
        let mallory = DigestClient(username: "alice", password: "guess")
        guard case .challenge(stale: false, _) = authenticator.authenticate(
            method: "REGISTER", requestURI: requestURI,
            authorizationValues: [mallory.authorization(for: challenge, uri: requestURI)], now: .seconds(62)
        ) else { return XCTFail("stale=true would tell a guesser their password was right") }
    }

    func testANonceWeDidNotMintIsChallenged() {
        var authenticator = makeAuthenticator()
        let forged = DigestChallenge(realm: realm, nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093", algorithm: .sha256)
        XCTAssertEqual(
            authenticator.authenticate(
                method: "REGISTER", requestURI: requestURI,
                authorizationValues: [alice.authorization(for: forged, uri: requestURI)], now: .seconds(2)
            ),
            .challenge(stale: true, reason: "nonce expired or unknown")
        )
    }

    func testAReplayedNonceCountIsRefusedAndAnIncreasingOneAccepted() {
        var authenticator = makeAuthenticator()
        let challenge = authenticator.digestChallenges(now: .seconds(1))[0]
        let first = alice.authorization(for: challenge, uri: requestURI, nonceCount: 1)
        func outcome(_ value: String, at second: Int64) -> DigestAuthenticator.Outcome {
            authenticator.authenticate(
                method: "REGISTER", requestURI: requestURI, authorizationValues: [value], now: .seconds(second)
            )
        }
        XCTAssertEqual(outcome(first, at: 2), .authenticated(username: "alice"))
        XCTAssertEqual(outcome(first, at: 3), .challenge(stale: true, reason: "nonce count 00000001 reused"))
        XCTAssertEqual(
            outcome(alice.authorization(for: challenge, uri: requestURI, nonceCount: 2), at: 4),
            .authenticated(username: "alice")
        )
    }

    func testAResponseWithoutQopMakesTheNonceSingleUse() {
        var authenticator = makeAuthenticator()
        let challenge = authenticator.digestChallenges(now: .seconds(1))[0]
        let rfc2069 = alice.authorization(for: challenge, uri: requestURI, nonceCount: nil)
        let first = authenticator.authenticate(
            method: "REGISTER", requestURI: requestURI, authorizationValues: [rfc2069], now: .seconds(2)
        )
        let again = authenticator.authenticate(
            method: "REGISTER", requestURI: requestURI, authorizationValues: [rfc2069], now: .seconds(3)
        )
        XCTAssertEqual(first, .authenticated(username: "alice"))
        guard case .challenge(stale: true, _) = again else { return XCTFail("a qop-less nonce must not be reused") }
    }

    func testTheDigestURIMustMatchTheRequestURI() {
        var authenticator = makeAuthenticator()
        let challenge = authenticator.digestChallenges(now: .seconds(1))[0]
        let authorization = alice.authorization(for: challenge, uri: "sip:elsewhere.example")
        guard case .challenge(stale: false, let reason) = authenticator.authenticate(
            method: "REGISTER", requestURI: requestURI, authorizationValues: [authorization], now: .seconds(2)
        ) else { return XCTFail("a response for another URI must not authenticate") }
        XCTAssertTrue(reason.contains("does not match Request-URI"))
    }

    func testTheMethodIsPartOfTheDigest() {
        var authenticator = makeAuthenticator()
        let challenge = authenticator.digestChallenges(now: .seconds(1))[0]
        let forInvite = alice.authorization(for: challenge, method: "INVITE", uri: requestURI)
        guard case .forbidden = authenticator.authenticate(
            method: "REGISTER", requestURI: requestURI, authorizationValues: [forInvite], now: .seconds(2)
        ) else { return XCTFail("a response computed for INVITE must not authenticate a REGISTER") }
    }

    func testCredentialsForAnotherRealmAreSkippedInFavourOfOurs() {
        var authenticator = makeAuthenticator()
        let challenge = authenticator.digestChallenges(now: .seconds(1))[0]
        let foreign = alice.authorization(for: challenge, uri: requestURI, realm: "proxy.example")
        let ours = alice.authorization(for: challenge, uri: requestURI)
        XCTAssertEqual(
            authenticator.authenticate(
                method: "REGISTER", requestURI: requestURI, authorizationValues: [foreign, ours], now: .seconds(2)
            ),
            .authenticated(username: "alice")
        )
        guard case .challenge(stale: false, let reason) = authenticator.authenticate(
            method: "REGISTER", requestURI: requestURI, authorizationValues: [foreign], now: .seconds(2)
        ) else { return XCTFail("credentials for another realm alone must be challenged") }
        XCTAssertTrue(reason.contains("proxy.example"))
    }

    func testAnUnknownSchemeIsChallengedAsInRFC4475Regaut01() {
        var authenticator = makeAuthenticator()
        guard case .challenge(stale: false, let reason) = authenticator.authenticate(
            method: "REGISTER", requestURI: "sip:example.com",
            authorizationValues: ["NoOneKnowsThisScheme opaque-data=here"], now: .seconds(1)
        ) else { return XCTFail("an unknown scheme must be challenged") }
        XCTAssertTrue(reason.contains("NoOneKnowsThisScheme"))
    }

    func testTheConvenienceInitializerUsesARandomSecretAndTheGivenLifetime() {
        let directory = StaticAccountDirectory([AccountCredentials(username: "alice", realm: realm, password: "wonderland")])
        var first = DigestAuthenticator(realm: realm, nonceLifetime: .seconds(10), directory: directory)
        let second = DigestAuthenticator(realm: realm, nonceLifetime: .seconds(10), directory: directory)
        let nonce = first.digestChallenges(now: .seconds(1))[0].nonce
        XCTAssertEqual(first.nonces.verify(nonce, now: .seconds(12)), .stale(issuedAt: .seconds(1)))
        XCTAssertEqual(second.nonces.verify(nonce, now: .seconds(2)), .invalid, "each process has its own secret")
    }

    func testUppercaseHexResponseIsAccepted() {
        var authenticator = makeAuthenticator()
        let challenge = authenticator.digestChallenges(now: .seconds(1))[0]
        var authorization = alice.authorization(for: challenge, uri: requestURI)
        let response = authorization.split(separator: "response=\"")[1].prefix(64)
        authorization = authorization.replacingOccurrences(of: String(response), with: response.uppercased())
        XCTAssertEqual(
            authenticator.authenticate(
                method: "REGISTER", requestURI: requestURI, authorizationValues: [authorization], now: .seconds(2)
            ),
            .authenticated(username: "alice")
        )
    }
}
