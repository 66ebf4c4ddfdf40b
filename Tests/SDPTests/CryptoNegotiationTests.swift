import XCTest
@testable import SDP

/// SDES offer/answer (RFC 4568 §7.1): the answerer picks one attribute, the offerer matches the answer to it.
final class CryptoNegotiationTests: XCTestCase {
    private let key30 = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR"

    func testAnswererTakesTheFirstSupportedAttributeAndAnswersWithItsTagAndSuite() throws {
        var generator = SeededGenerator(seed: 1)
        let offer = [
            "1 AES_256_CM_HMAC_SHA1_80 inline:\(key30)\(key30)",
            "2 AES_CM_128_HMAC_SHA1_80 inline:\(key30)|2^20|1:32",
            "3 AES_CM_128_HMAC_SHA1_32 inline:\(key30)",
        ]

        let (agreement, skipped) = CryptoNegotiation.answer(offer: offer, using: &generator)

        let chosen = try XCTUnwrap(agreement)
        XCTAssertEqual(chosen.remote, try CryptoAttribute(parsing: offer[1]))
        XCTAssertEqual(chosen.local.tag, 2)
        XCTAssertEqual(chosen.local.suite, .aesCM128HMACSHA1_80)
        XCTAssertNotEqual(chosen.local.key.masterKey, chosen.remote.key.masterKey, "the answerer sends under its own key")
        XCTAssertEqual(skipped, [.invalid(.unsupportedSuite(tag: 1, suite: "AES_256_CM_HMAC_SHA1_80"))])
    }

    func testAnswererPassesOverWhatItCannotHonour() throws {
        var generator = SeededGenerator(seed: 2)
        let offer = [
            "1 AES_CM_128_HMAC_SHA1_80 inline:\(key30) UNENCRYPTED_SRTP",
            "2 AES_CM_128_HMAC_SHA1_80 inline:\(key30)|2^20|1:4;inline:\(key30)|2^20|2:4",
            "3 AEAD_AES_128_GCM inline:\(key30)",
            "4 AES_CM_128_HMAC_SHA1_32 inline:\(key30) WSH=128",
        ]

        let (agreement, skipped) = CryptoNegotiation.answer(offer: offer, using: &generator)

        XCTAssertEqual(agreement?.local.tag, 4)
        XCTAssertEqual(skipped, [
            .unsupportedSessionParameter(tag: 1, parameter: "UNENCRYPTED_SRTP"),
            .multipleKeys(tag: 2),
            .invalid(.wrongKeySaltLength(suite: .aeadAES128GCM, expected: 28, actual: 30)),
        ])
    }

    func testAnswererRestrictedToSomeSuitesRefusesTheStreamWhenNoneFits() {
        var generator = SeededGenerator(seed: 3)
        let (agreement, skipped) = CryptoNegotiation.answer(
            offer: ["1 AES_CM_128_HMAC_SHA1_32 inline:\(key30)"], supported: [.aeadAES128GCM], using: &generator)
        XCTAssertNil(agreement)
        XCTAssertEqual(skipped, [.invalid(.unsupportedSuite(tag: 1, suite: "AES_CM_128_HMAC_SHA1_32"))])
    }

    func testOfferAndAnswerAgreeOnMirroredKeys() throws {
        var offerer = SeededGenerator(seed: 4)
        var answerer = SeededGenerator(seed: 5)
        let offered = CryptoNegotiation.offer(using: &offerer)
        XCTAssertEqual(offered.map(\.tag), [1, 2, 3])
        XCTAssertEqual(offered.map(\.suite), [.aeadAES128GCM, .aesCM128HMACSHA1_80, .aesCM128HMACSHA1_32])

        let answered = try XCTUnwrap(
            CryptoNegotiation.answer(offer: offered.map(\.attributeLine), using: &answerer).agreement)
        let confirmed = try CryptoNegotiation.accept(answer: answered.local.attributeLine, offered: offered)

        XCTAssertEqual(confirmed.local, answered.remote)
        XCTAssertEqual(confirmed.remote, answered.local)
    }

    func testOffererRefusesAnAnswerThatDoesNotFitTheOffer() {
        var generator = SeededGenerator(seed: 6)
        let offered = CryptoNegotiation.offer(suites: [.aesCM128HMACSHA1_80], using: &generator)

        XCTAssertThrowsError(try CryptoNegotiation.accept(answer: nil, offered: offered)) {
            XCTAssertEqual($0 as? CryptoAnswerError, .missingAnswer)
        }
        XCTAssertThrowsError(try CryptoNegotiation.accept(
            answer: "2 AES_CM_128_HMAC_SHA1_80 inline:\(key30)", offered: offered)) {
            XCTAssertEqual($0 as? CryptoAnswerError, .unknownTag(2))
        }
        XCTAssertThrowsError(try CryptoNegotiation.accept(
            answer: "1 AES_CM_128_HMAC_SHA1_32 inline:\(key30)", offered: offered)) {
            XCTAssertEqual($0 as? CryptoAnswerError,
                           .suiteMismatch(tag: 1, offered: .aesCM128HMACSHA1_80, answered: .aesCM128HMACSHA1_32))
        }
        XCTAssertThrowsError(try CryptoNegotiation.accept(
            answer: "1 AES_CM_128_HMAC_SHA1_80 inline:AAAA", offered: offered)) {
            XCTAssertEqual($0 as? CryptoAnswerError,
                           .invalid(.wrongKeySaltLength(suite: .aesCM128HMACSHA1_80, expected: 30, actual: 3)))
        }
    }

    func testAnAgreementPrintsNoKeys() throws {
        var generator = SeededGenerator(seed: 7)
        let agreement = try XCTUnwrap(CryptoNegotiation.answer(
            offer: ["1 AES_CM_128_HMAC_SHA1_80 inline:\(key30)"], using: &generator).agreement)
        var dumped = ""
        dump(agreement, to: &dumped)
        for text in ["\(agreement)", String(reflecting: agreement), dumped] {
            XCTAssertFalse(text.contains(key30), text)
            let localKey = try XCTUnwrap(agreement.local.encoded.split(separator: ":").last)
            XCTAssertFalse(text.contains(localKey), text)
            XCTAssertTrue(text.contains("redacted"), text)
        }
    }
}
