/// A listener's ear for one frequency: decodes what the server sends and notices when the probe tone arrives.
import Foundation
import Mixing
import OpusCodec

struct ToneProbe {
    /// Amplitude (full scale 1.0) at which the tone counts as present: about -34 dBFS, 16 dB under the talker's tone
    /// and far above what Opus leaves of the other talkers' tones in its bin.
    static let presentAmplitude = 0.02
    /// Below this the tone counts as gone; the probe re-arms after `armingTicks` such ticks in a row.
    static let absentAmplitude = 0.005
    static let armingTicks = 10

    let frequency: Double
    private var decoder: OpusAudioDecoder
    private var frame = AudioFrame(sampleRate: 48000, channels: 1)
    private var quietTicks = 0
    private let coefficient: Double

    init(frequency: Double) throws {
        self.frequency = frequency
        decoder = try OpusAudioDecoder(sampleRate: 48000, channels: 1)
        coefficient = 2 * cos(2 * Double.pi * frequency / 48000)
    }

    /// Decodes one RTP payload; true when the tone has just arrived (present after being absent for a while).
    mutating func hears(_ payload: UnsafeRawBufferPointer) -> Bool {
        do {
            try decoder.decode(payload, into: &frame)
        } catch {
            return false
        }
        let amplitude = toneAmplitude()
        if amplitude >= Self.presentAmplitude {
            let arrived = quietTicks >= Self.armingTicks
            quietTicks = 0
            return arrived
        }
        if amplitude < Self.absentAmplitude { quietTicks += 1 }
        return false
    }

    /// The amplitude of `frequency` in the frame (Goertzel, rectangular window; the talkers' tones sit on whole
    /// 50 Hz bins of the 960-sample frame, so they do not leak into each other's bins).
    private func toneAmplitude() -> Double {
        frame.withInt16Samples { samples in
            var s1 = 0.0
            var s2 = 0.0
            for sample in samples {
                let s0 = Double(sample) / 32768 + coefficient * s1 - s2
                s2 = s1
                s1 = s0
            }
            let power = s1 * s1 + s2 * s2 - coefficient * s1 * s2
            return 2 * max(0, power).squareRoot() / Double(max(1, samples.count))
        }
    }
}
