/// Audio encoded once before the run, as 20 ms Opus payloads (RFC 7587) that a participant sends in a loop.
import Foundation
import Mixing
import OpusCodec
import RTP

/// What a participant says.
enum ClipSignal {
    /// A steady tone.
    case tone(frequency: Double)
    /// A talker: a tone whose loudness rises and falls four times a second, like syllables (between −7 dB and the
    /// full level), so an encoder's voice activity detector hears speech rather than a steady hum.
    case syllables(frequency: Double)
    /// `from` for `ticksEach` ticks, then `to` for as many, repeated: a talker whose switch to `to` the listeners time.
    case toneSwitch(from: Double, to: Double, ticksEach: Int)
    /// Silence for `ticksEach` ticks, then `frequency` for as many, repeated: a talker who starts and stops.
    case toneOnset(frequency: Double, ticksEach: Int)
    /// White noise at `dBFS` RMS: a quiet participant, well under the server's speech threshold (-40 dBov).
    case noise(dBFS: Double)
    /// Digital silence: a muted microphone.
    case silence

    /// The frequency whose arrival the listeners time, if the signal has one.
    var probeFrequency: Double? {
        switch self {
        case .toneSwitch(_, let to, _): to
        case .toneOnset(let frequency, _): frequency
        case .tone, .syllables, .noise, .silence: nil
        }
    }

    /// Ticks between two probe onsets.
    var probePeriod: Int? {
        switch self {
        case .toneSwitch(_, _, let ticks), .toneOnset(_, let ticks): 2 * ticks
        case .tone, .syllables, .noise, .silence: nil
        }
    }
}

/// A loop of Opus payloads, one per 20 ms tick.
struct EncodedClip {
    static let sampleRate = 48000
    static let samplesPerTick = 960
    static let toneAmplitude = 0.2

    let signal: ClipSignal
    let payloads: [[UInt8]]
    /// Each payload's RFC 6464 level: 0 (0 dBov) to 127 (-127 dBov or digital silence), with the V bit clear.
    let levels: [UInt8]

    /// Encodes `ticks` ticks of `signal` (preceded by as many again, so that the encoder's history at the start of
    /// the loop is what it will be each time the loop wraps round).
    init(_ signal: ClipSignal, ticks: Int = 100) throws {
        self.signal = signal
        var encoder = try OpusAudioEncoder(OpusEncoderConfiguration(
            bitrate: 32000, complexity: 5, inbandFEC: true, expectedPacketLossPercent: 5))
        var noise = NoiseGenerator(seed: 0x9E37_79B9_7F4A_7C15)
        var payloads: [[UInt8]] = []
        var levels: [UInt8] = []
        var samples = [Float](repeating: 0, count: Self.samplesPerTick)
        for tick in 0..<(2 * ticks) {
            for i in 0..<Self.samplesPerTick {
                let n = tick * Self.samplesPerTick + i
                samples[i] = Float(Self.sample(signal, instant: n, tick: tick % ticks, noise: &noise))
            }
            let frame = AudioFrame(float: samples, sampleRate: Self.sampleRate, channels: 1)
            let payload = try encoder.encode(frame)
            if tick >= ticks {
                payloads.append(payload)
                let power = samples.reduce(0) { $0 + Double($1 * $1) } / Double(samples.count)
                let dBov = power > 0 ? 10 * log10(power) : -127
                levels.append(UInt8(max(0, min(127, (-dBov).rounded()))))
            }
        }
        self.payloads = payloads
        self.levels = levels
    }

    private static func sample(_ signal: ClipSignal, instant n: Int, tick: Int, noise: inout NoiseGenerator) -> Double {
        func tone(_ frequency: Double) -> Double {
            toneAmplitude * sin(2 * Double.pi * frequency * Double(n) / Double(sampleRate))
        }
        switch signal {
        case .tone(let frequency):
            return tone(frequency)
        case .syllables(let frequency):
            let t = Double(n) / Double(sampleRate)
            return (0.72 + 0.28 * sin(2 * Double.pi * 4 * t)) * tone(frequency)
        case let .toneSwitch(from, to, ticksEach):
            return tone(tick % (2 * ticksEach) < ticksEach ? from : to)
        case let .toneOnset(frequency, ticksEach):
            return tick % (2 * ticksEach) < ticksEach ? 0 : tone(frequency)
        case .noise(let dBFS):
            // Uniform in ±a has an RMS of a/√3.
            let amplitude = pow(10, dBFS / 20) * 3.0.squareRoot()
            return amplitude * noise.nextUniform()
        case .silence:
            return 0
        }
    }

    /// The share of payloads whose SILK voice activity flags are set (RFC 6716 §4.2.3); nil for CELT-only clips.
    var voiceActiveShare: Double? {
        let flags = payloads.compactMap { OpusTableOfContents.voiceActivity(in: $0[...]) }
        guard !flags.isEmpty else { return nil }
        return Double(flags.filter { $0 }.count) / Double(flags.count)
    }

    /// The tick indices of the clip at which the probe frequency starts.
    var onsetTicks: [Int] {
        guard let period = signal.probePeriod else { return [] }
        return stride(from: period / 2, to: payloads.count, by: period).map { $0 }
    }
}

/// A small deterministic generator (xorshift64*), so every run sends the same noise.
struct NoiseGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// Uniform in -1 ... 1.
    mutating func nextUniform() -> Double {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        let value = state &* 0x2545_F491_4F6C_DD1D
        return Double(value >> 11) / Double(1 << 52) - 1
    }
}
