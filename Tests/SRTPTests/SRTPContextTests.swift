import SDP
import XCTest
@testable import SRTP

/// Behaviour of an SRTP context: replay and tamper refusal, directions, buffers, and every suite keyed via SDES.
final class SRTPContextTests: XCTestCase {
    // MARK: Every suite, keyed through SDES

    func testEverySuiteRoundTripsRTPAndRTCPWithKeysFromAnSDESOfferAndAnswer() throws {
        var generator = SystemRandomNumberGenerator()
        for suite in CryptoSuite.allCases {
            // The offerer's attribute keys what the offerer sends; the answerer parses it from the SDP line.
            let offer = CryptoAttribute.generate(tag: 1, suite: suite, lifetime: .powerOfTwo(exponent: 31),
                                                 using: &generator)
            let received = try CryptoAttribute(parsing: offer.attributeLine)
            let sender = try SRTPContext(direction: .outbound, crypto: offer)
            let receiver = try SRTPContext(direction: .inbound, crypto: received)

            for sequence: UInt16 in 1...50 {
                let plain = rtpPacket(sequence: sequence, payloadLength: 160)
                var packet = plain
                try sender.protect(rtp: &packet)
                XCTAssertEqual(packet.count, plain.count + suite.srtpTagLength, "\(suite)")
                XCTAssertEqual(Array(packet[..<12]), Array(plain[..<12]), "the RTP header stays in the clear")
                XCTAssertNotEqual(Array(packet[12..<172]), Array(plain[12...]), "the payload is encrypted")
                try receiver.unprotect(rtp: &packet)
                XCTAssertEqual(packet, plain, "\(suite)")
            }

            let plainRTCP = rtcpSenderReport()
            var rtcp = plainRTCP
            try sender.protectRTCP(&rtcp)
            XCTAssertEqual(rtcp.count, plainRTCP.count + sender.rtcpOverhead, "\(suite)")
            try receiver.unprotectRTCP(&rtcp)
            XCTAssertEqual(rtcp, plainRTCP, "\(suite)")
        }
    }

    func testOneContextServesSeveralSSRCs() throws {
        let (sender, receiver) = try pair(.aeadAES128GCM)
        for ssrc: UInt32 in [0x1111_1111, 0x2222_2222] {
            let plain = rtpPacket(sequence: 7, ssrc: ssrc)
            var packet = plain
            try sender.protect(rtp: &packet)
            try receiver.unprotect(rtp: &packet)
            XCTAssertEqual(packet, plain)
        }
    }

    // MARK: Master key identifier

    func testAnMKIFromTheSDESAttributeTravelsInEveryPacket() throws {
        // RFC 4568 §4's offer uses MKI 1 in 32 octets.
        var generator = SystemRandomNumberGenerator()
        for suite in CryptoSuite.allCases {
            var crypto = CryptoAttribute.generate(tag: 1, suite: suite, lifetime: .powerOfTwo(exponent: 20),
                                                  using: &generator)
            crypto.keys[0].mki = KeyParameters.MKI(value: 1, length: 32)
            let received = try CryptoAttribute(parsing: crypto.attributeLine)
            let sender = try SRTPContext(direction: .outbound, crypto: crypto)
            let receiver = try SRTPContext(direction: .inbound, crypto: received)
            let plain = rtpPacket(sequence: 9)
            var packet = plain

            try sender.protect(rtp: &packet)
            XCTAssertEqual(packet.count, plain.count + 32 + suite.srtpTagLength, "\(suite)")
            // After the payload for AES-CM (RFC 3711 §3.1); after the ciphertext and its tag for AEAD (RFC 7714).
            let mkiStart = suite == .aeadAES128GCM ? packet.count - 32 : plain.count
            XCTAssertEqual(Array(packet[mkiStart..<mkiStart + 32]), Array(repeating: 0, count: 31) + [1], "\(suite)")
            try receiver.unprotect(rtp: &packet)

            XCTAssertEqual(packet, plain, "\(suite)")

            var rtcp = rtcpSenderReport()
            try sender.protectRTCP(&rtcp)
            XCTAssertEqual(rtcp.count, rtcpSenderReport().count + sender.rtcpOverhead)
            try receiver.unprotectRTCP(&rtcp)
            XCTAssertEqual(rtcp, rtcpSenderReport(), "\(suite)")
        }
    }

