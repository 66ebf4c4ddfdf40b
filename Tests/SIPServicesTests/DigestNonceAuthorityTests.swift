import SIP
import XCTest
@testable import SIPServices

/// RFC 7616 §3.3 / §5.3–5.4: self-verifying, expiring nonces and nonce-count replay protection.
final class DigestNonceAuthorityTests: XCTestCase {
    let secret = Array("a server secret of 32 octets....".utf8)

    func authority(lifetime: Duration = .seconds(300), cap: Int = 100_000) -> NonceAuthority {
        NonceAuthority(
            secret: secret, lifetime: lifetime, maximumTrackedNonces: cap, generator: SeededGenerator(seed: 7)
        )
    }

    func testAFreshNonceIsValidAndCarriesItsIssueTime() {
        var nonces = authority()
        let nonce = nonces.mint(now: .seconds(1000))
        XCTAssertEqual(nonces.verify(nonce, now: .seconds(1000)), .valid(issuedAt: .seconds(1000)))
        XCTAssertEqual(nonces.verify(nonce, now: .seconds(1300)), .valid(issuedAt: .seconds(1000)))
    }

    func testNoncesAreDistinctAndSIPTokens() {
        var nonces = authority()
        let first = nonces.mint(now: .seconds(1))
        let second = nonces.mint(now: .seconds(1))
        XCTAssertNotEqual(first, second)
        XCTAssertEqual(first.count, 54)
        XCTAssertTrue(first.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }

    func testANonceOlderThanTheLifetimeIsStale() {
        var nonces = authority(lifetime: .seconds(30))
        let nonce = nonces.mint(now: .seconds(100))
        XCTAssertEqual(nonces.verify(nonce, now: .seconds(130)), .valid(issuedAt: .seconds(100)))
        XCTAssertEqual(
            nonces.verify(nonce, now: .seconds(130) + .milliseconds(1)), .stale(issuedAt: .seconds(100))
        )
    }

    func testForgedGarbledAndForeignNoncesAreInvalid() {
        var nonces = authority()
        let nonce = nonces.mint(now: .seconds(10))
        var flipped = Array(nonce)
        flipped[20] = flipped[20] == "A" ? "B" : "A"
        XCTAssertEqual(nonces.verify(String(flipped), now: .seconds(10)), .invalid)
        XCTAssertEqual(nonces.verify("", now: .seconds(10)), .invalid)
        XCTAssertEqual(nonces.verify("not/base64url!", now: .seconds(10)), .invalid)
        XCTAssertEqual(nonces.verify(String(nonce.dropLast()), now: .seconds(10)), .invalid)
        XCTAssertEqual(nonces.verify("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", now: .seconds(10)), .invalid)

        let other = NonceAuthority(secret: Array("another secret".utf8), generator: SeededGenerator(seed: 7))
        XCTAssertEqual(other.verify(nonce, now: .seconds(10)), .invalid)
    }

    func testANonceFromTheFutureIsInvalid() {
        var nonces = authority()
        let nonce = nonces.mint(now: .seconds(500))
        XCTAssertEqual(nonces.verify(nonce, now: .seconds(499)), .invalid)
    }

    func testIncreasingNonceCountsAreAcceptedAndRepeatsRefused() {
        var nonces = authority()
        let nonce = nonces.mint(now: .seconds(1))
        XCTAssertEqual(nonces.admit(nonce: nonce, issuedAt: .seconds(1), nonceCount: 1, now: .seconds(2)), .accepted)
        XCTAssertEqual(nonces.admit(nonce: nonce, issuedAt: .seconds(1), nonceCount: 1, now: .seconds(3)), .replayed)
        XCTAssertEqual(nonces.admit(nonce: nonce, issuedAt: .seconds(1), nonceCount: 3, now: .seconds(4)), .accepted)
        XCTAssertEqual(nonces.admit(nonce: nonce, issuedAt: .seconds(1), nonceCount: 2, now: .seconds(5)), .replayed)
        XCTAssertEqual(nonces.admit(nonce: nonce, issuedAt: .seconds(1), nonceCount: 4, now: .seconds(6)), .accepted)
    }

    func testNonceCountZeroIsNeverValid() {
        var nonces = authority()
        let nonce = nonces.mint(now: .seconds(1))
        XCTAssertEqual(nonces.admit(nonce: nonce, issuedAt: .seconds(1), nonceCount: 0, now: .seconds(1)), .replayed)
    }

    func testANonceUsedWithoutQopIsSingleUse() {
        var nonces = authority()
        let nonce = nonces.mint(now: .seconds(1))
        XCTAssertEqual(nonces.admit(nonce: nonce, issuedAt: .seconds(1), nonceCount: nil, now: .seconds(1)), .accepted)
        XCTAssertEqual(nonces.admit(nonce: nonce, issuedAt: .seconds(1), nonceCount: nil, now: .seconds(2)), .replayed)
        XCTAssertEqual(nonces.admit(nonce: nonce, issuedAt: .seconds(1), nonceCount: 5, now: .seconds(3)), .replayed)
    }

    func testUseRecordsExpireWithTheNonceLifetime() {
        var nonces = authority(lifetime: .seconds(10))
        for second in 0..<5 {
            let nonce = nonces.mint(now: .seconds(Int64(second)))
            _ = nonces.admit(nonce: nonce, issuedAt: .seconds(Int64(second)), nonceCount: 1, now: .seconds(Int64(second)))
        }
        XCTAssertEqual(nonces.trackedNonceCount, 5)
        let late = nonces.mint(now: .seconds(100))
        _ = nonces.admit(nonce: late, issuedAt: .seconds(100), nonceCount: 1, now: .seconds(100))
        XCTAssertEqual(nonces.trackedNonceCount, 1)
    }

    func testTheCapEvictsTheOldestAndRefusesTheirNoncesInsteadOfForgettingTheirCounts() {
        var nonces = authority(cap: 4)
        var minted: [(String, SIPInstant)] = []
        for second in 1...4 {
            let now = SIPInstant.seconds(Int64(second))
            let nonce = nonces.mint(now: now)
            minted.append((nonce, now))
            XCTAssertEqual(nonces.admit(nonce: nonce, issuedAt: now, nonceCount: 1, now: now), .accepted)
        }
        let unusedOld = nonces.mint(now: .seconds(4))
        // A fifth nonce pushes the oldest record out.
        let fifth = nonces.mint(now: .seconds(5))
        XCTAssertEqual(nonces.admit(nonce: fifth, issuedAt: .seconds(5), nonceCount: 1, now: .seconds(5)), .accepted)
        XCTAssertLessThanOrEqual(nonces.trackedNonceCount, 4)
        // Reusing the evicted nonce with the same nc must not succeed: it is forgotten, so the client re-challenges.
        let (evicted, evictedAt) = minted[0]
        XCTAssertEqual(nonces.admit(nonce: evicted, issuedAt: evictedAt, nonceCount: 1, now: .seconds(6)), .forgotten)
        // A tracked nonce keeps working; an unused nonce newer than the evicted ones is still admitted.
        let (kept, keptAt) = minted[3]
        XCTAssertEqual(nonces.admit(nonce: kept, issuedAt: keptAt, nonceCount: 2, now: .seconds(6)), .accepted)
        XCTAssertEqual(nonces.admit(nonce: unusedOld, issuedAt: .seconds(4), nonceCount: 1, now: .seconds(6)), .accepted)
    }
}
