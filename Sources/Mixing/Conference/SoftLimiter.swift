/// A soft limiter that keeps a mix inside full scale without hard clipping.
///
/// A peak envelope (instant attack, slow release) drives a gain whose curve bends smoothly from unity at -3 dBFS
/// towards, but never reaching, full scale.
/// For an envelope `e` above the knee `t`, the output peak is `t + (1 - t) · u / (1 + u)` with `u = (e - t) / (1 - t)`:
/// the curve leaves unity with slope 1 (no corner) and tends to 1.0, so eight full-scale talkers summed (a peak of 8)
/// come out near 0.99. The attack is instant (the gain for a sample already accounts for that sample), so nothing
/// overshoots; the release lets the gain recover over `releaseSeconds` rather than pumping sample by sample.
public struct SoftLimiter: Sendable {
    /// Where limiting starts: -3 dBFS.
    public static let knee: Float = 0.7079
    /// How fast the gain recovers after a peak: 1/e in 80 ms, short enough not to duck the next word.
    public static let releaseSeconds = 0.080

    private let release: Float
    private var envelope: Float = 0

    public init(sampleRate: Int = 48000) {
        release = Decibels.decayFactor(seconds: Self.releaseSeconds, sampleRate: sampleRate)
    }

    /// Limits `samples` in place.
    public mutating func process(_ samples: UnsafeMutableBufferPointer<Float>) {
        let knee = Self.knee
        let span = 1 - knee
        var envelope = self.envelope
        let release = self.release
        for index in samples.indices {
            let sample = samples[index]
            envelope = max(abs(sample), envelope * release)
            if envelope > knee {
                let excess = (envelope - knee) / span
                let peak = knee + span * excess / (1 + excess)
                samples[index] = sample * (peak / envelope)
            }
        }
        self.envelope = envelope
    }

    /// Forgets past peaks (for a stream that starts again after a pause).
    public mutating func reset() { envelope = 0 }
}
