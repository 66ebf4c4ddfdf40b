/// One encoded frame of a mixer tick and who receives it: a codec group's shared mix, or one leg's private mix.
public struct MixerPayload: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The full mix, encoded once for every listener (non-speaker) of `group`.
        case groupMix
        /// A selected speaker's mix-minus: everything but its own voice, from its own encoder.
        case mixMinus
        /// A listener's full mix with a prompt meant for it alone, from its own encoder.
        case privateMix
    }

    public var kind: Kind
    /// The codec group of the recipients (of the one recipient, for private kinds).
    public var group: AudioCodecGroup
    /// Nothing was mixed in (no other talker, no announcement): the encoded frame is silence, a candidate for DTX.
    public var isSilence: Bool
    /// Where the bytes are in `MixerOutput.byteStorage`.
    public var byteRange: Range<Int>
    /// Where the recipients are in `MixerOutput.recipientStorage`.
    public var recipientRange: Range<Int>
}
