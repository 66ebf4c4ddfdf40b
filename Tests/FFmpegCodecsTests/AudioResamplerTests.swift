import XCTest
import Mixing
@testable import FFmpegCodecs

/// libswresample between the codec rates: sample counts and tone preservation.
final class AudioResamplerTests: XCTestCase {
    private func roundTrip(rate: Int, channels: Int, format: AudioSampleFormat) throws {
        let up = try AudioResampler(from: rate, to: 48000, channels: channels, format: format)
        let down = try AudioResampler(from: 48000, to: rate, channels: channels, format: format)
        let perFrame = rate / 50
        var high = AudioFrame(format: format, sampleRate: 48000, channels: channels)
        var low = AudioFrame(format: format, sampleRate: rate, channels: channels)
        var highCount = 0
        var steadyHigh: [Int] = []
        var output: [AudioFrame] = []
        for index in 0..<50 {
            let frame = AudioTone.frame(
                frequency: 440, amplitude: 0.4, sampleRate: rate, channels: channels, samplesPerChannel: perFrame,
                offset: index * perFrame, format: format)
            try up.resample(frame, into: &high)
            highCount += high.samplesPerChannel
            if index >= 2 { steadyHigh.append(high.samplesPerChannel) }
            try down.resample(high, into: &low)
            output.append(low)
        }
        try up.flush(into: &high)
        highCount += high.samplesPerChannel
        try down.resample(high, into: &low)
        output.append(low)
        try down.flush(into: &low)
        output.append(low)

        XCTAssertEqual(highCount, 48000, "one second at 48 kHz")
        XCTAssertTrue(steadyHigh.allSatisfy { abs($0 - 960) <= 1 }, "\(steadyHigh)")
        XCTAssertEqual(output.reduce(0) { $0 + $1.samplesPerChannel }, rate, "one second back at \(rate) Hz")
        for channel in 0..<channels {
            let samples = Array(AudioTone.channel(channel, of: output).dropFirst(perFrame).dropLast(perFrame))
            let snr = AudioTone.signalToNoise(samples, frequency: 440, sampleRate: rate)
            XCTAssertGreaterThan(snr, 40, "\(rate) Hz channel \(channel)")
        }
    }

    func testNarrowbandUpAndBackKeepsTheToneAndTheCounts() throws {
        try roundTrip(rate: 8000, channels: 1, format: .int16)
    }

    func testWidebandStereoFloatUpAndBack() throws {
        try roundTrip(rate: 16000, channels: 2, format: .float32)
    }

    func testRejectsFramesOfAnotherShape() throws {
        let resampler = try AudioResampler(from: 8000, to: 48000)
        var output = AudioFrame(sampleRate: 48000, channels: 1)
        let frame = AudioFrame(sampleRate: 16000, channels: 1, samplesPerChannel: 320)
        XCTAssertThrowsError(try resampler.resample(frame, into: &output))
    }
}
