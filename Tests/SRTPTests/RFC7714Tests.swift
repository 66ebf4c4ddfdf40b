import SDP
import XCTest
@testable import SRTP

/// RFC 7714 §16.1.1 and §17.1 (AEAD_AES_128_GCM SRTP and SRTCP encryption), checked with an independent AES-GCM,
/// and tied to what
/// libsrtp sends: libsrtp always derives session keys from a master key (RFC 7714 §11), so the published
/// session-key vector is reproduced here and libsrtp's packet is checked against the same construction.
final class RFC7714Tests: XCTestCase {
    func testSection16_1_1Encryption() throws {
        let vector = try KnownAnswerVectors.corpusEntry("rfc7714_16_1_1_aead_aes_128_gcm_srtp")
        let header = try vector.bytes("aad_rtp_header")
        let salt = try vector.bytes("salt")

        // IV = (0x0000 || SSRC || ROC || SEQ) XOR salt (RFC 7714 §8.1); SSRC 5501a0b2, ROC 0, SEQ f17b.
        let iv = zip([0, 0] + header[8..<12] + [0, 0, 0, 0] + header[2..<4], salt).map { $0 ^ $1 }
        XCTAssertEqual(iv.hex, try vector.bytes("iv").hex)

        let sealed = ReferenceGCM(key: try vector.bytes("key"))
            .seal(Array((try XCTUnwrap(vector["plaintext_ascii"] as? String)).utf8), iv: iv, additionalData: header)
        XCTAssertEqual(sealed.hex, try vector.bytes("ciphertext_with_tag").hex)
    }

    func testLibsrtpProtectsWithTheSection8IVAndTheSection11SessionKeys() throws {
        let masterKey: [UInt8] = Array(0...15)
        let masterSalt = Array("Quid pro quo".utf8)
        let sender = try SRTPContext(suite: .aeadAES128GCM, direction: .outbound,
                                     masterKey: masterKey, masterSalt: masterSalt)
        let header = try XCTUnwrap([UInt8](hex: "8040f17b8041f8d35501a0b2"))
        let payload = Array("Gallia est omnis divisa in partes tres".utf8)
        var packet = header + payload
        try sender.protect(rtp: &packet)

        // RFC 7714 §11: the RFC 3711 AES-CM PRF over the 96-bit master salt (right-padded to 112 bits).
        let prf = ReferenceAES128(key: masterKey)
        func derive(label: UInt8, length: Int) -> [UInt8] {
            var iv = masterSalt + [0, 0, 0, 0]
            iv[7] ^= label
            return prf.counterModeKeystream(iv: iv, length: length)
        }
        let sessionKey = derive(label: 0, length: 16)
        let sessionSalt = derive(label: 2, length: 12)
        let iv = zip([0, 0] + header[8..<12] + [0, 0, 0, 0] + header[2..<4], sessionSalt).map { $0 ^ $1 }
        let expected = header + ReferenceGCM(key: sessionKey).seal(payload, iv: iv, additionalData: header)

        XCTAssertEqual(packet.hex, expected.hex)
    }

    // MARK: SRTCP (RFC 7714 §17.1, §9)

    func testSection17_1SRTCPEncryption() throws {
        let salt = Array("Quid pro quo".utf8)
        let rtcp = try XCTUnwrap([UInt8](hex: "81c8000d4d6172734e5450314e54503252545020"
            + "0000042a0000e9304c756e61deadbeefdeadbeefdeadbeefdeadbeefdeadbeef"))
        let esrtcp: [UInt8] = [0x80, 0x00, 0x05, 0xD4]  // E flag and SRTCP index 0x5d4

        let iv = srtcpIV(rtcp, index: [0x00, 0x00, 0x05, 0xD4], salt: salt)
        XCTAssertEqual(iv.hex, "517524055203726f207170bb")
        let sealed = ReferenceGCM(key: Array(0...15))
            .seal(Array(rtcp[8...]), iv: iv, additionalData: Array(rtcp[..<8]) + esrtcp)
        let srtcp = Array(rtcp[..<8]) + sealed + esrtcp

        XCTAssertEqual(srtcp.hex, "81c8000d4d61727363e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32d"
            + "c676a5f1730d6fda4ce09b4686303ded0bb9275bc84aa45896cf4d2fc5abf87245d9eade800005d4")
    }

    func testLibsrtpProtectsSRTCPWithTheSection9IVAndTheSRTCPSessionKeys() throws {
        let masterKey: [UInt8] = Array(0...15)
        let masterSalt = Array("Quid pro quo".utf8)
        let sender = try SRTPContext(suite: .aeadAES128GCM, direction: .outbound,
                                     masterKey: masterKey, masterSalt: masterSalt)
        let rtcp = try XCTUnwrap([UInt8](hex: "81c8000d4d6172734e5450314e54503252545020"
            + "0000042a0000e9304c756e61deadbeefdeadbeefdeadbeefdeadbeefdeadbeef"))
        var packet = rtcp
        try sender.protectRTCP(&packet)

        // SRTCP session keys use labels 3 (cipher key) and 5 (salt) (RFC 3711 §4.3.2); the first packet has
        // index 1.
        let prf = ReferenceAES128(key: masterKey)
        func derive(label: UInt8, length: Int) -> [UInt8] {
            var iv = masterSalt + [0, 0, 0, 0]
            iv[7] ^= label
            return prf.counterModeKeystream(iv: iv, length: length)
        }
        let esrtcp: [UInt8] = [0x80, 0x00, 0x00, 0x01]
        let iv = srtcpIV(rtcp, index: [0x00, 0x00, 0x00, 0x01], salt: derive(label: 5, length: 12))
        let sealed = ReferenceGCM(key: derive(label: 3, length: 16))
            .seal(Array(rtcp[8...]), iv: iv, additionalData: Array(rtcp[..<8]) + esrtcp)

        XCTAssertEqual(packet.hex, (Array(rtcp[..<8]) + sealed + esrtcp).hex)
    }

    /// IV = (0x0000 || SSRC || 0x0000 || 0 || SRTCP index) XOR salt (RFC 7714 §9.1).
    private func srtcpIV(_ rtcp: [UInt8], index: [UInt8], salt: [UInt8]) -> [UInt8] {
        zip([0, 0] + rtcp[4..<8] + [0, 0] + index, salt).map { $0 ^ $1 }
    }
}
