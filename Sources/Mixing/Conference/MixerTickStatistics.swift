/// What one mixer tick did, and what the mixer has done since it started: the numbers for metrics and for tests.
public struct MixerTickStatistics: Sendable, Equatable {
    /// The tick's number, from 0.
    public var tick: UInt64 = 0
    /// Encoder calls made this tick (groups with listeners + speakers + private prompts).
    public var encoderCalls = 0
    /// Encoder calls that failed this tick (their payloads are missing from the output).
    public var encoderFailures = 0
    /// Talkers mixed this tick.
    public var selectedSpeakers = 0
    /// Codec groups encoded this tick (those with at least one listener).
    public var encodedGroups = 0
    /// Nobody was mixed and no room-wide announcement played: every listener got encoded silence.
    public var isSilent = true
    /// Totals since the mixer started.
    public var totals = MixerTotals()

    public init() {}
}

/// Counters kept over the mixer's life.
public struct MixerTotals: Sendable, Equatable {
    public var ticks: UInt64 = 0
    public var encoderCalls: UInt64 = 0
    public var encoderFailures: UInt64 = 0
    /// Talkers that entered the selection.
    public var speakerChanges: UInt64 = 0
    /// Encoders made by the factory (group and private).
    public var encodersCreated: UInt64 = 0
    /// The last encoder failure, for the log.
    public var lastEncoderError: AudioCodecError?

    public init() {}
}
