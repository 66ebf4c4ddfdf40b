import XCTest
@testable import RTP

final class RTPPacketTests: XCTestCase {
    func testParsesTheRFC7714PacketHeaderWithoutCopying() throws {
        // RFC 7714 §16.1.1 plaintext: V=2, PT 64, seq 0xf17b, ts 0x8c000015, SSRC 0xdecafbad.
        let bytes = hexBytes("8040f17b 8041f8d3 5500a6f6 47616c6c 69612065 7374206f")
        let packet = try RTPPacket.parse(bytes)
        XCTAssertEqual(packet.payloadType, 0x40)
        XCTAssertFalse(packet.marker)
        XCTAssertEqual(packet.sequenceNumber, 0xF17B)
        XCTAssertEqual(packet.timestamp, 0x8041_F8D3)
        XCTAssertEqual(packet.ssrc, 0x5500_A6F6)
        XCTAssertEqual(packet.payloadRange, 12..<24)
        XCTAssertEqual(Array(packet.payload(in: bytes)), Array("Gallia est o".utf8))
    }

    func testRoundTripWithCSRCsExtensionAndPadding() throws {
        let ext = try RTPHeaderExtension(elements: [
            HeaderExtensionElement(id: 1, value: [0x80 | 42]),
            HeaderExtensionElement(id: 3, value: [1, 2, 3]),
        ])
        let header = RTPHeader(
            marker: true, payloadType: 111, sequenceNumber: 65535, timestamp: 0xFFFF_FF00, ssrc: 0x1234_5678,
            csrcs: [0xAAAA_AAAA, 0xBBBB_BBBB], headerExtension: ext)
        let bytes = header.serialized(payload: [9, 8, 7, 6, 5], padding: 3)
        XCTAssertEqual(bytes[0], 0x80 | 0x20 | 0x10 | 2)
        XCTAssertEqual(bytes.count, 12 + 8 + 4 + 8 + 5 + 3)

        let packet = try RTPPacket.parse(bytes)
        XCTAssertTrue(packet.marker)
        XCTAssertEqual(packet.csrcs(in: bytes), [0xAAAA_AAAA, 0xBBBB_BBBB])
        XCTAssertEqual(packet.paddingLength, 3)
        XCTAssertEqual(Array(packet.payload(in: bytes)), [9, 8, 7, 6, 5])
        XCTAssertEqual(packet.headerExtensionForm, .oneByte)
        XCTAssertEqual(packet.extensionElement(id: 3, in: bytes).map(Array.init), [1, 2, 3])
        XCTAssertNil(packet.extensionElement(id: 2, in: bytes))
        XCTAssertEqual(packet.header(in: bytes), header)
    }

    func testRawBufferAccessorsReadInPlace() throws {
        let bytes = RTPHeader(payloadType: 0, sequenceNumber: 1, timestamp: 2, ssrc: 3, csrcs: [7, 8])
            .serialized(payload: [0xAA, 0xBB])
        try bytes.withUnsafeBytes { raw in
            let packet = try RTPPacket.parse(raw)
            XCTAssertEqual(packet.csrc(1, in: raw), 8)
            let payload = packet.payload(in: raw)
            XCTAssertEqual(Array(payload), [0xAA, 0xBB])
            XCTAssertEqual(payload.baseAddress, raw.baseAddress! + 20, "a view, not a copy")
        }
        XCTAssertEqual(HeaderExtensionForm(profile: 0x100A), .twoByte(appBits: 0xA))
        XCTAssertEqual(HeaderExtensionForm.twoByte(appBits: 0xA).profile, 0x100A)
    }

    func testTwoByteFormIsChosenForLongOrZeroLengthElements() throws {
        let ext = try RTPHeaderExtension(elements: [
            HeaderExtensionElement(id: 20, value: Array(repeating: 7, count: 20)),
            HeaderExtensionElement(id: 5, value: []),
        ])
        XCTAssertEqual(HeaderExtensionForm(profile: ext.profile), .twoByte(appBits: 0))
        let bytes = RTPHeader(payloadType: 96, sequenceNumber: 1, timestamp: 2, ssrc: 3, headerExtension: ext)
            .serialized(payload: [0xFF])
        let packet = try RTPPacket.parse(bytes)
        XCTAssertEqual(try packet.extensionElements(in: bytes), [
            HeaderExtensionElement(id: 20, value: Array(repeating: 7, count: 20)),
            HeaderExtensionElement(id: 5, value: []),
        ])
    }

