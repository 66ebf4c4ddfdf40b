/// Why the answer to this side's audio offer cannot be used (RFC 3264 §6.1, §7; RFC 4568 §7.1.3).

/// An answer that does not fit the offer it answers. The offer/answer exchange is over by then (the answer came in
/// a 200 OK), so the call is ended: ACK, then BYE (RFC 3261 §13.2.2.4), with ``description`` for the log.
public enum AnswerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The answer has no `m=audio` line at all.
    case noAudioStream
    /// The answer's audio stream has port 0: the site refused it (RFC 3264 §6).
    case audioRefused
    /// The answer's transport is not the one offered (RFC 3264 §6.1 keeps it).
    case transportChanged(offered: TransportProtocol, answered: TransportProtocol)
    /// The answer's first codec was never offered, and no later one was either. Carries the codec as the answer
    /// names it.
    case codecNotOffered(String)
    /// The answer's audio stream lists no codec, only telephone-event or nothing.
    case noCodec
    /// Neither the answer's audio stream nor its session has a `c=` line.
    case noConnectionAddress
    /// The answer's SDES keys do not fit the offered ones, or are missing.
    case crypto(CryptoAnswerError)

    public var description: String {
        switch self {
        case .noAudioStream: "the answer has no audio stream (no m=audio line)"
        case .audioRefused: "the answer refused the audio stream (port 0)"
        case .transportChanged(let offered, let answered):
            "the answer changed the audio transport from \(offered.rawValue) to \(answered.rawValue)"
        case .codecNotOffered(let codec): "the answer chose \(codec), which was not offered"
        case .noCodec: "the answer's audio stream lists no codec"
        case .noConnectionAddress: "the answer gives no c= address for its audio stream"
        case .crypto(let error): error.description
        }
    }
}
