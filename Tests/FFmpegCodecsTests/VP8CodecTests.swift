import Mixing
import XCTest

@testable import FFmpegCodecs

final class VP8CodecTests: XCTestCase {
    private let qvga = VideoEncoderSettings(
        width: 320, height: 240, bitrate: 800_000, frameRate: 30, keyframeInterval: 3000)

    func testFortyFramesRoundTripAboveThirtyDecibels() throws {
        // Given a VP8 encoder and decoder and a moving test pattern at QVGA, 800 kbit/s
        let encoder = try VP8Encoder(settings: qvga)
        let decoder = try VP8Decoder()
        let pattern = VideoTestPattern(width: 320, height: 240)
        var unit = EncodedVideoFrame()
        var tally = PSNRTally()

        // When 40 frames go through both
        for index in 0..<40 {
            let source = pattern.frame(index)
            XCTAssertTrue(try encoder.encode(source, into: &unit), "frame \(index) was dropped")
            XCTAssertEqual(unit.isKeyframe, index == 0, "frame \(index)")
            XCTAssertEqual(Self.isKeyframe(unit.bytes), index == 0, "frame tag of frame \(index)")
            let decoded = try XCTUnwrap(try decoder.decode(unit.bytes), "frame \(index) did not decode")
            tally.add(source: source, decoded: decoded)
            decoder.recycle(decoded)
        }

        // Then every frame comes back above the floor
        tally.assertFloors(frames: 40, worst: 30, mean: 32)
    }

    func testARequestedKeyframeHasTheKeyFrameTag() throws {
        // Given an encoder past its first key frame
        let encoder = try VP8Encoder(settings: qvga)
        let pattern = VideoTestPattern(width: 320, height: 240)
        var unit = EncodedVideoFrame()
        for index in 0..<10 { XCTAssertTrue(try encoder.encode(pattern.frame(index), into: &unit)) }
        XCTAssertFalse(Self.isKeyframe(unit.bytes))

        // When a keyframe is requested
        encoder.requestKeyframe()
        XCTAssertTrue(try encoder.encode(pattern.frame(10), into: &unit))

        // Then that frame's tag has P = 0 and the key-frame start code, and a fresh decoder can start there
        XCTAssertTrue(unit.isKeyframe)
        XCTAssertTrue(Self.isKeyframe(unit.bytes))
        XCTAssertEqual(Array(unit.bytes[3..<6]), [0x9D, 0x01, 0x2A], "RFC 6386 §9.1 start code")
        let joiner = try VP8Decoder()
        let decoded = try XCTUnwrap(try joiner.decode(unit.bytes))
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(pattern.frame(10).psnr(to: decoded)), 30)
        XCTAssertTrue(try encoder.encode(pattern.frame(11), into: &unit))
        XCTAssertFalse(Self.isKeyframe(unit.bytes))
    }

    func testGarbageIsAnErrorAndTheDecoderCarriesOn() throws {
        let decoder = try VP8Decoder()
        XCTAssertThrowsError(try decoder.decode([0x10])) { error in
            guard case .malformedAccessUnit = error as? VideoCodecError else { return XCTFail("\(error)") }
        }
        var garbage = GarbageBytes(seed: 7741)
        var refused = 0
        for _ in 0..<50 {
            do { _ = try decoder.decode(garbage.next(Int(garbage.next(1)[0]) * 4 + 3)) } catch { refused += 1 }
        }
        XCTAssertGreaterThan(refused, 0, "the decoder accepted every garbage frame")
        let encoder = try VP8Encoder(settings: qvga)
        let source = VideoTestPattern(width: 320, height: 240).frame(5)
        let unit = try XCTUnwrap(try encoder.encode(source))
        let decoded = try XCTUnwrap(try decoder.decode(unit.bytes))
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(source.psnr(to: decoded)), 30)
    }

    /// RFC 6386 §9.1 / RFC 7741 §4.3: bit 0 of the first byte of the frame tag is P, "0 for key frames".
    static func isKeyframe(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first else { return false }
        return first & 0x01 == 0
    }
}
