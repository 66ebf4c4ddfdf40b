import Foundation
import Mixing
import OpusCodec
import RTP
import XCTest

/// The SILK voice activity flags read from Opus packets without decoding them (RFC 6716 §4.2.3), against what
/// libopus's own encoder does with the same decision: in DTX it stops sending exactly where the flags are clear.
final class OpusVoiceActivityTests: XCTestCase {
    /// 1 s of silence, 1 s of a talker (a 220 Hz buzz with harmonics, its loudness moving at 4 Hz like syllables),
    /// 1 s of silence: 150 frames of 20 ms.
    private func frames() -> [AudioFrame] {
        (0..<150).map { index in
            let talking = (50..<100).contains(index)
            let samples = (0..<960).map { i -> Float in
                guard talking else { return 0 }
                let t = Double(index * 960 + i) / 48000
                let syllables = 0.6 + 0.4 * sin(2 * Double.pi * 4 * t)
                let buzz = (1...6).reduce(0.0) { $0 + sin(2 * Double.pi * 220 * Double($1) * t) / Double($1) }
                return Float(0.15 * syllables * buzz)
            }
            return AudioFrame(float: samples, sampleRate: 48000, channels: 1)
        }
    }

    private func encode(_ configuration: OpusEncoderConfiguration) throws -> [[UInt8]] {
        var encoder = try OpusAudioEncoder(configuration)
        return try frames().map { try encoder.encode($0) }
    }

    func testTheFlagsFollowTheTalkerAndMatchWhereDTXStopsSending() throws {
        let plain = try encode(OpusEncoderConfiguration(bitrate: 32000))
        let dtx = try encode(OpusEncoderConfiguration(bitrate: 32000, dtx: true))
        let activity = plain.map { OpusTableOfContents.voiceActivity(in: $0[...]) }
        XCTAssertTrue(activity.allSatisfy { $0 != nil }, "VoIP packets at 32 kb/s carry a SILK layer")
        // The talker's frames are active (allowing the first two for the detector to react).
        let talking = activity[52..<100].filter { $0 == true }.count
        XCTAssertGreaterThanOrEqual(talking, 46, "\(activity[50..<100])")
        // Well into each silence the flags are clear.
        XCTAssertEqual(activity[20..<50].filter { $0 == true }.count, 0, "\(activity[0..<50])")
        XCTAssertEqual(activity[130..<150].filter { $0 == true }.count, 0, "\(activity[100..<150])")
        // Wherever the DTX encoder sent nothing but a 1–2 byte frame, the flags of the same frame are clear.
        var checked = 0
        for (index, packet) in dtx.enumerated() where packet.count <= 2 {
            checked += 1
            XCTAssertEqual(activity[index], false, "frame \(index): DTX silent, flags say active")
        }
        XCTAssertGreaterThan(checked, 20, "DTX did stop sending in the silences")
    }

    func testCELTOnlyPacketsHaveNoFlags() throws {
        let celt = try encode(OpusEncoderConfiguration(bitrate: 32000, application: .restrictedLowDelay))
        XCTAssertTrue(celt.allSatisfy { OpusTableOfContents.voiceActivity(in: $0[...]) == nil })
    }

    func testHandMadePackets() {
        // TOC 0x08: SILK NB 20 ms, mono, one frame. A first data byte with the top bit set reads as an active flag.
        XCTAssertEqual(OpusTableOfContents.voiceActivity(in: [0x08, 0xFF, 0x00, 0x00][...]), true)
        XCTAssertEqual(OpusTableOfContents.voiceActivity(in: [0x08, 0x00, 0xFF, 0xFF][...]), false)
        XCTAssertEqual(OpusTableOfContents.voiceActivity(in: [0x08][...]), false, "an empty frame is DTX")
        // Code 2: the first frame's length first (here 2), then its bytes.
        XCTAssertEqual(OpusTableOfContents.voiceActivity(in: [0x0A, 0x02, 0xFF, 0x00, 0x00][...]), true)
        XCTAssertNil(OpusTableOfContents.voiceActivity(in: [0x0A][...]), "code 2 without its length byte")
        // Code 3 is not read; a CELT TOC (config 31) has no SILK layer; an empty payload is nothing.
        XCTAssertNil(OpusTableOfContents.voiceActivity(in: [0x0B, 0x01, 0xFF][...]))
        XCTAssertNil(OpusTableOfContents.voiceActivity(in: [0xF8, 0xFF][...]))
        XCTAssertNil(OpusTableOfContents.voiceActivity(in: [][...]))
    }
}
