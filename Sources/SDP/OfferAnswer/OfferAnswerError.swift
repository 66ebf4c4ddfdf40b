/// Why an offer cannot be answered: SIP 488 Not Acceptable Here with a Warning (RFC 3264 §6, RFC 3261 §20.43, §21.4.26).

/// A refused offer. ``statusCode`` is always 488; ``warningCode`` and ``warning`` fill the SIP `Warning` header.
public enum OfferAnswerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `m=audio` line with a port other than 0.
    case noAudioStream
    /// None of the room's codecs is in the offer. Carries what was offered and what the room takes.
    case noCommonCodec(offered: [String], accepted: [String])
    /// The room requires SDES-keyed SRTP and the offer is plain RTP.
    case srtpRequired(offered: TransportProtocol)
    /// The room does not do SRTP and the offer is `RTP/SAVP` or `RTP/SAVPF`.
    case srtpNotTaken(offered: TransportProtocol)
    /// An SRTP offer with no `a=crypto` this side can honour; carries why each one was passed over.
    case noAcceptableCrypto(skipped: [SkippedCryptoAttribute])
    /// A transport other than RTP/AVP, RTP/AVPF, RTP/SAVP and RTP/SAVPF (for instance DTLS-SRTP's UDP/TLS/RTP/SAVPF).
    case unsupportedTransport(TransportProtocol)
    /// Neither the audio stream nor the session has a `c=` line.
    case noConnectionAddress

    /// 488 Not Acceptable Here (RFC 3261 §21.4.26).
    public var statusCode: Int { 488 }

    /// The RFC 3261 §20.43 warn-code that fits.
    public var warningCode: Int {
        switch self {
        case .noAudioStream: 304  // Media type not available
        case .noCommonCodec: 305  // Incompatible media format
        case .srtpRequired, .srtpNotTaken, .unsupportedTransport: 302  // Incompatible transport protocol
        case .noAcceptableCrypto: 306  // Attribute not understood
        case .noConnectionAddress: 301  // Incompatible network address formats
        }
    }

    /// A short text for a human, without double quotes so it fits a Warning header's quoted string.
    public var warning: String {
        switch self {
        case .noAudioStream:
            "no audio stream in the offer (an m=audio line with a port other than 0)"
        case .noCommonCodec(let offered, let accepted):
            "no common audio codec: offered \(offered.isEmpty ? "none" : offered.joined(separator: ", "));"
                + " this room takes \(accepted.joined(separator: ", "))"
        case .srtpRequired(let offered):
            "this room requires SRTP (RTP/SAVP with a=crypto); the offer is \(offered.rawValue)"
        case .srtpNotTaken:
            "this room does not take SRTP; offer RTP/AVP"
        case .noAcceptableCrypto(let skipped) where skipped.isEmpty:
            "the SRTP offer has no a=crypto line"
        case .noAcceptableCrypto(let skipped):
            "no acceptable a=crypto in the offer: " + skipped.map(\.reason).joined(separator: "; ")
        case .unsupportedTransport(let proto):
            "this room does not take \(proto.rawValue) audio; it takes RTP/AVP, RTP/AVPF, RTP/SAVP and RTP/SAVPF"
        case .noConnectionAddress:
            "the offer gives no c= address for its audio stream"
        }
    }

    public var description: String { "\(statusCode) (warning \(warningCode)): \(warning)" }
}

extension SkippedCryptoAttribute {
    /// Why the attribute was passed over, for a Warning header; never contains key material.
    var reason: String {
        switch self {
        case .invalid(let error): error.description.replacingDoubleQuotes
        case .unsupportedSessionParameter(let tag, let parameter):
            "a=crypto:\(tag) asks for \(parameter), which is not supported"
        case .multipleKeys(let tag): "a=crypto:\(tag) carries several master keys; one is supported"
        }
    }
}

extension String {
    fileprivate var replacingDoubleQuotes: String { String(map { $0 == "\"" ? "'" : $0 }) }
}
