import XCTest
@testable import SDP

/// RFC 4568 SDES `a=crypto` attributes: the RFC's own examples, round trips and refusals.
final class CryptoAttributeTests: XCTestCase {
    // MARK: RFC 4568 examples

    func testParsesTheRFC4568OfferExample() throws {
        // RFC 4568 §4: the offer's first attribute.
        let attribute = try CryptoAttribute(
            parsing: "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32")

        XCTAssertEqual(attribute.tag, 1)
        XCTAssertEqual(attribute.suite, .aesCM128HMACSHA1_80)
        XCTAssertEqual(attribute.keys.count, 1)
        let keySalt = try decodedKeySalt("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR")
        XCTAssertEqual(attribute.key.masterKey, Array(keySalt[..<16]))
        XCTAssertEqual(attribute.key.masterSalt, Array(keySalt[16...]))
        XCTAssertEqual(attribute.key.masterKey.count, 16)
        XCTAssertEqual(attribute.key.masterSalt.count, 14)
        XCTAssertEqual(attribute.key.lifetime, .powerOfTwo(exponent: 20))
        XCTAssertEqual(attribute.key.lifetime?.packetCount, 1_048_576)
        XCTAssertEqual(attribute.key.mki, KeyParameters.MKI(value: 1, length: 32))
        XCTAssertEqual(attribute.sessionParameters, [])
    }

    func testParsesTheRFC4568KeyWithMKIButNoLifetime() throws {
        // RFC 4568 §6.1: "inline:YUJDZGVmZ2hpSktMbW9QUXJzVHVWd3l6MTIzNDU2|1066:4" is the key-salt
        // "aBCdefghiJKLmoPQrsTuVwyz123456" with MKI 1066 in 4 octets.
        let attribute = try CryptoAttribute(
            parsing: "1 AES_CM_128_HMAC_SHA1_32 inline:YUJDZGVmZ2hpSktMbW9QUXJzVHVWd3l6MTIzNDU2|1066:4")

        XCTAssertEqual(attribute.suite, .aesCM128HMACSHA1_32)
        XCTAssertEqual(attribute.key.masterKey + attribute.key.masterSalt, Array("aBCdefghiJKLmoPQrsTuVwyz123456".utf8))
        XCTAssertNil(attribute.key.lifetime)
        XCTAssertEqual(attribute.key.mki, KeyParameters.MKI(value: 1066, length: 4))
    }

    func testParsesTheRFC4568MultipleKeyExample() throws {
        // RFC 4568 §6.1: two keys told apart by MKI 1 and 2.
        let attribute = try CryptoAttribute(parsing:
            "1 AES_CM_128_HMAC_SHA1_80 inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm|2^20|1:4;"
            + "inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5|2^20|2:4")

        XCTAssertEqual(attribute.keys.count, 2)
        XCTAssertEqual(attribute.keys[0].masterKey + attribute.keys[0].masterSalt,
                       Array("123456789ABCDE0123456789ABcdef".utf8))
        XCTAssertEqual(attribute.keys[1].masterKey + attribute.keys[1].masterSalt,
                       Array("ABcdef123456789ABCDE0123456789".utf8))
        XCTAssertEqual(attribute.keys.map(\.mki?.value), [1, 2])
    }

    func testSessionParametersAreKept() throws {
        let line = "a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR KDR=1 UNENCRYPTED_SRTCP"
        let attribute = try CryptoAttribute(parsing: line)

        XCTAssertEqual(attribute.tag, 7)
        XCTAssertEqual(attribute.sessionParameters, ["KDR=1", "UNENCRYPTED_SRTCP"])
        XCTAssertEqual(attribute.attributeLine, line)
    }

    // MARK: Round trips

    func testRoundTripsEveryForm() throws {
        let lines = [
            "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32",
            "2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32",
            "3 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1048576",
            "4 AES_CM_128_HMAC_SHA1_80 inline:YUJDZGVmZ2hpSktMbW9QUXJzVHVWd3l6MTIzNDU2|1066:4",
            "5 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR",
            "6 AEAD_AES_128_GCM inline:AAECAwQFBgcICQoLDA0OD1F1aWQgcHJvIHF1bw==",
        ]
        for line in lines {
            let attribute = try CryptoAttribute(parsing: line)
            XCTAssertEqual(attribute.encoded, line)
            XCTAssertEqual(try CryptoAttribute(parsing: attribute.attributeLine), attribute)
        }
    }

