/// Fakes and measurements for the conference mixer tests: counting encoders, G.711 at 48 kHz, tone levels.
import Foundation
@testable import Mixing

/// What fake encoders were asked to do, shared by all encoders one factory makes.
final class EncoderLog: @unchecked Sendable {
    var created: [AudioCodecGroup] = []
    var calls = 0
}

/// A fake codec that writes the frame's float samples as raw bytes, so a test can read back exactly what each
/// recipient was sent; it counts its calls in a shared log.
struct RawFloatEncoder: AudioEncoder {
    let descriptor = AudioCodecDescriptor(name: "X-F32", rtpClockRate: 48000, sampleRate: 48000, channels: 1)
    let log: EncoderLog
    /// Distinguishes encoders in tests of encoder reuse.
    let serial: Int

    func encode(_ frame: AudioFrame, into output: UnsafeMutableRawBufferPointer) throws(AudioCodecError) -> Int {
        try requireShape(of: frame)
        log.calls += 1
        let count = frame.sampleCount * 4
        guard output.count >= count else {
            throw .outputBufferTooSmall(codec: descriptor.name, needed: count, available: output.count)
        }
        frame.withFloatSamples { samples in
            for (index, sample) in samples.enumerated() { output.storeBytes(of: sample, toByteOffset: index * 4, as: Float.self) }
        }
        return count
    }

    static func decode(_ bytes: ArraySlice<UInt8>) -> [Float] {
        bytes.withUnsafeBytes { raw in (0..<raw.count / 4).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) } }
    }
}

/// The cheapest fake codec: one byte per call, for counting and timing.
struct TokenEncoder: AudioEncoder {
    let descriptor = AudioCodecDescriptor(name: "X-TOKEN", rtpClockRate: 48000, sampleRate: 48000, channels: 1)
    let log: EncoderLog

    func encode(_ frame: AudioFrame, into output: UnsafeMutableRawBufferPointer) throws(AudioCodecError) -> Int {
        log.calls += 1
        output[0] = UInt8(truncatingIfNeeded: log.calls)
        return 1
    }
}

/// G.711 behind a 48 → 8 kHz decimator (a six-sample average), as the leg pipeline's resampling encoder would be.
struct DecimatingG711Encoder: AudioEncoder {
    var inner: G711Encoder
    let log: EncoderLog
    var descriptor: AudioCodecDescriptor {
        AudioCodecDescriptor(name: inner.descriptor.name, rtpClockRate: 8000, sampleRate: 48000, channels: 1)
    }

    func encode(_ frame: AudioFrame, into output: UnsafeMutableRawBufferPointer) throws(AudioCodecError) -> Int {
        log.calls += 1
        let wide = frame.floatSamples
        let narrow = stride(from: 0, to: wide.count, by: 6).map { start in wide[start..<(start + 6)].reduce(0, +) / 6 }
        return try inner.encode(AudioFrame(float: narrow, sampleRate: 8000, channels: 1), into: output)
    }
}

enum MixerTestAudio {
    static let tick = ConferenceMixer.samplesPerTick

    /// Tick `index` of a continuous 48 kHz tone.
    static func tone(_ frequency: Double, amplitude: Double = 0.25, tick index: Int) -> [Float] {
        AudioTone.frame(
            frequency: frequency, amplitude: amplitude, sampleRate: 48000, samplesPerChannel: tick,
            offset: index * tick, format: .float32
        ).floatSamples
    }

    /// The power (mean square) of the `frequency` component of `samples`, from AudioTone's least-squares fit: the fit
    /// takes the share snr/(1+snr) of the total power.
    static func tonePower(_ samples: [Float], frequency: Double, sampleRate: Int = 48000) -> Double {
        let values = samples.map(Double.init)
        let total = values.reduce(0) { $0 + $1 * $1 } / Double(values.count)
        let snr = AudioTone.signalToNoise(values, frequency: frequency, sampleRate: sampleRate)
        guard snr.isFinite else { return total }
        let ratio = pow(10, snr / 10)
        return total * ratio / (1 + ratio)
    }

    /// dB between the powers of two tones in `samples`.
    static func toneRatio(_ samples: [Float], _ louder: Double, over quieter: Double, sampleRate: Int = 48000) -> Double {
        10 * log10(tonePower(samples, frequency: louder, sampleRate: sampleRate)
            / max(1e-30, tonePower(samples, frequency: quieter, sampleRate: sampleRate)))
    }
}

extension ConferenceMixer {
    /// Writes one tick of `samples` for `participant` (tests only).
    mutating func write(_ participant: ParticipantID, _ samples: [Float], audioLevel: UInt8? = nil) throws {
        try samples.withUnsafeBufferPointer { try write(participant: participant, samples: $0, audioLevel: audioLevel) }
    }
}
