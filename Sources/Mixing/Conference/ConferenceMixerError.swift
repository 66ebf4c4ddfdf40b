/// Why the conference mixer refused a call, naming the participant or frame at fault.
public enum ConferenceMixerError: Error, Sendable, Equatable {
    /// `add` was called for a participant already in the mix.
    case duplicateParticipant(ParticipantID)
    /// The participant was never added, or was removed.
    case unknownParticipant(ParticipantID)
    /// The leg wrote audio that is not 48 kHz mono; the leg pipeline must resample and downmix first.
    case unsupportedFrame(ParticipantID, sampleRate: Int, channels: Int)
}

extension ConferenceMixerError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .duplicateParticipant(let id): return "\(id) is already in the mix"
        case .unknownParticipant(let id): return "\(id) is not in the mix"
        case let .unsupportedFrame(id, sampleRate, channels):
            return "\(id) wrote \(sampleRate) Hz × \(channels) channel(s); the mixer takes 48000 Hz mono"
        }
    }
}
