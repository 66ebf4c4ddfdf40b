import Foundation
import Mixing
import XCTest

@testable import FFmpegCodecs

/// Interop with the `ffmpeg` tool: streams Huiyi encodes decode there, and streams it encodes decode here.
final class FFmpegCLIInteropTests: XCTestCase {
    private let width = 176, height = 144, frameCount = 60

    func testHuiyiH264DecodesInFFmpegBitExactly() throws {
        // Given 60 frames Huiyi encodes and decodes itself, written as an Annex B .h264 file
        let directory = try FFmpegCLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let encoder = try H264Encoder(
            settings: VideoEncoderSettings(width: width, height: height, bitrate: 400_000, keyframeInterval: 30))
        let decoder = try H264Decoder()
        let pattern = VideoTestPattern(width: width, height: height)
        var stream: [UInt8] = []
        var ownDecoding: [I420Frame] = []
        for index in 0..<frameCount {
            let unit = try XCTUnwrap(try encoder.encode(pattern.frame(index)))
            stream += unit.bytes
            ownDecoding.append(try XCTUnwrap(try decoder.decode(unit.bytes)))
        }
        let input = directory.appendingPathComponent("huiyi.h264")
        let output = directory.appendingPathComponent("decoded.yuv")
        try Data(stream).write(to: input)

        // When ffmpeg decodes the file to raw I420
        try FFmpegCLI.run(["-f", "h264", "-i", input.path, "-f", "rawvideo", "-pix_fmt", "yuv420p", output.path])

        // Then it finds every frame, each identical to Huiyi's own decoding and above 30 dB against the source
        let decoded = FFmpegCLI.rawFrames(try Data(contentsOf: output), width: width, height: height)
        XCTAssertEqual(decoded.count, frameCount)
        var tally = PSNRTally()
        for (index, frame) in decoded.prefix(frameCount).enumerated() {
            XCTAssertEqual(frame.psnr(to: ownDecoding[index]), .infinity, "frame \(index) decodes differently")
            tally.add(source: pattern.frame(index), decoded: frame)
        }
        tally.assertFloors(frames: frameCount, worst: 30, mean: 32)
    }

    func testFFmpegH264DecodesInHuiyi() throws {
        // Given a Constrained Baseline stream that ffmpeg (libx264) encodes from its own test source
        let (source, stream) = try encodeWithFFmpeg(
            ["-c:v", "libx264", "-profile:v", "baseline", "-preset", "veryfast", "-b:v", "400k", "-g", "30"],
            format: "h264")

        // When Huiyi decodes it access unit by access unit, then every picture is close to ffmpeg's source
        let units = FFmpegCLI.accessUnits(annexB: [UInt8](stream))
        try decode(units, with: try H264Decoder(), against: source)
    }

    func testFFmpegH264WithBFramesDecodesInDisplayOrder() throws {
        // Given a High-profile stream with B-frames, as a desktop encoder might send despite the SDP
        let (source, stream) = try encodeWithFFmpeg(
            ["-c:v", "libx264", "-profile:v", "high", "-preset", "veryfast", "-bf", "2", "-b:v", "400k", "-g", "30"],
            format: "h264")
        let units = FFmpegCLI.accessUnits(annexB: [UInt8](stream))
        XCTAssertEqual(units.count, frameCount)

        // When Huiyi decodes it access unit by access unit
        let decoder = try H264Decoder()
        var decoded: [I420Frame] = []
        for unit in units {
            if let frame = try decoder.decode(unit) { decoded.append(frame) }
        }

        // Then the pictures come out in display order, only the last few still held for reordering
        XCTAssertGreaterThanOrEqual(decoded.count, frameCount - 3)
        var tally = PSNRTally()
        for (index, frame) in decoded.enumerated() { tally.add(source: source[index], decoded: frame) }
        tally.assertFloors(frames: decoded.count, worst: 30, mean: 32)
    }

    func testHuiyiVP8DecodesInFFmpeg() throws {
        let directory = try FFmpegCLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let encoder = try VP8Encoder(
            settings: VideoEncoderSettings(width: width, height: height, bitrate: 400_000, keyframeInterval: 30))
        let pattern = VideoTestPattern(width: width, height: height)
        let frames = try (0..<frameCount).map { try XCTUnwrap(try encoder.encode(pattern.frame($0))).bytes }
        let input = directory.appendingPathComponent("huiyi.ivf")
        let output = directory.appendingPathComponent("decoded.yuv")
        try FFmpegCLI.ivf(frames: frames, width: width, height: height, frameRate: 30).write(to: input)

        try FFmpegCLI.run(["-f", "ivf", "-i", input.path, "-f", "rawvideo", "-pix_fmt", "yuv420p", output.path])

        let decoded = FFmpegCLI.rawFrames(try Data(contentsOf: output), width: width, height: height)
        var tally = PSNRTally()
        for (index, frame) in decoded.enumerated() { tally.add(source: pattern.frame(index), decoded: frame) }
        tally.assertFloors(frames: frameCount, worst: 30, mean: 32)
    }

    func testFFmpegVP8DecodesInHuiyi() throws {
        // Given a real-time VP8 stream that ffmpeg (libvpx) encodes from its own test source, in IVF
        let (source, stream) = try encodeWithFFmpeg(
            ["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "400k", "-auto-alt-ref", "0",
             "-lag-in-frames", "0"],
            format: "ivf")

        // When Huiyi decodes it frame by frame, then every picture is close to ffmpeg's source
        try decode(FFmpegCLI.ivfFrames(stream), with: try VP8Decoder(), against: source)
    }

    /// ffmpeg's `testsrc` as raw I420 frames, and the same frames encoded with `codecArguments` into `format`.
    private func encodeWithFFmpeg(_ codecArguments: [String], format: String) throws -> ([I420Frame], Data) {
        let directory = try FFmpegCLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("source.yuv")
        let stream = directory.appendingPathComponent("ffmpeg.\(format)")
        try FFmpegCLI.run([
            "-f", "lavfi", "-i", "testsrc=size=\(width)x\(height):rate=30", "-frames:v", "\(frameCount)",
            "-pix_fmt", "yuv420p", "-f", "rawvideo", source.path,
        ])
        try FFmpegCLI.run(
            ["-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", "\(width)x\(height)", "-r", "30", "-i", source.path]
                + codecArguments + ["-f", format, stream.path])
        let frames = FFmpegCLI.rawFrames(try Data(contentsOf: source), width: width, height: height)
        XCTAssertEqual(frames.count, frameCount)
        return (frames, try Data(contentsOf: stream))
    }

    /// Decodes every unit, each of which must give a picture within the PSNR floors of its source frame.
    private func decode(_ units: [[UInt8]], with decoder: some VideoDecoder, against source: [I420Frame]) throws {
        XCTAssertEqual(units.count, frameCount)
        var tally = PSNRTally()
        for (index, unit) in units.enumerated() where index < source.count {
            let frame = try XCTUnwrap(try decoder.decode(unit), "unit \(index) gave no picture")
            tally.add(source: source[index], decoded: frame)
            decoder.recycle(frame)
        }
        tally.assertFloors(frames: frameCount, worst: 30, mean: 32)
    }
}
