import Mixing
import XCTest

@testable import FFmpegCodecs

final class H264CodecTests: XCTestCase {
    private let qcif = VideoEncoderSettings(
        width: 176, height: 144, bitrate: 400_000, frameRate: 30, keyframeInterval: 300)

    func testThreeHundredFramesRoundTripAboveThirtyDecibels() throws {
        // Given an encoder and decoder and a moving test pattern at QCIF, 400 kbit/s
        let encoder = try H264Encoder(settings: qcif, preset: .veryfast)
        let decoder = try H264Decoder()
        let pattern = VideoTestPattern(width: 176, height: 144)
        var pool = VideoFramePool()
        var unit = EncodedVideoFrame()
        var tally = PSNRTally(), bytes = 0

        // When 300 frames go through both, one access unit each
        for index in 0..<300 {
            var source = pool.frame(width: 176, height: 144)
            pattern.draw(index, into: &source)
            XCTAssertTrue(try encoder.encode(source, into: &unit), "frame \(index) produced no access unit")
            XCTAssertEqual(unit.frameNumber, Int64(index))
            XCTAssertEqual(unit.isKeyframe, index == 0, "frame \(index)")
            bytes += unit.bytes.count
            let decoded = try XCTUnwrap(try decoder.decode(unit.bytes), "frame \(index) did not decode")
            tally.add(source: source, decoded: decoded)
            decoder.recycle(decoded)
            pool.recycle(consume source)
        }

        // Then every frame comes back, none below 30 dB, and the stream stays near its bitrate
        tally.assertFloors(frames: 300, worst: 30, mean: 32)
        let kbps = Double(bytes * 8) / 10 / 1000
        XCTAssertLessThan(kbps, 400 * 1.5, "stream ran at \(kbps) kbit/s")
        XCTAssertEqual(pool.allocations, 1)
        XCTAssertEqual(decoder.framesAllocated, 1, "decoded frames were not reused")
    }

    func testTheFirstFrameIsAnIDRWithItsParameterSets() throws {
        let encoder = try H264Encoder(settings: qcif, preset: .ultrafast)
        let unit = try XCTUnwrap(try encoder.encode(VideoTestPattern(width: 176, height: 144).frame(0)))
        XCTAssertTrue(unit.isKeyframe)
        Self.assertIDRWithParameterSets(unit.bytes)
        // Constrained Baseline: profile_idc 66 with constraint_set1_flag (the byte after the SPS NAL header).
        let types = AnnexB.nalUnitTypes(unit.bytes)
        XCTAssertEqual(types.first, AnnexB.sps)
        let spsStart = try XCTUnwrap(Self.firstNAL(of: AnnexB.sps, in: unit.bytes))
        XCTAssertEqual(unit.bytes[spsStart + 1], 66, "profile_idc")
        XCTAssertNotEqual(unit.bytes[spsStart + 2] & 0x40, 0, "constraint_set1_flag")
    }

    func testARequestedKeyframeArrivesAsAnIDRWithSPSAndPPSBeforeIt() throws {
        // Given an encoder well into its GOP
        let encoder = try H264Encoder(settings: qcif, preset: .ultrafast)
        let pattern = VideoTestPattern(width: 176, height: 144)
        var unit = EncodedVideoFrame()
        for index in 0..<20 {
            XCTAssertTrue(try encoder.encode(pattern.frame(index), into: &unit))
            if index > 0 {
                XCTAssertFalse(unit.isKeyframe)
                XCTAssertFalse(AnnexB.nalUnitTypes(unit.bytes).contains(AnnexB.idr), "frame \(index) is an IDR")
            }
        }

        // When a viewer's PLI asks for a keyframe
        encoder.requestKeyframe()
        XCTAssertTrue(try encoder.encode(pattern.frame(20), into: &unit))

        // Then the very next access unit is an IDR with SPS and PPS ahead of it, and the one after is not
        XCTAssertTrue(unit.isKeyframe)
        Self.assertIDRWithParameterSets(unit.bytes)
        XCTAssertTrue(try encoder.encode(pattern.frame(21), into: &unit))
        XCTAssertFalse(unit.isKeyframe)
        XCTAssertFalse(AnnexB.nalUnitTypes(unit.bytes).contains(AnnexB.idr))
    }

