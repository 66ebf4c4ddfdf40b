import Foundation
import XCTest
import Mixing
@testable import OpusCodec

/// Opus (RFC 6716) through libopus: tone quality, stereo, DTX, loss concealment and in-band FEC recovery.
final class OpusRoundTripTests: XCTestCase {
    private func tone(_ frequency: Double, channels: Int = 1, index: Int) -> AudioFrame {
        AudioTone.frame(
            frequency: frequency, amplitude: 0.4, sampleRate: 48000, channels: channels, samplesPerChannel: 960,
            offset: index * 960)
    }

    func testToneAt32KilobitsKeepsItsSNR() throws {
        var encoder = try OpusAudioEncoder(OpusEncoderConfiguration(bitrate: 32000))
        var decoder = try OpusAudioDecoder()
        var decoded: [AudioFrame] = []
        var bytes = 0
        for index in 0..<50 {
            let payload = try encoder.encode(tone(440, index: index))
            bytes += payload.count
            let frame = try decoder.decode(payload)
            XCTAssertEqual(frame.samplesPerChannel, 960)
            if index >= 10 { decoded.append(frame) }
        }
        let snr = AudioTone.signalToNoise(AudioTone.channel(0, of: decoded), frequency: 440, sampleRate: 48000)
        XCTAssertGreaterThan(snr, 20)
        XCTAssertLessThan(Double(bytes * 8), 32000 * 1.3, "one second stays near the target bitrate")
    }

    func testStereoToneSurvivesOnBothChannels() throws {
        var encoder = try OpusAudioEncoder(OpusEncoderConfiguration(channels: 2, bitrate: 64000))
        var decoder = try OpusAudioDecoder(channels: 2)
        var decoded: [AudioFrame] = []
        for index in 0..<40 {
            let frame = try decoder.decode(try encoder.encode(tone(440, channels: 2, index: index)))
            XCTAssertEqual(frame.channels, 2)
            if index >= 10 { decoded.append(frame) }
        }
        for channel in 0..<2 {
            let snr = AudioTone.signalToNoise(AudioTone.channel(channel, of: decoded), frequency: 440, sampleRate: 48000)
            XCTAssertGreaterThan(snr, 20, "channel \(channel)")
        }
    }

    func testFloatFramesEncodeLikeInt16Frames() throws {
        var encoder = try OpusAudioEncoder()
        var decoder = try OpusAudioDecoder()
        var decoded: [AudioFrame] = []
        for index in 0..<30 {
            let frame = AudioTone.frame(
                frequency: 440, amplitude: 0.4, sampleRate: 48000, samplesPerChannel: 960, offset: index * 960,
                format: .float32)
            let output = try decoder.decode(try encoder.encode(frame))
            if index >= 10 { decoded.append(output) }
        }
        XCTAssertGreaterThan(
            AudioTone.signalToNoise(AudioTone.channel(0, of: decoded), frequency: 440, sampleRate: 48000), 20)
    }

    func testDTXSendsTinyFramesForSilence() throws {
        var encoder = try OpusAudioEncoder(OpusEncoderConfiguration(dtx: true))
        let silence = AudioFrame(sampleRate: 48000, channels: 1, samplesPerChannel: 960)
        let sizes = try (0..<60).map { _ in try encoder.encode(silence).count }
        // After the hangover, only a comfort-noise refresh every 400 ms (20 frames) is a full frame.
        let full = sizes.suffix(40).filter { $0 > 2 }.count
        XCTAssertLessThanOrEqual(full, 2, "\(sizes)")
    }

    func testLossConcealmentProducesAFrameOfThePacketLength() throws {
        var encoder = try OpusAudioEncoder()
        let decoder = try OpusAudioDecoder()
        var frame = AudioFrame(sampleRate: 48000, channels: 1)
        for index in 0..<5 {
            try encoder.encode(tone(440, index: index)).withUnsafeBytes { try decoder.decode($0, into: &frame) }
        }
        try decoder.decodeLoss(samplesPerChannel: 960, into: &frame)
        XCTAssertEqual(frame.samplesPerChannel, 960)
        XCTAssertGreaterThan(frame.int16Samples.map { abs(Int($0)) }.max() ?? 0, 1000, "concealment continues the tone")
        try decoder.decodeLoss(samplesPerChannel: 480, into: &frame)
        XCTAssertEqual(frame.samplesPerChannel, 480)
    }