    func testDecimalLifetimeIsKeptDistinctFromPowerOfTwo() throws {
        let attribute = try CryptoAttribute(
            parsing: "1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1048576")
        XCTAssertEqual(attribute.key.lifetime, .packets(1_048_576))
        XCTAssertEqual(attribute.key.lifetime?.packetCount, KeyParameters.Lifetime.powerOfTwo(exponent: 20).packetCount)
    }

    func testGCMKeyIsSixteenOctetsOfKeyAndTwelveOfSalt() throws {
        // RFC 7714 §12 lengths, with the §16.1.1 key and salt ("Quid pro quo").
        let attribute = try CryptoAttribute(parsing: "1 AEAD_AES_128_GCM inline:AAECAwQFBgcICQoLDA0OD1F1aWQgcHJvIHF1bw==")
        XCTAssertEqual(attribute.key.masterKey, Array(0...15))
        XCTAssertEqual(attribute.key.masterSalt, Array("Quid pro quo".utf8))
    }

    // MARK: Generation

    func testGeneratedKeysHaveTheSuiteLengthsAndRoundTrip() throws {
        var generator = SeededGenerator(seed: 42)
        for suite in CryptoSuite.allCases {
            let attribute = CryptoAttribute.generate(tag: 1, suite: suite, using: &generator)
            XCTAssertEqual(attribute.key.masterKey.count, suite.masterKeyLength)
            XCTAssertEqual(attribute.key.masterSalt.count, suite.masterSaltLength)
            XCTAssertEqual(try CryptoAttribute(parsing: attribute.attributeLine), attribute)
        }
    }

