import XCTest
@testable import RTP

/// The plaintext RTCP packets printed in RFC 7714 §17 (Fixtures/rfc7714-section17-rtcp-vectors.txt).
final class RFC7714RTCPVectorTests: XCTestCase {
    /// Every hex block introduced by one of the RFC's "…packet:" lines that starts with an RTCP header.
    private func plaintextPackets() throws -> [[UInt8]] {
        let url = try XCTUnwrap(Bundle.module.url(
            forResource: "rfc7714-section17-rtcp-vectors", withExtension: "txt", subdirectory: "Fixtures"))
        let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        let introductions = [
            "based upon the same RTCP packet:", "Encrypting the following packet:",
            "Verified and decrypted packet:", "Tagging the following packet:",
        ]
        var packets: [[UInt8]] = []
        for (index, line) in lines.enumerated() where introductions.contains(where: line.contains) {
            var hex = ""
            for next in lines[(index + 1)...] {
                let trimmed = next.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty {
                    if hex.isEmpty { continue }
                    break
                }
                hex += trimmed
            }
            packets.append(hexBytes(hex))
        }
        return packets
    }

    func testPlaintextPacketsAreSenderReportsWithOneBlock() throws {
        let packets = try plaintextPackets()
        XCTAssertEqual(packets.count, 4)
        for bytes in packets {
            XCTAssertEqual(bytes.count, 52)
            // The RFC's length fields (13 and 14) overstate these 52-octet packets (13 words, so 12):
            // a strict parser must say so rather than read past the end.
            XCTAssertThrowsError(try RTCPPacket.parseCompound(bytes)) {
                guard case .truncated(let needed, let available)? = $0 as? RTCPParseError else {
                    return XCTFail("truncated expected, got \($0)")
                }
                XCTAssertGreaterThan(needed, available)
                XCTAssertEqual(available, 52)
            }
            // With the length the octets actually occupy, the packet is an SR: sender "Mars",
            // NTP "NTP1NTP?", RTP timestamp "RTP ", one report block about "Luna".
            var corrected = bytes
            corrected[3] = 12
            let packets = try RTCPPacket.parseCompound(corrected)
            guard packets.count == 1, case .senderReport(let sr) = packets[0] else {
                return XCTFail("one SR expected, got \(packets)")
            }
            XCTAssertEqual(sr.ssrc, 0x4D61_7273)
            XCTAssertEqual(sr.ntpTimestamp >> 32, 0x4E54_5031)
            XCTAssertEqual(sr.rtpTimestamp, 0x5254_5020)
            XCTAssertEqual(sr.packetCount, 0x42A)
            XCTAssertEqual(sr.reports.count, 1)
            XCTAssertEqual(sr.reports[0].ssrc, 0x4C75_6E61)
            XCTAssertEqual(sr.reports[0].fractionLost, 0xDE)
            XCTAssertEqual(sr.reports[0].cumulativeLost, Int32(0xADBEEF) - 0x100_0000)
            XCTAssertEqual(sr.reports[0].delaySinceLastSenderReport, 0xDEAD_BEEF)
            XCTAssertEqual(sr.serialized(), corrected)
        }
    }
}
