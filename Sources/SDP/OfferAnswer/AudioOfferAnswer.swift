/// The answerer's side of SDP offer/answer for a conference room's audio (RFC 3264 §6; RFC 3551, RFC 4733, RFC 7587).

/// A room's audio answering rules: which codecs it takes, in its order of preference, and its SRTP policy.
///
/// ```swift
/// let room = AudioOfferAnswer(srtpPolicy: .optional)
/// let answer = try room.answer(
///     to: offer, session: SessionIdentity(username: "huiyi", sessionID: "4711", version: 1),
///     localAddress: "192.0.2.10", localPort: 40000, using: &generator)
/// // answer.description.encoded is the 200 OK body; answer.negotiated drives the media leg.
/// ```
///
/// The first `m=audio` line with a port other than 0 is answered; every other media line is refused with port 0
/// and its first format (RFC 3264 §6). The codec is the first of the **room's** codecs the offer has, whatever the
/// offer's order. An `RTP/AVP` offer that carries `a=crypto` anyway ("best effort" SRTP) is answered as plain RTP
/// when SRTP is optional: RFC 4568 defines `a=crypto` for the SRTP profiles only, and a plain answer is what every
/// peer understands.
public struct AudioOfferAnswer: Sendable {
    /// The room's codecs, most preferred first. `telephone-event` is handled apart and need not be listed.
    public var codecs: [AudioCodecPreference]
    public var srtpPolicy: SRTPPolicy
    /// The SDES suites the room accepts.
    public var cryptoSuites: Set<CryptoSuite>
    /// The packet time answered when the offer names none, in milliseconds.
    public var defaultPtime: Int
    /// Whether the room mixes in stereo: then Opus `stereo`/`sprop-stereo` are mirrored from the offer
    /// (RFC 7587 §7.1); otherwise the answer says mono both ways, which is what a mono mixer sends and wants.
    public var opusStereo: Bool

    public init(
        codecs: [AudioCodecPreference] = AudioCodecPreference.defaultOrder, srtpPolicy: SRTPPolicy,
        cryptoSuites: Set<CryptoSuite> = Set(CryptoSuite.allCases), defaultPtime: Int = 20, opusStereo: Bool = false
    ) {
        self.codecs = codecs
        self.srtpPolicy = srtpPolicy
        self.cryptoSuites = cryptoSuites
        self.defaultPtime = defaultPtime
        self.opusStereo = opusStereo
    }

    /// Answers `offer` with one audio stream at `localAddress`:`localPort`.
    ///
    /// - Parameters:
    ///   - session: the `o=` identity; pass the result through ``SessionVersioning`` to number re-answers.
    ///   - previousCrypto: on a re-answer, the agreement in force; its local key is kept when the chosen suite is
    ///     unchanged, so that a re-INVITE (hold, resume) does not re-key the stream (RFC 4568 §7.1.4 allows either).
    ///   - generator: draws fresh SDES keys; pass `SystemRandomNumberGenerator` in production.
    /// - Throws: ``OfferAnswerError`` (always SIP 488) when the offer cannot be answered.
    public func answer(
        to offer: SessionDescription, session: SessionIdentity, localAddress: String, localPort: UInt16,
        previousCrypto: CryptoAgreement? = nil, using generator: inout some RandomNumberGenerator
    ) throws(OfferAnswerError) -> AudioAnswer {
        guard let index = offer.media.firstIndex(where: { $0.media == .audio && $0.port != 0 }) else {
            throw .noAudioStream
        }
        let offered = offer.media[index]
        try checkTransport(offered.proto)
        let choice = try chooseCodec(in: offered)
        guard let remote = offer.connection(for: offered) else { throw .noConnectionAddress }
        let crypto = try negotiateCrypto(offered, keeping: previousCrypto, using: &generator)

        // An RFC 2543 hold (c=0.0.0.0) says "do not send to me", whatever the direction attribute says (RFC 3264 §8.4).
        var remoteDirection = offer.direction(of: offered)
        if remote.isHoldAddress {
            remoteDirection = MediaDirection(sends: remoteDirection.sends, receives: false)
        }
        let rtcp = offered.rtcp
        var negotiated = NegotiatedAudio(
            codec: choice.codec,
            offeredFormatParameters: offered.formatParameters(for: String(choice.map.payloadType))?.parameterString,
            telephoneEventPayloadType: choice.telephoneEvent?.payloadType,
            telephoneEventClockRate: choice.telephoneEvent?.clockRate,
            ptime: offered.ptime ?? defaultPtime,
            localDirection: remoteDirection.reversed, remoteDirection: remoteDirection,
            remoteAddress: remote.address, remotePort: offered.port,
            remoteRTCPAddress: rtcp?.connection?.address ?? remote.address,
            remoteRTCPPort: offered.rtcpMux ? offered.port : rtcp?.port ?? offered.port &+ 1,
            rtcpMux: offered.rtcpMux, proto: offered.proto, crypto: crypto)

        // RFC 6464 §4 audio levels the offerer sends: kept under its identifier, answered as received only.
        negotiated.audioLevelExtension = offered.extensionMaps.first {
            $0.uri == ExtensionMap.audioLevelURI && ($0.direction ?? .sendrecv).sends
        }?.identifier

        var media = offer.media.map(Self.refused)
        media[index] = answerMedia(negotiated, choice: choice, port: localPort)
        let description = SessionDescription(
            origin: session.origin(address: localAddress), connection: ConnectionData(address: localAddress),
            media: media)
        return AudioAnswer(description: description, negotiated: negotiated)
    }

