import XCTest
@testable import Mixing

final class AudioFrameTests: XCTestCase {
    func testDurationAndCountsFollowTheShape() {
        let frame = AudioFrame(format: .float32, sampleRate: 48000, channels: 2, samplesPerChannel: 960)
        XCTAssertEqual(frame.sampleCount, 1920)
        XCTAssertEqual(frame.duration, .milliseconds(20))
    }

    func testReshapeReusesStorage() {
        var frame = AudioFrame(sampleRate: 48000, channels: 1, samplesPerChannel: 960)
        let before = frame.withInt16Samples { $0.baseAddress }
        frame.resize(samplesPerChannel: 480)
        frame.resize(samplesPerChannel: 960)
        XCTAssertEqual(frame.withInt16Samples { $0.baseAddress }, before)
    }

    func testConversionsClipAndRoundTrip() {
        let frame = AudioFrame(float: [0, 0.5, -0.5, 1.5, -1.5], sampleRate: 8000, channels: 1)
        XCTAssertEqual(frame.int16Samples, [0, 16384, -16384, 32767, -32768])
        let back = AudioFrame(int16: frame.int16Samples, sampleRate: 8000, channels: 1).floatSamples
        XCTAssertEqual(back[1], 0.5)
    }

    func testToneMeterSeparatesToneFromNoise() {
        let tone = AudioTone.frame(frequency: 440, amplitude: 0.5, sampleRate: 48000, samplesPerChannel: 4800)
        var noisy = tone.floatSamples.map(Double.init)
        var seed: UInt64 = 1
        for index in noisy.indices {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            noisy[index] += (Double(seed >> 11) / Double(1 << 53) - 0.5) * 0.05  // ≈ −36 dB white noise
        }
        let snr = AudioTone.signalToNoise(noisy, frequency: 440, sampleRate: 48000)
        XCTAssertEqual(snr, 10 * log10(0.125 / (0.05 * 0.05 / 12)), accuracy: 1.5)
    }
}
