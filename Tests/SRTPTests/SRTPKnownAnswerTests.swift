import SDP
import XCTest
@testable import SRTP

/// Protect produces the published packets byte for byte; unprotect restores the plaintext.
final class SRTPKnownAnswerTests: XCTestCase {
    // MARK: AES_CM_128_HMAC_SHA1_80 (libsrtp srtp_validate; master key and salt of RFC 3711 B.3)

    func testAESCM80ProtectMatchesLibsrtpReferencePacket() throws {
        let vector = try KnownAnswerVectors.corpusEntry("libsrtp_srtp_validate_AES_CM_128_HMAC_SHA1_80")
        let sender = try context(.aesCM128HMACSHA1_80, .outbound, vector)
        var packet = try vector.bytes("rtp_plaintext")

        try sender.protect(rtp: &packet)

        XCTAssertEqual(packet.hex, try vector.bytes("srtp_protected").hex)
    }

    func testAESCM80UnprotectRestoresLibsrtpReferencePlaintext() throws {
        let vector = try KnownAnswerVectors.corpusEntry("libsrtp_srtp_validate_AES_CM_128_HMAC_SHA1_80")
        let receiver = try context(.aesCM128HMACSHA1_80, .inbound, vector)
        var packet = try vector.bytes("srtp_protected")

        try receiver.unprotect(rtp: &packet)

        XCTAssertEqual(packet, try vector.bytes("rtp_plaintext"))
    }

    func testAESCM80SRTCPMatchesLibsrtpReferencePacketAndRoundTrips() throws {
        let vector = try KnownAnswerVectors.corpusEntry("libsrtp_srtp_validate_AES_CM_128_HMAC_SHA1_80")
        let sender = try context(.aesCM128HMACSHA1_80, .outbound, vector)
        let receiver = try context(.aesCM128HMACSHA1_80, .inbound, vector)
        var packet = try vector.bytes("rtcp_plaintext")

        try sender.protectRTCP(&packet)
        // The first SRTCP packet carries index 1 with the E (encrypted) flag: 0x80000001 (RFC 3711 §3.4).
        XCTAssertEqual(packet.hex, try vector.bytes("srtcp_protected_index1_Ebit").hex)

        try receiver.unprotectRTCP(&packet)
        XCTAssertEqual(packet, try vector.bytes("rtcp_plaintext"))
    }

    func testLibsrtpReferenceKeyIsTheRFC3711AppendixBMasterKey() throws {
        // The libsrtp reference packet is protected under RFC 3711 B.3's master key and salt, so it exercises
        // the B.3 key derivation end to end.
        let rfc = try KnownAnswerVectors.corpusEntry("rfc3711_B3_key_derivation_aes128")
        let libsrtp = try KnownAnswerVectors.corpusEntry("libsrtp_srtp_validate_AES_CM_128_HMAC_SHA1_80")
        XCTAssertEqual(try rfc.bytes("master_key"), try libsrtp.bytes("master_key"))
        XCTAssertEqual(try rfc.bytes("master_salt"), try libsrtp.bytes("master_salt"))
    }

    func testAESCM80MatchesTheBaresipReferencePacket() throws {
        let vector = try KnownAnswerVectors.corpusEntry("baresip_re_libsrtp_reference_packet")
        let sender = try context(.aesCM128HMACSHA1_80, .outbound, vector)
        let receiver = try context(.aesCM128HMACSHA1_80, .inbound, vector)
        var packet = try vector.bytes("rtp_plaintext")

        try sender.protect(rtp: &packet)
        XCTAssertEqual(packet.hex, try vector.bytes("srtp_protected").hex)

        try receiver.unprotect(rtp: &packet)
        XCTAssertEqual(packet, try vector.bytes("rtp_plaintext"))
    }

    // MARK: AES_CM_128_HMAC_SHA1_32

    func testAESCM32IsTheSameCiphertextWithTheTagCutToFourOctets() throws {
        // Same key derivation and cipher as the _80 suite; HMAC-SHA1-32 is the same MAC truncated to 32 bits
        // (RFC 3711 §4.2), so the _80 reference packet minus its last 6 octets is the _32 packet.
        let vector = try KnownAnswerVectors.corpusEntry("libsrtp_srtp_validate_AES_CM_128_HMAC_SHA1_80")
        let sender = try context(.aesCM128HMACSHA1_32, .outbound, vector)
        let receiver = try context(.aesCM128HMACSHA1_32, .inbound, vector)
        var packet = try vector.bytes("rtp_plaintext")

        try sender.protect(rtp: &packet)
        XCTAssertEqual(packet.hex, try Array(vector.bytes("srtp_protected").dropLast(6)).hex)

        try receiver.unprotect(rtp: &packet)
        XCTAssertEqual(packet, try vector.bytes("rtp_plaintext"))
    }

    func testAESCM32KeepsTheEightyBitTagOnSRTCP() throws {
        // RFC 4568 §6.2.2: SRTCP under AES_CM_128_HMAC_SHA1_32 still uses an 80-bit tag.
        let vector = try KnownAnswerVectors.corpusEntry("libsrtp_srtp_validate_AES_CM_128_HMAC_SHA1_80")
        let sender = try context(.aesCM128HMACSHA1_32, .outbound, vector)
        var packet = try vector.bytes("rtcp_plaintext")

        try sender.protectRTCP(&packet)

        XCTAssertEqual(packet.hex, try vector.bytes("srtcp_protected_index1_Ebit").hex)
    }

    // MARK: AEAD_AES_128_GCM (libsrtp srtp_validate_gcm)

    func testGCMProtectMatchesLibsrtpReferencePackets() throws {
        let vector = try KnownAnswerVectors.json("libsrtp-aead-aes-128-gcm-known-answer")
        let sender = try context(.aeadAES128GCM, .outbound, vector)
        var rtp = try vector.bytes("rtp_plaintext")
        var rtcp = try vector.bytes("rtcp_plaintext")

        try sender.protect(rtp: &rtp)
        try sender.protectRTCP(&rtcp)

        XCTAssertEqual(rtp.hex, try vector.bytes("srtp_protected").hex)
        XCTAssertEqual(rtp.count, 28 + 16)
        XCTAssertEqual(rtcp.hex, try vector.bytes("srtcp_protected_index1_Ebit").hex)
        XCTAssertEqual(rtcp.count, 24 + 16 + 4)
    }

    func testGCMUnprotectRestoresLibsrtpReferencePlaintext() throws {
        let vector = try KnownAnswerVectors.json("libsrtp-aead-aes-128-gcm-known-answer")
        let receiver = try context(.aeadAES128GCM, .inbound, vector)
        var rtp = try vector.bytes("srtp_protected")
        var rtcp = try vector.bytes("srtcp_protected_index1_Ebit")

        try receiver.unprotect(rtp: &rtp)
        try receiver.unprotectRTCP(&rtcp)

        XCTAssertEqual(rtp, try vector.bytes("rtp_plaintext"))
        XCTAssertEqual(rtcp, try vector.bytes("rtcp_plaintext"))
    }

    // MARK: Helpers

    private func context(
        _ suite: CryptoSuite, _ direction: SRTPContext.Direction, _ vector: [String: Any]
    ) throws -> SRTPContext {
        try SRTPContext(suite: suite, direction: direction,
                        masterKey: vector.bytes("master_key"), masterSalt: vector.bytes("master_salt"))
    }
}