    func testGenerationDrawsFromTheInjectedGenerator() {
        var first = SeededGenerator(seed: 7)
        var second = SeededGenerator(seed: 7)
        var other = SeededGenerator(seed: 8)
        let a = CryptoAttribute.generate(tag: 1, suite: .aeadAES128GCM, using: &first)
        let b = CryptoAttribute.generate(tag: 1, suite: .aeadAES128GCM, using: &second)
        let c = CryptoAttribute.generate(tag: 1, suite: .aeadAES128GCM, using: &other)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a.key, c.key)
        // Consecutive keys from one generator differ.
        XCTAssertNotEqual(a.key, CryptoAttribute.generate(tag: 1, suite: .aeadAES128GCM, using: &first).key)
    }

    // MARK: Secrecy

    func testDescriptionsNeverRevealTheKey() throws {
        let base64 = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR"
        let attribute = try CryptoAttribute(parsing: "1 AES_CM_128_HMAC_SHA1_80 inline:\(base64)|2^20|1:32")
        var dumped = ""
        dump(attribute, to: &dumped)
        let keyBytes = attribute.key.masterKey.map(String.init).joined(separator: ", ")
        for text in [attribute.description, attribute.debugDescription, "\(attribute)", String(reflecting: attribute),
                     attribute.key.description, String(reflecting: attribute.key), dumped] {
            XCTAssertFalse(text.contains(base64), text)
            XCTAssertFalse(text.contains(keyBytes), text)
        }
        XCTAssertEqual(attribute.description, "1 AES_CM_128_HMAC_SHA1_80 inline:<16+14 octets redacted>|2^20|1:32")
    }

    // MARK: Refusals

    func testUnknownSuiteIsReportedWithItsTagSoAnAnswererCanSkipIt() {
        assertRefused("3 F8_128_HMAC_SHA1_80 inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm|2^20|1:4",
                      as: .unsupportedSuite(tag: 3, suite: "F8_128_HMAC_SHA1_80"))
        XCTAssertTrue(CryptoAttributeError.unsupportedSuite(tag: 3, suite: "F8_128_HMAC_SHA1_80").description
            .contains("AES_CM_128_HMAC_SHA1_80"))
    }

    func testBadBase64IsRefused() {
        assertRefused("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaV!R",
                      as: .invalidBase64(offset: 38))
        assertRefused("1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVB",
                      as: .invalidBase64(offset: nil))
        assertRefused("1 AEAD_AES_128_GCM inline:AAECAwQFBgcICQoLDA0OD1F1aWQgcHJvIHF1b=A=",
                      as: .invalidBase64(offset: nil))
        // Non-zero bits under the padding: not the canonical encoding.
        assertRefused("1 AEAD_AES_128_GCM inline:AAECAwQFBgcICQoLDA0OD1F1aWQgcHJvIHF1bx==",
                      as: .invalidBase64(offset: nil))
    }

    func testWrongKeyLengthsAreRefusedPerSuite() {
        // 30 octets suit AES-CM but not GCM (28); 28 octets suit GCM but not AES-CM.
        assertRefused("1 AEAD_AES_128_GCM inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR",
                      as: .wrongKeySaltLength(suite: .aeadAES128GCM, expected: 28, actual: 30))
        assertRefused("1 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0OD1F1aWQgcHJvIHF1bw==",
                      as: .wrongKeySaltLength(suite: .aesCM128HMACSHA1_80, expected: 30, actual: 28))
        assertRefused("1 AES_CM_128_HMAC_SHA1_80 inline:", as: .wrongKeySaltLength(
            suite: .aesCM128HMACSHA1_80, expected: 30, actual: 0))
    }

    func testMalformedFieldsAreRefused() {
        let key = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR"
        assertRefused("", as: .missingField("tag"))
        assertRefused("1", as: .missingField("crypto-suite"))
        assertRefused("1 AES_CM_128_HMAC_SHA1_80", as: .missingField("key parameters"))
        assertRefused("1234567890 AES_CM_128_HMAC_SHA1_80 inline:\(key)", as: .invalidTag("1234567890"))
        assertRefused("x AES_CM_128_HMAC_SHA1_80 inline:\(key)", as: .invalidTag("x"))
        assertRefused("1 AES_CM_128_HMAC_SHA1_80 uri:\(key)", as: .unsupportedKeyMethod("uri"))
        assertRefused("1 AES_CM_128_HMAC_SHA1_80 inline:\(key)|2^x", as: .invalidLifetime("2^x"))
        assertRefused("1 AES_CM_128_HMAC_SHA1_80 inline:\(key)|0", as: .invalidLifetime("0"))
        assertRefused("1 AES_CM_128_HMAC_SHA1_80 inline:\(key)|2^49",
                      as: .lifetimeTooLong(suite: .aesCM128HMACSHA1_80, maximum: 1 << 48))
        assertRefused("1 AES_CM_128_HMAC_SHA1_80 inline:\(key)|1:129", as: .invalidMKI("1:129"))
        assertRefused("1 AES_CM_128_HMAC_SHA1_80 inline:\(key)|1:0", as: .invalidMKI("1:0"))
        assertRefused("1 AES_CM_128_HMAC_SHA1_80 inline:\(key)|256:1", as: .invalidMKI("256:1"))
        assertRefused("1 AES_CM_128_HMAC_SHA1_80 inline:\(key)|1:4|2^20", as: .unexpectedKeyInfoField("2^20"))
        assertRefused("1 AES_CM_128_HMAC_SHA1_80 inline:\(key);inline:\(key)", as: .multipleKeysWithoutMKI)
    }

    func testErrorsNeverEchoTheKey() {
        let key = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaV!R"
        do {
            _ = try CryptoAttribute(parsing: "1 AES_CM_128_HMAC_SHA1_80 inline:\(key)")
            XCTFail("accepted a bad key")
        } catch {
            XCTAssertFalse(error.description.contains(key))
            XCTAssertTrue(error.description.contains("base 64"))
        }
    }

    // MARK: Helpers

    private func assertRefused(_ text: String, as expected: CryptoAttributeError, line: UInt = #line) {
        do {
            let attribute = try CryptoAttribute(parsing: text)
            XCTFail("accepted \(attribute)", line: line)
        } catch {
            XCTAssertEqual(error, expected, line: line)
        }
    }

    private func decodedKeySalt(_ base64: String) throws -> [UInt8] {
        try Base64.decode(Substring(base64).utf8)
    }
}

/// A deterministic generator (Knuth's MMIX linear congruential constants) so key generation is reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state ^ (state >> 29)
    }
}