    /// Frames 0..<25 are a 200 Hz voice-like tone, then the pitch jumps to 330 Hz; the first frame after the jump is
    /// lost. Concealment can only extend the old pitch; FEC carried in the next packet has the new one.
    func testFECRecoversALostFrameBetterThanConcealment() throws {
        let configuration = OpusEncoderConfiguration(
            bitrate: 32000, complexity: 10, inbandFEC: true, expectedPacketLossPercent: 20, signal: .voice)
        var encoder = try OpusAudioEncoder(configuration)
        var payloads: [[UInt8]] = []
        for index in 0..<40 {
            var frame = AudioFrame(sampleRate: 48000, channels: 1, samplesPerChannel: 960)
            let pitch = index < 25 ? 200.0 : 330.0
            frame.withMutableInt16Samples { samples in
                for instant in 0..<960 {
                    let t = Double(index * 960 + instant) / 48000
                    var value = 0.0
                    for harmonic in 1...4 { value += 0.25 / Double(harmonic) * sin(2 * .pi * pitch * Double(harmonic) * t) }
                    samples[instant] = Int16(value * 32767 * 0.8)
                }
            }
            payloads.append(try encoder.encode(frame))
        }
        let lost = 25
        var reference = try OpusAudioDecoder()
        var clean: AudioFrame?
        for (index, payload) in payloads.enumerated() where index <= lost {
            let frame = try reference.decode(payload)
            if index == lost { clean = frame }
        }
        let truth = try XCTUnwrap(clean).int16Samples.map(Double.init)

        func recovered(fec: Bool) throws -> [Double] {
            let decoder = try OpusAudioDecoder()
            var frame = AudioFrame(sampleRate: 48000, channels: 1)
            for payload in payloads[..<lost] { try payload.withUnsafeBytes { try decoder.decode($0, into: &frame) } }
            if fec {
                try payloads[lost + 1].withUnsafeBytes {
                    try decoder.decodeFEC(next: $0, samplesPerChannel: 960, into: &frame)
                }
            } else {
                try decoder.decodeLoss(samplesPerChannel: 960, into: &frame)
            }
            XCTAssertEqual(frame.samplesPerChannel, 960)
            return frame.int16Samples.map(Double.init)
        }
        func snr(_ estimate: [Double]) -> Double {
            let signal = truth.reduce(0) { $0 + $1 * $1 }
            let error = zip(truth, estimate).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            return 10 * log10(signal / max(error, 1))
        }
        let concealed = snr(try recovered(fec: false))
        let corrected = snr(try recovered(fec: true))
        XCTAssertGreaterThan(corrected, concealed + 3, "FEC \(corrected) dB vs concealment \(concealed) dB")
    }

    func testRejectsFramesThatAreNotAnOpusDuration() throws {
        var encoder = try OpusAudioEncoder()
        let frame = AudioFrame(sampleRate: 48000, channels: 1, samplesPerChannel: 1000)
        XCTAssertThrowsError(try encoder.encode(frame)) { error in
            guard case .unsupportedFrame? = error as? AudioCodecError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try OpusAudioEncoder(OpusEncoderConfiguration(sampleRate: 44100)))
        XCTAssertThrowsError(try OpusAudioEncoder(OpusEncoderConfiguration(complexity: 11)))
    }

    /// A wideband sender (16 kHz input) is still a 48 kHz RTP stream; the mixer's decoder runs at 48 kHz.
    func testSixteenKilohertzInputDecodesAtFortyEightKilohertz() throws {
        var encoder = try OpusAudioEncoder(OpusEncoderConfiguration(sampleRate: 16000, bitrate: 24000))
        var decoder = try OpusAudioDecoder(sampleRate: 48000)
        XCTAssertEqual(encoder.descriptor.rtpClockRate, 48000)
        var decoded: [AudioFrame] = []
        for index in 0..<40 {
            let frame = AudioTone.frame(
                frequency: 440, amplitude: 0.4, sampleRate: 16000, samplesPerChannel: 320, offset: index * 320)
            let output = try decoder.decode(try encoder.encode(frame))
            XCTAssertEqual(output.samplesPerChannel, 960)
            if index >= 10 { decoded.append(output) }
        }
        XCTAssertGreaterThan(
            AudioTone.signalToNoise(AudioTone.channel(0, of: decoded), frequency: 440, sampleRate: 48000), 20)
    }

    func testFloatOutputIsTheSameAudioWithoutTheRoundTripThrough16Bits() throws {
        var encoder = try OpusAudioEncoder(OpusEncoderConfiguration(bitrate: 32000))
        var fixed = try OpusAudioDecoder()
        var float = try OpusAudioDecoder(format: .float32)
        for index in 0..<30 {
            let payload = try encoder.encode(tone(440, index: index))
            let a = try fixed.decode(payload)
            let b = try float.decode(payload)
            XCTAssertEqual(b.format, .float32)
            XCTAssertEqual(b.samplesPerChannel, a.samplesPerChannel)
            let shorts = a.withInt16Samples { Array($0) }
            let floats = b.withFloatSamples { Array($0) }
            let worst = zip(shorts, floats).map { abs(Float($0) / 32768 - $1) }.max() ?? 1
            XCTAssertLessThanOrEqual(worst, 1.5 / 32768, "frame \(index): the two outputs differ by more than rounding")
        }
        // Concealment works in float too.
        var concealed = AudioFrame(sampleRate: 48000, channels: 1)
        try float.decodeLoss(samplesPerChannel: 960, into: &concealed)
        XCTAssertEqual(concealed.format, .float32)
        XCTAssertEqual(concealed.samplesPerChannel, 960)
    }
}
