import SDP
import XCTest
@testable import SRTP

/// RFC 3711 Appendix B.2 (AES-CM keystream) and B.3 (key derivation), checked with an independent AES, and
/// tied to what libsrtp actually sends under the B.3 master key.
final class RFC3711AppendixBTests: XCTestCase {
    func testReferenceAESMatchesFIPS197AppendixC1() throws {
        let aes = ReferenceAES128(key: Array(0...15))
        let block = aes.encrypt(block: try XCTUnwrap([UInt8](hex: "00112233445566778899aabbccddeeff")))
        XCTAssertEqual(block.hex, "69c4e0d86a7b0430d8cdb78070b4c55a")
    }

    func testAppendixB2KeystreamBlocks() throws {
        let vector = try KnownAnswerVectors.corpusEntry("rfc3711_B2_aes_cm_128_keystream")
        let aes = ReferenceAES128(key: try vector.bytes("session_key"))
        for entry in ["first_blocks", "last_blocks"] {
            let blocks = try XCTUnwrap(vector[entry] as? [String: String])
            XCTAssertEqual(blocks.count, 3)
            for (counter, expected) in blocks {
                let block = aes.encrypt(block: try XCTUnwrap([UInt8](hex: counter)))
                XCTAssertEqual(block.hex, expected.lowercased(), "counter \(counter)")
            }
        }
    }

    func testAppendixB3SessionKeysFollowFromTheMasterKey() throws {
        let vector = try KnownAnswerVectors.corpusEntry("rfc3711_B3_key_derivation_aes128")
        let masterKey = try vector.bytes("master_key")
        let masterSalt = try vector.bytes("master_salt")

        XCTAssertEqual(derive(label: 0, length: 16, masterKey, masterSalt).hex,
                       try vector.bytes("srtp_cipher_key_label0").hex)
        XCTAssertEqual(derive(label: 2, length: 14, masterKey, masterSalt).hex,
                       try vector.bytes("srtp_cipher_salt_label2").hex)
        XCTAssertEqual(derive(label: 1, length: 94, masterKey, masterSalt).hex,
                       try vector.bytes("srtp_auth_key_label1_94_octets").hex)
    }

    func testLibsrtpEncryptsWithTheAppendixB3SessionKeyAndTheSection411IV() throws {
        // Protect a packet through SRTPContext under the B.3 master key, then check the keystream it applied is
        // AES-CM under B.3's session key and salt with the IV of RFC 3711 §4.1.1.
        let rfc = try KnownAnswerVectors.corpusEntry("rfc3711_B3_key_derivation_aes128")
        let sender = try SRTPContext(suite: .aesCM128HMACSHA1_80, direction: .outbound,
                                     masterKey: rfc.bytes("master_key"), masterSalt: rfc.bytes("master_salt"))
        let ssrc: [UInt8] = [0xCA, 0xFE, 0xBA, 0xBE]
        let plain: [UInt8] = [0x80, 0x0F, 0x12, 0x34, 0xDE, 0xCA, 0xFB, 0xAD] + ssrc + Array(repeating: 0xAB, count: 40)
        var packet = plain
        try sender.protect(rtp: &packet)

        // IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16), i = ROC || SEQ = 0x1234 (RFC 3711 §4.1.1).
        var iv = try rfc.bytes("srtp_cipher_salt_label2") + [0, 0]
        for (offset, byte) in ssrc.enumerated() { iv[4 + offset] ^= byte }
        iv[12] ^= 0x12
        iv[13] ^= 0x34
        let keystream = ReferenceAES128(key: try rfc.bytes("srtp_cipher_key_label0"))
            .counterModeKeystream(iv: iv, length: 40)
        let applied = zip(packet[12..<52], plain[12...]).map { $0 ^ $1 }
        XCTAssertEqual(applied.hex, keystream.hex)
    }

    /// The AES-CM PRF of RFC 3711 §4.3.3 with a key derivation rate of zero.
    private func derive(label: UInt8, length: Int, _ masterKey: [UInt8], _ masterSalt: [UInt8]) -> [UInt8] {
        // x = (label || r) XOR master salt, r = 0, right-aligned in the 112-bit salt; IV = x * 2^16.
        var iv = masterSalt + [0, 0]
        iv[7] ^= label
        return ReferenceAES128(key: masterKey).counterModeKeystream(iv: iv, length: length)
    }
}
