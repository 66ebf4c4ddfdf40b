/// The offerer's side of SDP offer/answer for a room's audio, as the server sends it when it dials a site (RFC 3264 §5, §8).

extension AudioOfferAnswer {
    /// The `telephone-event` payload type offered: the number most endpoints use for it, so a site that ignores the
    /// mapping still gets its digits right.
    public static let offeredTelephoneEventPayloadType: UInt8 = 101

    /// An offer for one audio stream at `localAddress`:`localPort`, for the INVITE that dials a site.
    ///
    /// The offer lists the room's codecs in its order, each under its static payload type when RFC 3551 gives it
    /// one and under a dynamic one from 96 otherwise; then `telephone-event/8000` for the sixteen DTMF events,
    /// `a=ptime`, the direction, `a=rtcp-mux` (RFC 5761 §5.1.1: offered, and used only if the answer has it), the
    /// RFC 6464 audio level this side wants to receive (RFC 8285 `a=extmap`), and, for SRTP, one `a=crypto` per
    /// suite the room takes.
    ///
    /// SRTP follows ``srtpPolicy``: `required` offers `RTP/SAVP` with SDES keys; `off` and `optional` offer plain
    /// `RTP/AVP` without `a=crypto`. For `optional` that is deliberate: an `RTP/SAVP` offer is refused (488) by every
    /// site without SRTP, and `a=crypto` in an `RTP/AVP` offer ("best effort" SRTP) is outside RFC 4568, which
    /// defines the attribute for the SRTP profiles only; sites answer it in incompatible ways (ignore it, refuse the
    /// call, or answer keys on a plain profile), and this project's own answerer declines it. A plain offer is the
    /// one every site answers; a site that must be encrypted is dialled with `required`.
    ///
    /// - Parameters:
    ///   - session: the `o=` identity of the new dialog; re-offers from ``AudioOffer/reoffer(direction:)`` number
    ///     their versions from it.
    ///   - localPort: the RTP port; RTCP is on it when the answer takes rtcp-mux, else on the next port, so bind the
    ///     pair before offering.
    ///   - direction: `sendrecv` for a call; another direction to start on hold.
    ///   - generator: draws the SDES keys; pass `SystemRandomNumberGenerator` in production.
    public func offer(
        session: SessionIdentity, localAddress: String, localPort: UInt16, direction: MediaDirection = .sendrecv,
        using generator: inout some RandomNumberGenerator
    ) -> AudioOffer {
        let secure = srtpPolicy == .required
        let suites = [CryptoSuite.aeadAES128GCM, .aesCM128HMACSHA1_80, .aesCM128HMACSHA1_32]
            .filter(cryptoSuites.contains)
        return AudioOffer(
            rules: self, session: session, localAddress: localAddress, localPort: localPort,
            codecs: offeredCodecs(), proto: secure ? .rtpSAVP : .rtpAVP,
            crypto: secure ? CryptoNegotiation.offer(suites: suites, using: &generator) : [],
            direction: direction)
    }

    /// The room's codecs under the payload types offered for them (RFC 3551 §6; RFC 3264 §5.1: a dynamic number
    /// keeps its mapping for the whole session).
    func offeredCodecs() -> [RTPMap] {
        var nextDynamic: UInt8 = 96
        var maps: [RTPMap] = []
        for codec in codecs where codec.encodingName.lowercased() != "telephone-event" {
            let channels = codec.channels == 1 ? nil : codec.channels
            if let number = (0..<35).first(where: { StaticPayloadType.rtpMap(for: $0).map(codec.matches) ?? false }) {
                maps.append(RTPMap(payloadType: UInt8(number), encodingName: codec.encodingName,
                                   clockRate: codec.clockRate, channels: channels))
                continue
            }
            if nextDynamic == Self.offeredTelephoneEventPayloadType { nextDynamic += 1 }
            guard nextDynamic < 128 else { continue }
            maps.append(RTPMap(payloadType: nextDynamic, encodingName: codec.encodingName,
                               clockRate: codec.clockRate, channels: channels))
            nextDynamic += 1
        }
        return maps
    }
}

