import Mixing
import RTP
import XCTest

@testable import FFmpegCodecs

/// The video media path end to end: encode → RFC 6184 / RFC 7741 packetization → loss → depacketization with a
/// keyframe request → the encoder's forced keyframe → decode.
final class RTPVideoPathTests: XCTestCase {
    private let settings = VideoEncoderSettings(
        width: 320, height: 240, bitrate: 800_000, frameRate: 30, keyframeInterval: 3000)

    func testH264OverRTPRecoversFromALostPacketThroughAKeyframeRequest() throws {
        let encoder = try H264Encoder(settings: settings, preset: .ultrafast)
        let decoder = try H264Decoder()
        let packetizer = H264Packetizer(maximumPayloadSize: 1200)
        var depacketizer = H264Depacketizer()
        try runPath(encoder: encoder, decoder: decoder) { unit in
            packetizer.packetize(accessUnit: H264Packetizer.nalUnits(annexB: unit.bytes))
        } depacketize: { sequence, timestamp, marker, payload in
            depacketizer.push(sequenceNumber: sequence, timestamp: timestamp, marker: marker, payload: payload[...])
                .map { event in
                    switch event {
                    case .accessUnit(let unit): .frame(unit.annexB, timestamp: unit.timestamp)
                    case .requestKeyframe: .requestKeyframe
                    }
                }
        }
    }

    func testVP8OverRTPRecoversFromALostPacketThroughAKeyframeRequest() throws {
        let encoder = try VP8Encoder(settings: settings)
        let decoder = try VP8Decoder()
        var packetizer = VP8Packetizer(maximumPayloadSize: 1200)
        var depacketizer = VP8Depacketizer()
        try runPath(encoder: encoder, decoder: decoder) { unit in
            packetizer.packetize(frame: unit.bytes)
        } depacketize: { sequence, timestamp, marker, payload in
            depacketizer.push(sequenceNumber: sequence, timestamp: timestamp, marker: marker, payload: payload[...])
                .map { event in
                    switch event {
                    case .frame(let frame): .frame(frame.bytes, timestamp: frame.timestamp)
                    case .requestKeyframe: .requestKeyframe
                    }
                }
        }
    }

    private enum Received {
        case frame([UInt8], timestamp: UInt32)
        case requestKeyframe
    }

    /// Sends 60 frames at 30 fps (90 kHz RTP clock) and drops the first packet of frame 30.
    private func runPath(
        encoder: some VideoEncoder, decoder: some VideoDecoder,
        packetize: (EncodedVideoFrame) -> [[UInt8]],
        depacketize: (UInt16, UInt32, Bool, [UInt8]) -> [Received]
    ) throws {
        let pattern = VideoTestPattern(width: settings.width, height: settings.height)
        var unit = EncodedVideoFrame()
        var sequence: UInt16 = 40_000
        var sources: [UInt32: I420Frame] = [:]
        var tally = PSNRTally()
        var keyframeRequests = 0, decodedAfterLoss = 0, multiPacketFrames = 0
        let lostFrame = 30
        XCTAssertEqual(encoder.descriptor, decoder.descriptor)
        let increment = UInt32(encoder.descriptor.rtpTimestampIncrement(frameRate: settings.frameRate))
        XCTAssertEqual(increment, 3000, "90 kHz clock at 30 fps")

        for index in 0..<60 {
            let source = pattern.frame(index)
            let timestamp = UInt32(index) &* increment
            sources[timestamp] = source
            XCTAssertTrue(try encoder.encode(source, into: &unit))
            let payloads = packetize(unit)
            if payloads.count > 1 { multiPacketFrames += 1 }
            for (packetIndex, payload) in payloads.enumerated() {
                defer { sequence &+= 1 }
                if index == lostFrame && packetIndex == 0 { continue }
                XCTAssertLessThanOrEqual(payload.count, 1200)
                for event in depacketize(sequence, timestamp, packetIndex == payloads.count - 1, payload) {
                    switch event {
                    case .requestKeyframe:
                        // The receiver's PLI reaches the sender, whose next frame is a keyframe.
                        keyframeRequests += 1
                        encoder.requestKeyframe()
                    case .frame(let bytes, let frameTimestamp):
                        guard let decoded = try decoder.decode(bytes) else { continue }
                        if frameTimestamp > UInt32(lostFrame) * increment { decodedAfterLoss += 1 }
                        tally.add(source: try XCTUnwrap(sources[frameTimestamp]), decoded: decoded)
                        decoder.recycle(decoded)
                    }
                }
            }
        }

        XCTAssertGreaterThan(multiPacketFrames, 0, "no frame needed fragmentation")
        XCTAssertGreaterThanOrEqual(keyframeRequests, 1, "the loss did not ask for a keyframe")
        XCTAssertEqual(decodedAfterLoss, 60 - lostFrame - 1, "decoding did not resume at the frame after the loss")
        XCTAssertEqual(tally.frames, 59, "every frame but the damaged one")
        XCTAssertGreaterThanOrEqual(tally.worst, 30, "worst PSNR \(tally.worst) dB")
    }
}
