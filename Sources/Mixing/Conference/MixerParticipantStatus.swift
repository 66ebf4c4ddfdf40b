/// A snapshot of one leg in the mixer: levels, speech, selection, gain and its sample ring's counters.
public struct MixerParticipantStatus: Sendable, Equatable {
    public var id: ParticipantID
    public var isMuted: Bool
    public var isSpeaking: Bool
    /// Mixed in the last tick.
    public var isSelected: Bool
    /// The last tick's level and the smoothed level, dBov.
    public var level: Float
    public var smoothedLevel: Float
    /// The normalization gain, dB.
    public var gain: Float
    /// Samples waiting in the ring.
    public var buffered: Int
    public var underruns: Int
    public var missingSamples: Int
    public var overflows: Int
    public var droppedSamples: Int
    /// A private encoder is held for this leg.
    public var hasPrivateEncoder: Bool

    init(_ participant: MixerParticipant, isSelected: Bool) {
        id = participant.id
        isMuted = participant.isMuted
        isSpeaking = participant.detector.isSpeaking
        self.isSelected = isSelected
        level = participant.detector.level
        smoothedLevel = participant.detector.smoothedLevel
        gain = participant.normalizer.gain
        buffered = participant.ring.count
        underruns = participant.ring.underruns
        missingSamples = participant.ring.missingSamples
        overflows = participant.ring.overflows
        droppedSamples = participant.ring.droppedSamples
        hasPrivateEncoder = participant.encoder != nil
    }
}
