import XCTest
import Mixing
@testable import FFmpegCodecs

/// G.722 (64 kb/s) through libavcodec: payload size, tone quality, concealment, and frame checks.
final class G722CodecTests: XCTestCase {
    func testToneRoundTripKeepsItsSNRAndTheOctetPerSamplePairRate() throws {
        var encoder = try G722AudioEncoder(ptime: 20)
        var decoder = try G722AudioDecoder()
        var decoded: [AudioFrame] = []
        for index in 0..<50 {
            let frame = AudioTone.frame(
                frequency: 1000, amplitude: 0.4, sampleRate: 16000, samplesPerChannel: 320, offset: index * 320)
            let payload = try encoder.encode(frame)
            XCTAssertEqual(payload.count, 160, "64 kb/s: 160 octets per 20 ms")
            let output = try decoder.decode(payload)
            XCTAssertEqual(output.samplesPerChannel, 320)
            if index >= 5 { decoded.append(output) }
        }
        let snr = AudioTone.signalToNoise(AudioTone.channel(0, of: decoded), frequency: 1000, sampleRate: 16000)
        XCTAssertGreaterThan(snr, 25)
    }

    func testLossIsConcealedWithAFrameOfThePacketLength() throws {
        var encoder = try G722AudioEncoder()
        let decoder = try G722AudioDecoder()
        var frame = AudioFrame(sampleRate: 16000, channels: 1)
        for index in 0..<5 {
            let tone = AudioTone.frame(frequency: 250, sampleRate: 16000, samplesPerChannel: 320, offset: index * 320)
            try encoder.encode(tone).withUnsafeBytes { try decoder.decode($0, into: &frame) }
        }
        try decoder.decodeLoss(samplesPerChannel: 320, into: &frame)
        XCTAssertEqual(frame.samplesPerChannel, 320)
        XCTAssertGreaterThan(frame.int16Samples.map { abs(Int($0)) }.max() ?? 0, 3000)
    }

    func testEncoderRejectsFramesOfAnotherRateOrLength() throws {
        var encoder = try G722AudioEncoder(ptime: 20)
        XCTAssertThrowsError(try encoder.encode(AudioFrame(sampleRate: 8000, channels: 1, samplesPerChannel: 160)))
        XCTAssertThrowsError(try encoder.encode(AudioFrame(sampleRate: 16000, channels: 1, samplesPerChannel: 480)))
        XCTAssertEqual(try encoder.encode(AudioFrame(sampleRate: 16000, channels: 1, samplesPerChannel: 320)).count, 160)
    }
}
