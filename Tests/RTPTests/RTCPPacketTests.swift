import XCTest
@testable import RTP

final class RTCPPacketTests: XCTestCase {
    private let block = ReportBlock(
        ssrc: 0x0102_0304, fractionLost: 25, cumulativeLost: -3, extendedHighestSequence: 0x0001_0005,
        jitter: 120, lastSenderReport: 0xAABB_CCDD, delaySinceLastSenderReport: 65536)

    private func assertRoundTrip(_ packet: RTCPPacket, file: StaticString = #filePath, line: UInt = #line) throws {
        let bytes = packet.serialized()
        XCTAssertEqual(bytes.count % 4, 0, file: file, line: line)
        let header = try RTCPHeader.parse(bytes)
        XCTAssertEqual(header.packetSize, bytes.count, "length field", file: file, line: line)
        XCTAssertEqual(try RTCPPacket(parsing: bytes), packet, file: file, line: line)
    }

    func testEveryPacketTypeRoundTrips() throws {
        try assertRoundTrip(.senderReport(SenderReport(
            ssrc: 1, ntpTimestamp: 0xE3A1_0000_8000_0000, rtpTimestamp: 160, packetCount: 10, octetCount: 1600,
            reports: [block, block])))
        try assertRoundTrip(.receiverReport(ReceiverReport(ssrc: 2, reports: [block])))
        try assertRoundTrip(.receiverReport(ReceiverReport(ssrc: 2)))
        try assertRoundTrip(.sourceDescription(SourceDescription(chunks: [
            .init(source: 1, items: [.init(.cname, "alice@example.com"), .init(.tool, "Huiyi")]),
            .init(source: 2, items: [.init(.cname, "bob")]),
        ])))
        try assertRoundTrip(.goodbye(Goodbye(sources: [1, 2], reason: "meeting ended")))
        try assertRoundTrip(.goodbye(Goodbye(sources: [3])))
        try assertRoundTrip(.applicationDefined(ApplicationDefined(subtype: 3, ssrc: 9, name: "HUIY", data: [1, 2, 3, 4])))
        try assertRoundTrip(.genericNACK(GenericNACK(senderSSRC: 1, mediaSSRC: 2, lostSequenceNumbers: [100, 102, 116, 117, 200])))
        try assertRoundTrip(.pictureLossIndication(PictureLossIndication(senderSSRC: 1, mediaSSRC: 2)))
        try assertRoundTrip(.fullIntraRequest(FullIntraRequest(senderSSRC: 1, entries: [.init(ssrc: 2, sequenceNumber: 7)])))
        try assertRoundTrip(.receiverEstimatedMaximumBitrate(ReceiverEstimatedMaximumBitrate(
            senderSSRC: 1, bitrate: 1_500_000, ssrcs: [2, 3])))
    }

    func testPictureLossIndicationWireFormat() throws {
        // RFC 4585 §6.3.1: FMT 1, PT 206, length 2.
        let bytes = PictureLossIndication(senderSSRC: 0x1111_1111, mediaSSRC: 0x2222_2222).serialized()
        XCTAssertEqual(bytes, hexBytes("81ce0002 11111111 22222222"))
    }

    func testGenericNACKPacksBitmaskAcrossWrap() throws {
        let nack = GenericNACK(senderSSRC: 1, mediaSSRC: 2, lostSequenceNumbers: [65534, 65535, 0, 15, 40])
        // 65535 is PID+1 (bit 0) and 0 is PID+2 (bit 1); 15 is PID+17, out of the mask's reach.
        XCTAssertEqual(nack.entries.map(\.pid), [65534, 15, 40])
        let bytes = nack.serialized()
        XCTAssertEqual(Array(bytes[12..<16]), [0xFF, 0xFE, 0x00, 0x03])
        XCTAssertEqual(try GenericNACK(parsing: bytes).lostSequenceNumbers, [65534, 65535, 0, 15, 40])
    }

    func testREMBMantissaAndExponent() throws {
        // 2^18 × 8 = 2 097 152 bps: mantissa must fit 18 bits, so exponent 3.
        let remb = ReceiverEstimatedMaximumBitrate(senderSSRC: 1, bitrate: 2_097_152, ssrcs: [5])
        let bytes = remb.serialized()
        XCTAssertEqual(Array(bytes[12..<16]), Array("REMB".utf8))
        XCTAssertEqual(bytes[17] >> 2, 4)
        XCTAssertEqual(try ReceiverEstimatedMaximumBitrate(parsing: bytes).bitrate, 2_097_152)
        // Precision is lost above 2^18, never gained.
        let rough = try ReceiverEstimatedMaximumBitrate(parsing: ReceiverEstimatedMaximumBitrate(
            senderSSRC: 1, bitrate: 1_000_001, ssrcs: []).serialized())
        XCTAssertLessThanOrEqual(rough.bitrate, 1_000_001)
        XCTAssertGreaterThan(rough.bitrate, 1_000_001 - 4)
    }

    func testCompoundPacketSplitsInOrder() throws {
        let packets: [RTCPPacket] = [
            .receiverReport(ReceiverReport(ssrc: 5, reports: [block])),
            .sourceDescription(SourceDescription(chunks: [.init(source: 5, items: [.init(.cname, "carol")])])),
            .pictureLossIndication(PictureLossIndication(senderSSRC: 5, mediaSSRC: 6)),
        ]
        let bytes = RTCPPacket.serializeCompound(packets)
        let parsed = try RTCPPacket.parseCompound(bytes)
        XCTAssertEqual(parsed, packets)
        guard case .sourceDescription(let sdes) = parsed[1] else { return XCTFail("SDES expected") }
        XCTAssertEqual(sdes.chunks.first?.cname, "carol")
    }

