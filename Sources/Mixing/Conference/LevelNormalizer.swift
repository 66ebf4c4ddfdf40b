/// Slow automatic gain control for one source: its speech level is brought towards a target level, within ±12 dB.
///
/// A quiet and a loud talker then mix at about the same loudness.
/// The source's speech level is a running average of its tick levels, taken only while it speaks and only from ticks
/// above `gateLevel` (pauses and noise do not drag it down). The gain moves towards `target - speechLevel`, clamped to
/// ±`maximumGain`, by at most `slewPerTick` per tick (5 dB/s), and is ramped across each block so it never steps.
public struct LevelNormalizer: Sendable {
    public struct Settings: Sendable, Equatable {
        /// The speech level aimed at, dBov (-20 dBov: loud enough over a phone, 17 dB of headroom below a peak).
        public var target: Float = -20
        /// The largest boost or cut, dB.
        public var maximumGain: Float = 12
        /// The largest gain change per 20 ms tick, dB (0.1 dB/tick = 5 dB/s: slow enough to be inaudible).
        public var slewPerTick: Float = 0.1
        /// Weight of a new tick in the speech-level average (0.05: about 20 ticks, 0.4 s).
        public var averagingFactor: Float = 0.05
        /// Tick levels below this, dBov, are not speech and leave the average alone.
        public var gateLevel: Float = -50

        public init() {}
    }

    public let settings: Settings
    /// The current gain, dB.
    public private(set) var gain: Float = 0
    /// The running speech level, dBov, once the source has spoken.
    public private(set) var speechLevel: Float?
    private var appliedAmplitude: Float = 1

    public init(settings: Settings = Settings()) { self.settings = settings }

    /// Adapts to one tick's level; does nothing while the source is not speaking.
    public mutating func update(level: Float, isSpeaking: Bool) {
        guard isSpeaking, level >= settings.gateLevel else { return }
        let average = speechLevel.map { $0 + settings.averagingFactor * (level - $0) } ?? level
        speechLevel = average
        let wanted = max(-settings.maximumGain, min(settings.maximumGain, settings.target - average))
        gain += max(-settings.slewPerTick, min(settings.slewPerTick, wanted - gain))
    }

    /// Applies the gain in place, ramping linearly from the previous block's gain.
    public mutating func apply(to samples: UnsafeMutableBufferPointer<Float>) {
        let target = Decibels.amplitude(gain)
        let start = appliedAmplitude
        appliedAmplitude = target
        if start == 1, target == 1 { return }
        let step = (target - start) / Float(max(1, samples.count))
        var amplitude = start
        for index in samples.indices {
            amplitude += step
            samples[index] *= amplitude
        }
    }
}
