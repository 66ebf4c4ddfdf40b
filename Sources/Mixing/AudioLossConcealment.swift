/// Packet-loss concealment by pitch-period repetition with fade-out, after ITU-T G.711 Appendix I §I.2.

/// Conceals lost packets for codecs that have no concealment of their own (G.711, G.722).
///
/// Good frames are `record`ed; for a loss, the last pitch period (found by autocorrelation over 2.5–15 ms lags) is
/// repeated, fading linearly to silence over `fadeOut`, so a short gap sounds like the held voice and a long one
/// goes quiet instead of buzzing. 16-bit PCM; the pitch is estimated on the first channel.
public struct AudioLossConcealer: Sendable {
    public let sampleRate: Int
    public let channels: Int
    private let minimumLag: Int
    private let maximumLag: Int
    private let fadeOutSamples: Int
    /// The most recent samples, interleaved, oldest first; `historyFrames` sampling instants.
    private var history: [Int16]
    private let historyFrames: Int
    private var filled = 0
    private var period = 0
    private var concealed = 0

    public init(sampleRate: Int, channels: Int, fadeOut: Duration = .milliseconds(60)) {
        precondition(sampleRate > 0 && channels > 0, "invalid concealer shape")
        self.sampleRate = sampleRate
        self.channels = channels
        minimumLag = max(1, sampleRate / 400)
        maximumLag = max(minimumLag + 1, sampleRate * 15 / 1000)
        let (seconds, attoseconds) = fadeOut.components
        fadeOutSamples = max(1, Int(seconds) * sampleRate + Int(attoseconds / 1_000_000_000_000) * sampleRate / 1_000_000)
        historyFrames = 2 * maximumLag
        history = [Int16](repeating: 0, count: 2 * maximumLag * channels)
    }

    /// Whether the last output was concealment (the next good frame ends a gap).
    public var isConcealing: Bool { concealed > 0 }

    /// Remembers a correctly decoded frame (16-bit, this concealer's rate and channels) and ends any gap. After a gap,
    /// the frame's first 4 ms are cross-faded from the concealment's continuation, so the gap ends without a click.
    public mutating func record(_ frame: inout AudioFrame) {
        precondition(frame.format == .int16 && frame.channels == channels, "concealer frame shape mismatch")
        if concealed > 0 { crossFade(into: &frame) }
        concealed = 0
        period = 0
        frame.withInt16Samples { samples in
            let incoming = min(samples.count, history.count)
            let kept = history.count - incoming
            if kept > 0 {
                for index in 0..<kept { history[index] = history[index + incoming] }
            }
            for index in 0..<incoming { history[kept + index] = samples[samples.count - incoming + index] }
        }
        filled = min(historyFrames, filled + frame.samplesPerChannel)
    }

    /// Fills `frame` with `samplesPerChannel` samples of concealment continuing the previous output.
    public mutating func conceal(samplesPerChannel: Int, into frame: inout AudioFrame) {
        frame.reshape(format: .int16, sampleRate: sampleRate, channels: channels, samplesPerChannel: samplesPerChannel)
        if period == 0 { period = filled >= historyFrames ? estimatePeriod() : 0 }
        let period = self.period
        let start = concealed
        let channels = self.channels
        let fade = fadeOutSamples
        let history = self.history
        let historyFrames = self.historyFrames
        frame.withMutableInt16Samples { output in
            for instant in 0..<samplesPerChannel {
                for channel in 0..<channels {
                    let value = Self.continuation(
                        at: start + instant, channel: channel, period: period, fade: fade, history: history,
                        historyFrames: historyFrames, channels: channels)
                    output[instant * channels + channel] = Int16(value.rounded())
                }
            }
        }
        concealed += samplesPerChannel
    }

    /// Blends the start of the first good frame after a gap from where the concealment would have gone on.
    private func crossFade(into frame: inout AudioFrame) {
        let overlap = min(frame.samplesPerChannel, max(1, sampleRate / 250))
        let (start, period, fade, history, historyFrames, channels) =
            (concealed, period, fadeOutSamples, history, historyFrames, channels)
        frame.withMutableInt16Samples { samples in
            for instant in 0..<overlap {
                let weight = Float(instant + 1) / Float(overlap + 1)
                for channel in 0..<channels {
                    let index = instant * channels + channel
                    let concealment = Self.continuation(
                        at: start + instant, channel: channel, period: period, fade: fade, history: history,
                        historyFrames: historyFrames, channels: channels)
                    let blended = concealment * (1 - weight) + Float(samples[index]) * weight
                    samples[index] = Int16(max(-32768, min(32767, blended.rounded())))
                }
            }
        }
    }

    /// The concealment's value `t` instants into a gap: the last period repeated, fading linearly to silence.
    private static func continuation(
        at t: Int, channel: Int, period: Int, fade: Int, history: [Int16], historyFrames: Int, channels: Int
    ) -> Float {
        guard period > 0, t < fade else { return 0 }
        let source = historyFrames - period + t % period
        return Float(history[source * channels + channel]) * Float(fade - t) / Float(fade)
    }

    /// The lag with the highest normalised autocorrelation of the last `maximumLag` instants.
    private func estimatePeriod() -> Int {
        let window = maximumLag
        let end = historyFrames
        var bestLag = minimumLag
        var bestScore = -Double.infinity
        for lag in minimumLag...maximumLag {
            var cross = 0.0
            var energy = 0.0
            for instant in (end - window)..<end {
                let current = Double(history[instant * channels])
                let earlier = Double(history[(instant - lag) * channels])
                cross += current * earlier
                energy += earlier * earlier
            }
            let score = energy > 0 ? cross / energy.squareRoot() : 0
            if score > bestScore {
                bestScore = score
                bestLag = lag
            }
        }
        return bestLag
    }
}
