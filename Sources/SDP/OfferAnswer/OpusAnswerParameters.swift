/// The Opus `a=fmtp` parameters an answerer writes, mirroring what the offer asked (RFC 7587 §7.1, §7.3).

/// In Opus SDP each side's parameters speak of what it receives (`stereo`, `useinbandfec`) or sends
/// (`sprop-stereo`). So the answer's `stereo` mirrors the offer's `sprop-stereo`, and its `sprop-stereo` mirrors the
/// offer's `stereo`: the room decodes whatever arrives and encodes stereo only for a peer that prefers it.
struct OpusAnswerParameters: Equatable {
    /// The offerer prefers to receive stereo (`stereo=1` in the offer): the room encodes two channels for it.
    var sendStereo: Bool
    /// The offerer will send stereo (`sprop-stereo=1` in the offer): the room says it takes stereo.
    var receiveStereo: Bool

    init(offered: FormatParameters?) {
        sendStereo = offered?["stereo"] == "1"
        receiveStereo = offered?["sprop-stereo"] == "1"
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