    func testProfileSpecificExtensionIsKeptRaw() throws {
        let ext = RTPHeaderExtension(profile: 0x1234, data: [1, 2, 3, 4, 5, 6, 7, 8])
        let bytes = RTPHeader(payloadType: 0, sequenceNumber: 1, timestamp: 2, ssrc: 3, headerExtension: ext)
            .serialized(payload: [])
        let packet = try RTPPacket.parse(bytes)
        XCTAssertEqual(packet.headerExtensionForm, .profileSpecific(0x1234))
        XCTAssertEqual(Array(bytes[packet.extensionRange]), [1, 2, 3, 4, 5, 6, 7, 8])
        XCTAssertEqual(try packet.extensionElements(in: bytes), [])
        XCTAssertTrue(packet.payloadRange.isEmpty)
    }

    func testOneByteElementWithIDFifteenStopsProcessing() throws {
        // RFC 8285 §4.2: ID 15 terminates processing of the whole extension.
        var bytes = RTPHeader(payloadType: 0, sequenceNumber: 1, timestamp: 2, ssrc: 3).serialized(payload: [])
        bytes[0] |= 0x10
        bytes += [0xBE, 0xDE, 0x00, 0x01, 0x10, 0xAA, 0xF0, 0x20]
        let packet = try RTPPacket.parse(bytes)
        XCTAssertEqual(try packet.extensionElements(in: bytes), [HeaderExtensionElement(id: 1, value: [0xAA])])
    }

    func testRejectsMalformedPackets() {
        XCTAssertThrowsError(try RTPPacket.parse([0x80, 0, 0])) {
            XCTAssertEqual($0 as? RTPParseError, .truncated(needed: 12, available: 3))
        }
        XCTAssertThrowsError(try RTPPacket.parse([0x40] + Array(repeating: 0, count: 11))) {
            XCTAssertEqual($0 as? RTPParseError, .unsupportedVersion(1))
        }
        // CC=2 but no CSRCs present.
        XCTAssertThrowsError(try RTPPacket.parse([0x82] + Array(repeating: 0, count: 11))) {
            XCTAssertEqual($0 as? RTPParseError, .truncated(needed: 20, available: 12))
        }
        // Padding count larger than what follows the header.
        XCTAssertThrowsError(try RTPPacket.parse([0xA0] + Array(repeating: 0, count: 12) + [9])) {
            XCTAssertEqual($0 as? RTPParseError, .invalidPadding(count: 9, available: 2))
        }
        // Extension length of 2 words with none present.
        XCTAssertThrowsError(try RTPPacket.parse([0x90] + Array(repeating: 0, count: 11) + [0xBE, 0xDE, 0, 2])) {
            XCTAssertEqual($0 as? RTPParseError, .truncated(needed: 24, available: 16))
        }
    }

    func testWriteReportsShortBuffer() {
        let header = RTPHeader(payloadType: 0, sequenceNumber: 1, timestamp: 2, ssrc: 3)
        var small = [UInt8](repeating: 0, count: 8)
        let result = small.withUnsafeMutableBytes { buffer in
            Result { () throws(RTPParseError) -> Int in
                try header.write(payload: UnsafeRawBufferPointer(start: nil, count: 0), into: buffer)
            }
        }
        XCTAssertEqual(result, .failure(.bufferTooSmall(needed: 12, available: 8)))
    }

    func testRandomAndTruncatedBytesNeverCrash() throws {
        var rng = SeededGenerator(seed: 3550)
        let valid = RTPHeader(
            payloadType: 8, sequenceNumber: 7, timestamp: 9, ssrc: 1, csrcs: [5],
            headerExtension: try RTPHeaderExtension(elements: [HeaderExtensionElement(id: 2, value: [1, 2])])
        ).serialized(payload: [1, 2, 3], padding: 2)
        // Header, CSRC and extension take 24 octets; shorter prefixes cannot be packets.
        for length in 0..<24 {
            XCTAssertThrowsError(try RTPPacket.parse(Array(valid[..<length])), "truncated at \(length)")
        }
        var accepted = 0
        for _ in 0..<5000 {
            var bytes = rng.bytes(Int.random(in: 0...64, using: &rng))
            if !bytes.isEmpty { bytes[0] = 0x80 | (bytes[0] & 0x3F) }
            do {
                let packet = try RTPPacket.parse(bytes)
                _ = try? packet.extensionElements(in: bytes)
                XCTAssertLessThanOrEqual(packet.payloadRange.upperBound, bytes.count)
                accepted += 1
            } catch {
                XCTAssertNotNil(error as RTPParseError?)
            }
        }
        XCTAssertGreaterThan(accepted, 0)
    }
}