    func testAPacketWithAnUnknownMKIIsRefused() throws {
        let key = Array(repeating: UInt8(3), count: 16), salt = Array(repeating: UInt8(4), count: 14)
        let sender = try SRTPContext(suite: .aesCM128HMACSHA1_80, direction: .outbound, masterKey: key,
                                     masterSalt: salt, mki: .init(value: 1066, length: 4))
        let receiver = try SRTPContext(suite: .aesCM128HMACSHA1_80, direction: .inbound, masterKey: key,
                                       masterSalt: salt, mki: .init(value: 1067, length: 4))
        var packet = rtpPacket(sequence: 1)
        try sender.protect(rtp: &packet)
        XCTAssertEqual(Array(packet[packet.count - 14..<packet.count - 10]), [0x00, 0x00, 0x04, 0x2A])

        XCTAssertThrowsError(try receiver.unprotect(rtp: &packet)) { error in
            XCTAssertEqual(error as? SRTPError, .unknownMKI)
        }
    }

    // MARK: Replay and tampering

    func testAReplayedPacketIsRefused() throws {
        for suite in CryptoSuite.allCases {
            let (sender, receiver) = try pair(suite)
            var packet = rtpPacket(sequence: 100)
            try sender.protect(rtp: &packet)
            var first = packet
            try receiver.unprotect(rtp: &first)

            var replay = packet
            XCTAssertThrowsError(try receiver.unprotect(rtp: &replay)) { error in
                XCTAssertEqual(error as? SRTPError, .replayed, "\(suite)")
            }
        }
    }

    func testAReplayedSRTCPPacketIsRefused() throws {
        let (sender, receiver) = try pair(.aesCM128HMACSHA1_80)
        var packet = rtcpSenderReport()
        try sender.protectRTCP(&packet)
        var first = packet
        try receiver.unprotectRTCP(&first)

        XCTAssertThrowsError(try receiver.unprotectRTCP(&packet)) { error in
            XCTAssertEqual(error as? SRTPError, .replayed)
        }
    }

    func testAPacketBehindTheReplayWindowIsRefusedAsTooOld() throws {
        let (sender, receiver) = try pair(.aesCM128HMACSHA1_80)
        var old = rtpPacket(sequence: 1)
        try sender.protect(rtp: &old)
        for sequence: UInt16 in 2...300 {
            var packet = rtpPacket(sequence: sequence)
            try sender.protect(rtp: &packet)
            if sequence == 300 { try receiver.unprotect(rtp: &packet) }
        }

        XCTAssertThrowsError(try receiver.unprotect(rtp: &old)) { error in
            XCTAssertEqual(error as? SRTPError, .tooOld)
        }
    }

    func testOutOfOrderPacketsWithinTheWindowAreAccepted() throws {
        let (sender, receiver) = try pair(.aesCM128HMACSHA1_80)
        var protected: [[UInt8]] = []
        for sequence: UInt16 in 10...14 {
            var packet = rtpPacket(sequence: sequence)
            try sender.protect(rtp: &packet)
            protected.append(packet)
        }
        for index in [4, 0, 2, 1, 3] {
            var packet = protected[index]
            try receiver.unprotect(rtp: &packet)
            XCTAssertEqual(packet, rtpPacket(sequence: UInt16(10 + index)))
        }
    }

    func testATamperedPacketIsRefusedForEverySuite() throws {
        for suite in CryptoSuite.allCases {
            let (sender, receiver) = try pair(suite)
            var packet = rtpPacket(sequence: 5)
            try sender.protect(rtp: &packet)
            for offset in [2, 20, packet.count - 1] {  // header, payload, tag
                var tampered = packet
                tampered[offset] ^= 0x01
                XCTAssertThrowsError(try receiver.unprotect(rtp: &tampered)) { error in
                    XCTAssertEqual(error as? SRTPError, .authenticationFailed, "\(suite) offset \(offset)")
                }
            }
            // The genuine packet is still accepted after the forgeries.
            try receiver.unprotect(rtp: &packet)
            XCTAssertEqual(packet, rtpPacket(sequence: 5))
        }
    }