    /// The room's policy on the offered transport (RFC 3551, RFC 3711 §2, RFC 4568).
    private func checkTransport(_ proto: TransportProtocol) throws(OfferAnswerError) {
        if proto.isSDESSecureRTP {
            if srtpPolicy == .off { throw .srtpNotTaken(offered: proto) }
        } else if proto.isPlainRTP {
            if srtpPolicy == .required { throw .srtpRequired(offered: proto) }
        } else {
            throw .unsupportedTransport(proto)
        }
    }

    /// SDES keys for an SRTP stream (RFC 4568 §7.1.2); `nil` for plain RTP.
    private func negotiateCrypto(
        _ offered: MediaDescription, keeping previous: CryptoAgreement?,
        using generator: inout some RandomNumberGenerator
    ) throws(OfferAnswerError) -> CryptoAgreement? {
        guard offered.proto.isSDESSecureRTP else { return nil }
        let (agreement, skipped) = CryptoNegotiation.answer(
            offer: offered.cryptoValues, supported: cryptoSuites, using: &generator)
        guard var agreement else { throw .noAcceptableCrypto(skipped: skipped) }
        if let previous, previous.local.suite == agreement.local.suite {
            agreement.local.keys = previous.local.keys
        }
        return agreement
    }

    /// The answered audio section: the chosen codec and telephone-event under the offer's payload types.
    private func answerMedia(_ negotiated: NegotiatedAudio, choice: CodecChoice, port: UInt16) -> MediaDescription {
        var formats = [String(choice.map.payloadType)]
        var attributes = [choice.map.attribute]
        if let opus = choice.opus {
            attributes.append(
                FormatParameters(format: formats[0], parameterString: opus.parameterString).attribute)
        }
        if let event = choice.telephoneEvent {
            formats.append(String(event.payloadType))
            attributes.append(event.attribute)
            // The events this side understands: the sixteen DTMF digits and symbols (RFC 4733 §3.2, §7.1.1).
            attributes.append(FormatParameters(format: String(event.payloadType), parameterString: "0-15").attribute)
        }
        attributes.append(Attribute("ptime", String(negotiated.ptime)))
        attributes.append(negotiated.localDirection.attribute)
        if negotiated.rtcpMux { attributes.append(Attribute("rtcp-mux")) }
        if let identifier = negotiated.audioLevelExtension {
            attributes.append(ExtensionMap(identifier: identifier, direction: .recvonly, uri: ExtensionMap.audioLevelURI)
                .attribute)
        }
        if let crypto = negotiated.crypto {
            attributes.append(Attribute(CryptoAttribute.attributeName, crypto.local.encoded))
        }
        return MediaDescription(
            media: .audio, port: port, proto: negotiated.proto, formats: formats, attributes: attributes)
    }

    /// A refused stream: same media and transport, port 0, its first format (RFC 3264 §6).
    private static func refused(_ offered: MediaDescription) -> MediaDescription {
        MediaDescription(media: offered.media, port: 0, proto: offered.proto, formats: Array(offered.formats.prefix(1)))
    }
}

/// An answer: the SDP body to send and what it settled.
public struct AudioAnswer: Sendable, Hashable {
    public var description: SessionDescription
    public var negotiated: NegotiatedAudio
}
