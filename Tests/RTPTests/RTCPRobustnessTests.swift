import XCTest
@testable import RTP

/// Random and truncated input never crashes the RTCP parsers and always fails with `RTCPParseError`.
final class RTCPRobustnessTests: XCTestCase {
    private let samples: [RTCPPacket] = [
        .senderReport(SenderReport(
            ssrc: 1, ntpTimestamp: 2, rtpTimestamp: 3, packetCount: 4, octetCount: 5,
            reports: [ReportBlock(ssrc: 9)])),
        .receiverReport(ReceiverReport(ssrc: 2, reports: [ReportBlock(ssrc: 9, cumulativeLost: 4)])),
        .sourceDescription(SourceDescription(chunks: [.init(source: 1, items: [.init(.cname, "x@y")])])),
        .goodbye(Goodbye(sources: [1], reason: "bye")),
        .applicationDefined(ApplicationDefined(subtype: 0, ssrc: 1, name: "TEST", data: [1, 2, 3, 4])),
        .genericNACK(GenericNACK(senderSSRC: 1, mediaSSRC: 2, lostSequenceNumbers: [5, 6])),
        .pictureLossIndication(PictureLossIndication(senderSSRC: 1, mediaSSRC: 2)),
        .fullIntraRequest(FullIntraRequest(senderSSRC: 1, entries: [.init(ssrc: 3, sequenceNumber: 1)])),
        .receiverEstimatedMaximumBitrate(ReceiverEstimatedMaximumBitrate(senderSSRC: 1, bitrate: 300_000, ssrcs: [2])),
        .temporaryMaximumMediaStreamBitrate(TemporaryMaximumMediaStreamBitrate(
            kind: .request, senderSSRC: 1, entries: [.init(ssrc: 2, bitrate: 64000, overhead: 30)])),
    ]

    func testEveryTruncationThrowsTypedError() {
        for packet in samples {
            let bytes = packet.serialized()
            for length in 0..<bytes.count {
                XCTAssertThrowsError(try RTCPPacket.parseCompound(Array(bytes[..<length]))) {
                    XCTAssertNotNil($0 as? RTCPParseError, "\(packet) cut at \(length)")
                }
            }
        }
    }

    func testRandomBytesNeverCrash() {
        var rng = SeededGenerator(seed: 4585)
        var parsed = 0
        for round in 0..<20000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                // Mutate a valid packet: keeps headers plausible so the body parsers are exercised.
                bytes = samples[round / 2 % samples.count].serialized()
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            } else {
                bytes = rng.bytes(Int.random(in: 0...80, using: &rng))
                if bytes.count > 1 { bytes[0] = 0x80 | (bytes[0] & 0x3F) }
            }
            do {
                _ = try RTCPPacket.parseCompound(bytes)
                parsed += 1
            } catch {
                XCTAssertNotNil(error as RTCPParseError?)
            }
        }
        XCTAssertGreaterThan(parsed, 100, "mutations should leave many packets parseable")
    }
}