    func testTMMBRAndTMMBN() throws {
        let request = TemporaryMaximumMediaStreamBitrate(
            kind: .request, senderSSRC: 1, entries: [.init(ssrc: 2, bitrate: 256_000, overhead: 40)])
        try assertRoundTrip(.temporaryMaximumMediaStreamBitrate(request))
        let bytes = request.serialized()
        // RFC 5104 §4.2.1.1: 256000 = 128000 × 2^1 (mantissa fits 17 bits), overhead 40.
        XCTAssertEqual(Array(bytes[0..<2]), [0x83, 205])
        XCTAssertEqual(Array(bytes[16..<20]), [0x07, 0xE8, 0x00, 0x28])
        try assertRoundTrip(.temporaryMaximumMediaStreamBitrate(.init(kind: .notification, senderSSRC: 1, entries: [])))
        XCTAssertThrowsError(try TemporaryMaximumMediaStreamBitrate(parsing: hexBytes("83cd0002 00000001 00000000")))
    }

    func testUnknownFeedbackIsKeptWhole() throws {
        // RTPFB FMT 15 (transport-wide congestion control) is not interpreted but survives a round trip.
        let bytes = hexBytes("8fcd0004 00000001 00000002 00000003 04000020")
        let parsed = try RTCPPacket(parsing: bytes)
        guard case .unknown(let header, let raw) = parsed else { return XCTFail("unknown expected") }
        XCTAssertEqual(header.count, 15)
        XCTAssertEqual(raw, bytes)
        XCTAssertEqual(parsed.serialized(), bytes)
    }

    func testPaddedPacketIsUnpadded() throws {
        // BYE with P set and 4 octets of padding counted by the last octet.
        let bytes = hexBytes("a1cb0002 00000007 00000004")
        XCTAssertEqual(try Goodbye(parsing: bytes), Goodbye(sources: [7]))
        XCTAssertThrowsError(try Goodbye(parsing: hexBytes("a1cb0002 00000007 00000000"))) {
            XCTAssertEqual($0 as? RTCPParseError, .invalidPadding(count: 0))
        }
    }

    func testMultiplexingRule() {
        XCTAssertEqual(MultiplexedPacketKind(datagram: SenderReport(
            ssrc: 1, ntpTimestamp: 0, rtpTimestamp: 0, packetCount: 0, octetCount: 0).serialized()), .rtcp)
        XCTAssertEqual(MultiplexedPacketKind(datagram: hexBytes("80e0")), .rtp, "PT 96 with the marker set")
        XCTAssertEqual(MultiplexedPacketKind(0x80, 0x08), .rtp)
        XCTAssertEqual(MultiplexedPacketKind(0x80, 0x88), .rtp, "PCMA with marker")
        XCTAssertEqual(MultiplexedPacketKind(0x80, 0xC9), .rtcp, "RR")
        XCTAssertEqual(MultiplexedPacketKind(0x00, 0x01), .stun)
        XCTAssertEqual(MultiplexedPacketKind(0x16, 0xFE), .dtls)
        XCTAssertEqual(MultiplexedPacketKind(datagram: [0x80]), .unknown)
    }
}

final class RTCPCompoundValidationTests: XCTestCase {
    private let rr = RTCPPacket.receiverReport(ReceiverReport(ssrc: 1))
    private let pli = RTCPPacket.pictureLossIndication(PictureLossIndication(senderSSRC: 1, mediaSSRC: 2))

    func testCompoundMustStartWithAReport() throws {
        XCTAssertNoThrow(try RTCPPacket.validateCompound(RTCPPacket.serializeCompound([rr, pli])))
        XCTAssertThrowsError(try RTCPPacket.validateCompound(pli.serialized())) {
            XCTAssertEqual($0 as? RTCPParseError, .malformed(
                packetType: RTCPPacketType.payloadSpecificFeedback, reason: "a compound packet must begin with SR or RR"))
        }
        XCTAssertNoThrow(try RTCPPacket.validateCompound(pli.serialized(), reducedSize: true), "RFC 5506")
    }

    func testOnlyTheLastPacketMayBePadded() {
        var bytes = RTCPPacket.serializeCompound([rr, pli])
        bytes[0] |= 0x20
        XCTAssertThrowsError(try RTCPPacket.validateCompound(bytes))
    }

    func testNTPTimestampConversions() {
        // 2026-01-01T00:00:00.5Z.
        let unix: Int64 = 1_767_225_600_500_000_000
        let ntp = NTPTimestamp(unixNanoseconds: unix)
        XCTAssertEqual(ntp.rawValue >> 32, 1_767_225_600 + 2_208_988_800)
        XCTAssertEqual(ntp.rawValue & 0xFFFF_FFFF, 0x8000_0000)
        XCTAssertEqual(ntp.unixNanoseconds, unix)
        XCTAssertEqual(ntp.compact, UInt32(truncatingIfNeeded: ntp.rawValue >> 16))
        let sr = SenderReport(ssrc: 1, ntpTimestamp: ntp.rawValue, rtpTimestamp: 0, packetCount: 0, octetCount: 0)
        XCTAssertEqual(sr.compactNTP, 0x8000 | UInt32(truncatingIfNeeded: (ntp.rawValue >> 32) << 16))
    }
}