/// An audio offer this side sent, and what it needs to read the answer: the payload types it gave each codec and
/// the SDES keys it offered.
///
/// ```swift
/// let room = AudioOfferAnswer(srtpPolicy: .required)
/// let offer = room.offer(
///     session: SessionIdentity(username: "huiyi", sessionID: "5120", version: 1),
///     localAddress: "192.0.2.10", localPort: 40000, using: &generator)
/// // offer.description.encoded is the INVITE body; then, from the 200 OK:
/// let negotiated = try offer.accept(answer: SessionDescription(parsing: body))
/// // Hold, with the same codecs and keys and the next o= version:
/// let hold = offer.reoffer(direction: .sendonly)
/// ```
public struct AudioOffer: Sendable {
    /// The body to send: an INVITE's or a re-INVITE's.
    public private(set) var description: SessionDescription
    /// The codecs offered, most preferred first, under the payload types this side receives them with.
    public let codecs: [RTPMap]
    /// `telephone-event/8000` under ``AudioOfferAnswer/offeredTelephoneEventPayloadType``.
    public let telephoneEvent: RTPMap
    /// `RTP/SAVP` with SDES keys, or `RTP/AVP`.
    public let proto: TransportProtocol
    /// The SDES attributes offered, one per suite, tags from 1; empty for plain RTP. Their keys protect what this
    /// side sends once the answer picks one.
    public let crypto: [CryptoAttribute]
    /// The direction offered.
    public private(set) var direction: MediaDirection
    /// The identifier under which this side asks for RFC 6464 audio levels.
    public static let audioLevelIdentifier: UInt8 = 1

    let rules: AudioOfferAnswer
    let localAddress: String
    let localPort: UInt16
    private var versioning: SessionVersioning

    init(
        rules: AudioOfferAnswer, session: SessionIdentity, localAddress: String, localPort: UInt16,
        codecs: [RTPMap], proto: TransportProtocol, crypto: [CryptoAttribute], direction: MediaDirection
    ) {
        self.rules = rules
        self.localAddress = localAddress
        self.localPort = localPort
        self.codecs = codecs
        self.telephoneEvent = RTPMap(
            payloadType: AudioOfferAnswer.offeredTelephoneEventPayloadType, encodingName: "telephone-event",
            clockRate: 8000)
        self.proto = proto
        self.crypto = crypto
        self.direction = direction
        versioning = SessionVersioning(session)
        description = SessionDescription(origin: session.origin(address: localAddress))
        description = versioning.stamp(body())
    }

    /// A new offer in the same dialog with `direction` — `sendonly` to hold the site, `sendrecv` to resume,
    /// `inactive` to hold a site that holds this side (RFC 3264 §8.4) — keeping the codecs, payload types and
    /// keys, so nothing but the direction changes (RFC 3264 §8.3.2; RFC 4568 §7.1.4 allows keeping the keys).
    ///
    /// The `o=` version goes up by one when the body differs from this offer's and stays when it does not, as for
    /// a session refresh (RFC 3264 §8). Read the answer with the new offer's ``accept(answer:)``; if the re-INVITE
    /// fails, the session stays as this offer settled it.
    public func reoffer(direction: MediaDirection) -> AudioOffer {
        var next = self
        next.direction = direction
        next.description = next.versioning.stamp(next.body())
        return next
    }

    /// The description before versioning: one audio section with the offered formats and attributes.
    private func body() -> SessionDescription {
        var attributes: [Attribute] = []
        for map in codecs {
            attributes.append(map.attribute)
            if map.encodingName.lowercased() == "opus" {
                // Mono unless the room mixes in stereo; in-band FEC always (RFC 7587 §7.1, as the answerer).
                let stereo = rules.opusStereo ? ";stereo=1;sprop-stereo=1" : ""
                attributes.append(
                    FormatParameters(format: String(map.payloadType), parameterString: "useinbandfec=1" + stereo)
                        .attribute)
            }
        }
        attributes.append(telephoneEvent.attribute)
        // The sixteen DTMF digits and symbols (RFC 4733 §3.2, §7.1.1).
        attributes.append(FormatParameters(format: String(telephoneEvent.payloadType), parameterString: "0-15")
            .attribute)
        attributes.append(Attribute("ptime", String(rules.defaultPtime)))
        attributes.append(direction.attribute)
        attributes.append(Attribute("rtcp-mux"))
        attributes.append(ExtensionMap(
            identifier: Self.audioLevelIdentifier, direction: .recvonly, uri: ExtensionMap.audioLevelURI).attribute)
        attributes += crypto.map { Attribute(CryptoAttribute.attributeName, $0.encoded) }
        let media = MediaDescription(
            media: .audio, port: localPort, proto: proto,
            formats: (codecs + [telephoneEvent]).map { String($0.payloadType) }, attributes: attributes)
        return SessionDescription(
            origin: description.origin, connection: ConnectionData(address: localAddress), media: [media])
    }
}