    func testADecoderJoiningMidStreamStartsAtTheRequestedIDR() throws {
        let encoder = try H264Encoder(settings: qcif, preset: .ultrafast)
        let pattern = VideoTestPattern(width: 176, height: 144)
        for index in 0..<10 { _ = try encoder.encode(pattern.frame(index)) }
        // A late joiner cannot decode a P frame without its references…
        let joiner = try H264Decoder()
        let pFrame = try XCTUnwrap(try encoder.encode(pattern.frame(10)))
        XCTAssertNil(try? joiner.decode(pFrame.bytes) ?? nil)
        // …but decodes from the keyframe its join triggered.
        encoder.requestKeyframe()
        let source = pattern.frame(11)
        let idr = try XCTUnwrap(try encoder.encode(source))
        let decoded = try XCTUnwrap(try joiner.decode(idr.bytes))
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(source.psnr(to: decoded)), 30)
    }

    func testASenderChangingResolutionIsFollowedAtItsNextIDR() throws {
        // Given a decoder following a QCIF stream
        let decoder = try H264Decoder()
        let small = try H264Encoder(settings: qcif, preset: .ultrafast)
        for index in 0..<3 {
            let unit = try XCTUnwrap(try small.encode(VideoTestPattern(width: 176, height: 144).frame(index)))
            let frame = try XCTUnwrap(try decoder.decode(unit.bytes))
            XCTAssertTrue(frame.hasGeometry(width: 176, height: 144))
            decoder.recycle(frame)
        }

        // When the sender restarts at QVGA (new SPS at its first IDR)
        let large = try H264Encoder(
            settings: VideoEncoderSettings(width: 320, height: 240, bitrate: 800_000), preset: .ultrafast)
        let source = VideoTestPattern(width: 320, height: 240).frame(0)
        let unit = try XCTUnwrap(try large.encode(source))
        let frame = try XCTUnwrap(try decoder.decode(unit.bytes))

        // Then the decoder gives QVGA pictures
        XCTAssertTrue(frame.hasGeometry(width: 320, height: 240))
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(source.psnr(to: frame)), 30)
    }

    func testGarbageIsAnErrorAndTheDecoderCarriesOn() throws {
        let decoder = try H264Decoder()
        var garbage = GarbageBytes(seed: 6184)
        // Bytes without a start code are not Annex B at all.
        XCTAssertThrowsError(try decoder.decode([0xFF] + garbage.next(1000))) { error in
            guard case .malformedAccessUnit = error as? VideoCodecError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try decoder.decode([0, 0]))
        // Garbage behind start codes reaches the decoder, which may refuse it or find no picture, but must not crash.
        for _ in 0..<50 {
            _ = try? decoder.decode([0, 0, 0, 1] + garbage.next(Int(garbage.next(1)[0]) * 8 + 1))
        }
        // Then a real stream still decodes from its IDR.
        let encoder = try H264Encoder(settings: qcif, preset: .ultrafast)
        let source = VideoTestPattern(width: 176, height: 144).frame(3)
        let unit = try XCTUnwrap(try encoder.encode(source))
        let decoded = try XCTUnwrap(try decoder.decode(unit.bytes))
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(source.psnr(to: decoded)), 30)
    }

    func testAFrameOfAnotherSizeIsRefused() throws {
        let encoder = try H264Encoder(settings: qcif)
        XCTAssertThrowsError(try encoder.encode(I420Frame(width: 320, height: 240))) { error in
            guard case .frameSizeMismatch = error as? VideoCodecError else { return XCTFail("\(error)") }
        }
    }

    func testNonsenseSettingsAreRefusedWhenOpening() {
        XCTAssertThrowsError(try H264Encoder(settings: VideoEncoderSettings(width: 176, height: 144, bitrate: 0))) {
            guard case .invalidSettings = $0 as? VideoCodecError else { return XCTFail("\($0)") }
        }
        // 4:2:0 chroma needs even dimensions; x264 refuses the rest when opened.
        let odd = VideoEncoderSettings(width: 175, height: 144, bitrate: 300_000)
        XCTAssertThrowsError(try H264Encoder(settings: odd)) {
            guard case .invalidSettings(_, let reason) = $0 as? VideoCodecError else { return XCTFail("\($0)") }
            XCTAssertFalse(reason.isEmpty)
        }
    }

    static func assertIDRWithParameterSets(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        let types = AnnexB.nalUnitTypes(bytes)
        guard let idr = types.firstIndex(of: AnnexB.idr) else {
            return XCTFail("no IDR slice in NAL types \(types)", file: file, line: line)
        }
        let before = types[..<idr]
        XCTAssertTrue(before.contains(AnnexB.sps), "no SPS before the IDR: \(types)", file: file, line: line)
        XCTAssertTrue(before.contains(AnnexB.pps), "no PPS before the IDR: \(types)", file: file, line: line)
        if let sps = before.firstIndex(of: AnnexB.sps), let pps = before.firstIndex(of: AnnexB.pps) {
            XCTAssertLessThan(sps, pps, "SPS should precede PPS: \(types)", file: file, line: line)
        }
    }

    /// Offset of the header byte of the first NAL unit of `type`.
    static func firstNAL(of type: Int, in bytes: [UInt8]) -> Int? {
        var index = 0
        while index + 3 < bytes.count {
            if bytes[index] == 0, bytes[index + 1] == 0, bytes[index + 2] == 1 {
                if Int(bytes[index + 3] & 0x1F) == type { return index + 3 }
                index += 3
            } else {
                index += 1
            }
        }
        return nil
    }
}
