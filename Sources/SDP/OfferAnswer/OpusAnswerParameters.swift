/// The Opus `a=fmtp` parameters an answerer writes, mirroring what the offer asked (RFC 7587 §7.1, §7.3).

/// In Opus SDP each side's parameters speak of what it receives (`stereo`, `useinbandfec`) or sends
/// (`sprop-stereo`). A stereo room mirrors the offer: the answer's `stereo` echoes the offer's `sprop-stereo`, and
/// its `sprop-stereo` echoes the offer's `stereo`. A mono room writes neither, which means mono both ways; a stereo
/// peer still decodes it (RFC 7587 §3.4).
struct OpusAnswerParameters: Equatable {
    /// The offerer prefers to receive stereo (`stereo=1` in the offer) and the room sends it.
    var sendStereo: Bool
    /// The offerer will send stereo (`sprop-stereo=1` in the offer) and the room takes it.
    var receiveStereo: Bool

    init(offered: FormatParameters?, stereo: Bool) {
        sendStereo = stereo && offered?["stereo"] == "1"
        receiveStereo = stereo && offered?["sprop-stereo"] == "1"
    }

    /// `useinbandfec=1` always: the room decodes in-band FEC, which helps on lossy links (RFC 7587 §3.3, §7.1).
    var parameterString: String {
        var parameters = ["useinbandfec=1"]
        if receiveStereo { parameters.append("stereo=1") }
        if sendStereo { parameters.append("sprop-stereo=1") }
        return parameters.joined(separator: ";")
    }

    /// Channels the room encodes toward the offerer.
    var encodedChannels: Int { sendStereo ? 2 : 1 }
}
