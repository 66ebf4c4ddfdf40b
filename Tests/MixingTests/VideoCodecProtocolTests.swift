import XCTest

@testable import Mixing

/// The mixing core drives codecs through its own protocols; a fake codec stands in for a real one in its tests.
final class VideoCodecProtocolTests: XCTestCase {
    /// "Encodes" a frame as its top-left luma sample; every `keyframeInterval`th frame or a requested one is a key.
    final class FakeEncoder: VideoEncoder {
        let descriptor = VideoCodecDescriptor(name: "FAKE")
        let settings: VideoEncoderSettings
        private var count: Int64 = 0
        private var keyframeRequested = false

        init(settings: VideoEncoderSettings) { self.settings = settings }

        func encode(_ frame: I420Frame, into output: inout EncodedVideoFrame) throws(VideoCodecError) -> Bool {
            guard frame.hasGeometry(width: settings.width, height: settings.height) else {
                throw .frameSizeMismatch(
                    expected: "\(settings.width)x\(settings.height)", got: "\(frame.width)x\(frame.height)")
            }
            output.bytes.removeAll(keepingCapacity: true)
            output.bytes.append(frame.y[0])
            output.isKeyframe = keyframeRequested || count % Int64(settings.keyframeInterval) == 0
            output.frameNumber = count
            keyframeRequested = false
            count += 1
            return true
        }

        func requestKeyframe() { keyframeRequested = true }
    }

    func testTheConvenienceEncodeReturnsTheUnit() throws {
        let encoder = FakeEncoder(
            settings: VideoEncoderSettings(width: 64, height: 48, bitrate: 1, keyframeInterval: 5))
        var frame = I420Frame(width: 64, height: 48)
        var keys: [Int64] = []
        for index in 0..<12 {
            frame.fill(YUVColour(y: UInt8(16 + index), u: 128, v: 128))
            if index == 7 { encoder.requestKeyframe() }
            let unit = try XCTUnwrap(try encoder.encode(frame))
            XCTAssertEqual(unit.bytes, [UInt8(16 + index)])
            if unit.isKeyframe { keys.append(unit.frameNumber) }
        }
        XCTAssertEqual(keys, [0, 5, 7, 10])
        XCTAssertThrowsError(try encoder.encode(I420Frame(width: 32, height: 32))) {
            XCTAssertEqual(($0 as? VideoCodecError), .frameSizeMismatch(expected: "64x48", got: "32x32"))
        }
    }

    func testDescriptorsGiveTheNinetyKilohertzTimestampStep() {
        XCTAssertEqual(VideoCodecDescriptor.h264.description, "H264/90000")
        XCTAssertEqual(VideoCodecDescriptor.vp8.rtpTimestampIncrement(frameRate: 30), 3000)
        XCTAssertEqual(VideoCodecDescriptor.vp8.rtpTimestampIncrement(frameRate: 25), 3600)
    }
}