    func testATamperedSRTCPPacketIsRefused() throws {
        let (sender, receiver) = try pair(.aeadAES128GCM)
        var packet = rtcpSenderReport()
        try sender.protectRTCP(&packet)
        packet[10] ^= 0x80

        XCTAssertThrowsError(try receiver.unprotectRTCP(&packet)) { error in
            XCTAssertEqual(error as? SRTPError, .authenticationFailed)
        }
    }

    func testAPacketUnderAnotherKeyIsRefused() throws {
        let (sender, _) = try pair(.aesCM128HMACSHA1_80)
        let stranger = try SRTPContext(suite: .aesCM128HMACSHA1_80, direction: .inbound,
                                       masterKey: Array(repeating: 9, count: 16), masterSalt: Array(repeating: 9, count: 14))
        var packet = rtpPacket(sequence: 1)
        try sender.protect(rtp: &packet)

        XCTAssertThrowsError(try stranger.unprotect(rtp: &packet)) { error in
            XCTAssertEqual(error as? SRTPError, .authenticationFailed)
        }
    }

    // MARK: Buffers

    func testProtectsInPlaceInACallerBufferWithRoomForTheTrailer() throws {
        let (sender, receiver) = try pair(.aesCM128HMACSHA1_80)
        let plain = rtpPacket(sequence: 42, payloadLength: 160)
        let buffer = UnsafeMutableRawBufferPointer.allocate(
            byteCount: plain.count + SRTPContext.rtpTrailerRoom, alignment: 8)
        defer { buffer.deallocate() }
        buffer.copyBytes(from: plain)

        let protectedLength = try sender.protect(rtp: buffer, length: plain.count)
        XCTAssertEqual(protectedLength, plain.count + 10)
        let plainLength = try receiver.unprotect(rtp: buffer, length: protectedLength)

        XCTAssertEqual(plainLength, plain.count)
        XCTAssertEqual(Array(buffer[..<plainLength]), plain)
    }

    func testABufferWithoutTrailerRoomIsRefusedBeforeLibsrtpWritesPastIt() throws {
        let (sender, _) = try pair(.aesCM128HMACSHA1_80)
        var plain = rtpPacket(sequence: 1)
        try plain.withUnsafeMutableBytes { buffer in
            XCTAssertThrowsError(try sender.protect(rtp: buffer, length: buffer.count)) { error in
                XCTAssertEqual(error as? SRTPError,
                               .bufferTooSmall(required: buffer.count + SRTPContext.rtpTrailerRoom, available: buffer.count))
            }
        }
    }

    // MARK: Refusals before libsrtp

    func testEachDirectionRefusesTheOtherDirectionsOperations() throws {
        let (sender, receiver) = try pair(.aesCM128HMACSHA1_80)
        var packet = rtpPacket(sequence: 1)
        XCTAssertThrowsError(try receiver.protect(rtp: &packet)) { error in
            XCTAssertEqual(error as? SRTPError, .wrongDirection(operation: "srtp_protect", direction: .inbound))
        }
        XCTAssertThrowsError(try sender.unprotectRTCP(&packet)) { error in
            XCTAssertEqual(error as? SRTPError, .wrongDirection(operation: "srtp_unprotect_rtcp", direction: .outbound))
        }
        XCTAssertEqual(packet, rtpPacket(sequence: 1), "a refused call leaves the packet untouched")
    }

    func testGarbageIsRefusedAsMalformed() throws {
        let (sender, receiver) = try pair(.aesCM128HMACSHA1_80)
        let cases: [[UInt8]] = [
            [],
            [0x80, 0x00, 0x00],  // shorter than the fixed header
            [0x40] + Array(repeating: 0, count: 20),  // version 1
            [0x8F] + Array(repeating: 0, count: 20),  // 15 CSRCs announced, none present
            [0x90] + Array(repeating: 0, count: 13),  // extension flag without an extension header
        ]
        for bytes in cases {
            var packet = bytes
            XCTAssertThrowsError(try sender.protect(rtp: &packet)) { error in
                guard case .malformedPacket = error as? SRTPError else { return XCTFail("\(bytes): \(error)") }
            }
            XCTAssertEqual(packet, bytes)
            XCTAssertThrowsError(try receiver.unprotect(rtp: &packet))
        }
        var shortRTCP: [UInt8] = [0x80, 0xC8, 0x00]
        XCTAssertThrowsError(try sender.protectRTCP(&shortRTCP)) { error in
            guard case .malformedPacket = error as? SRTPError else { return XCTFail("\(error)") }
        }
    }

    func testRandomBytesAreRefusedWithoutHarm() throws {
        // Whatever arrives on a media port reaches unprotect first: it must fail cleanly, never read or write
        // outside the packet. Half the inputs get a plausible RTP/RTCP first octet to get past the header check.
        var generator = SystemRandomNumberGenerator()
        for suite in CryptoSuite.allCases {
            let (_, receiver) = try pair(suite)
            for round in 0..<3_000 {
                var packet = (0..<Int.random(in: 0...120, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                if round % 2 == 0, !packet.isEmpty { packet[0] = 0x80 | packet[0] & 0x3F }
                var rtcp = packet
                XCTAssertThrowsError(try receiver.unprotect(rtp: &packet))
                XCTAssertThrowsError(try receiver.unprotectRTCP(&rtcp))
            }
        }
    }

    func testKeysOfTheWrongLengthAreRefusedWithTheLengthsNeeded() {
        XCTAssertThrowsError(try SRTPContext(suite: .aeadAES128GCM, direction: .outbound,
                                             masterKey: Array(repeating: 1, count: 16),
                                             masterSalt: Array(repeating: 1, count: 14))) { error in
            XCTAssertEqual(error as? SRTPError, .invalidKeyLength(
                suite: "AEAD_AES_128_GCM", expectedKey: 16, expectedSalt: 12, actualKey: 16, actualSalt: 14))
            XCTAssertTrue("\(error)".contains("12-octet salt"))
        }
        XCTAssertThrowsError(try SRTPContext(suite: .aeadAES128GCM, direction: .outbound,
                                             masterKey: Array(repeating: 1, count: 16),
                                             masterSalt: Array(repeating: 1, count: 12),
                                             mki: .init(value: 1, length: 129))) { error in
            XCTAssertEqual(error as? SRTPError, .invalidMKILength(129))
        }
    }

    func testDescriptionNamesSuiteAndDirectionOnly() throws {
        let (sender, _) = try pair(.aesCM128HMACSHA1_32)
        XCTAssertEqual("\(sender)", "SRTPContext(AES_CM_128_HMAC_SHA1_32, outbound)")
    }

    func testManyContextsCanBeCreatedAndReleased() throws {
        // srtp_init runs once however many contexts come and go.
        for _ in 0..<100 { _ = try pair(.aeadAES128GCM) }
    }

    // MARK: Helpers

    private func pair(_ suite: CryptoSuite) throws -> (sender: SRTPContext, receiver: SRTPContext) {
        var generator = SystemRandomNumberGenerator()
        let crypto = CryptoAttribute.generate(tag: 1, suite: suite, using: &generator)
        return (try SRTPContext(direction: .outbound, crypto: crypto), try SRTPContext(direction: .inbound, crypto: crypto))
    }

    private func rtpPacket(sequence: UInt16, ssrc: UInt32 = 0xCAFE_BABE, payloadLength: Int = 20) -> [UInt8] {
        let timestamp = UInt32(sequence) * 160
        var packet: [UInt8] = [0x80, 0x00, UInt8(sequence >> 8), UInt8(truncatingIfNeeded: sequence)]
        packet += withUnsafeBytes(of: timestamp.bigEndian, Array.init)
        packet += withUnsafeBytes(of: ssrc.bigEndian, Array.init)
        packet += (0..<payloadLength).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ Int(sequence)) }
        return packet
    }

    /// An RTCP sender report (RFC 3550 §6.4.1) with no report blocks.
    private func rtcpSenderReport() -> [UInt8] {
        [0x80, 0xC8, 0x00, 0x06, 0xCA, 0xFE, 0xBA, 0xBE,
         0xE9, 0x1E, 0x8C, 0x00, 0x00, 0x00, 0x00, 0x00,
         0x00, 0x00, 0x1F, 0x40, 0x00, 0x00, 0x00, 0x32,
         0x00, 0x00, 0x1F, 0x40]
    }
}
