/// Reading the answer to an audio offer: what the offerer sends, where, and with which keys (RFC 3264 §6.1, §7).

extension AudioOffer {
    /// What the answer settled, for the media path.
    ///
    /// The answer's first audio stream with a port other than 0 is read (an offer here has one stream, so a port 0
    /// there is a refusal). The codec is the first of the answer's formats that was offered, matched by encoding
    /// name, clock rate and channels rather than by number: a site may answer a dynamic codec under its own number,
    /// and this side then sends under the answer's number and receives under its own (RFC 3264 §6.1), which
    /// ``NegotiatedAudio/receivedPayloadType`` records. Likewise `telephone-event`. The directions are the
    /// answer's and its mirror, bounded by what was offered; rtcp-mux only if the answer has it (RFC 5761 §5.1.1);
    /// the SDES keys are the answer's `a=crypto` matched by tag to the offered ones (RFC 4568 §7.1.3).
    public func accept(answer: SessionDescription) throws(AnswerError) -> NegotiatedAudio {
        let streams = answer.media.filter { $0.media == .audio }
        guard !streams.isEmpty else { throw .noAudioStream }
        guard let answered = streams.first(where: { $0.port != 0 }) else { throw .audioRefused }
        guard answered.proto == proto else { throw .transportChanged(offered: proto, answered: answered.proto) }
        let (codec, offeredPayloadType) = try chooseCodec(in: answered)
        guard let remote = answer.connection(for: answered) else { throw .noConnectionAddress }

        var crypto: CryptoAgreement?
        if proto.isSDESSecureRTP {
            do {
                crypto = try CryptoNegotiation.accept(answer: answered.cryptoValues.first, offered: self.crypto)
            } catch {
                throw .crypto(error)
            }
        }

        // An RFC 2543 hold (c=0.0.0.0) says "do not send to me", whatever the direction attribute says (RFC 3264 §8.4).
        var remoteDirection = answer.direction(of: answered)
        if remote.isHoldAddress {
            remoteDirection = MediaDirection(sends: remoteDirection.sends, receives: false)
        }
        let localDirection = MediaDirection(
            sends: direction.sends && remoteDirection.receives, receives: direction.receives && remoteDirection.sends)

        let event = answered.formats.lazy.compactMap { answered.resolvedRTPMap(for: $0) }
            .first { $0.encodingName.lowercased() == "telephone-event" && $0.clockRate == telephoneEvent.clockRate }
        let rtcp = answered.rtcp
        var negotiated = NegotiatedAudio(
            codec: codec,
            offeredFormatParameters: answered.formatParameters(for: String(codec.payloadType))?.parameterString,
            telephoneEventPayloadType: event?.payloadType,
            telephoneEventClockRate: event?.clockRate,
            ptime: answered.ptime ?? rules.defaultPtime,
            localDirection: localDirection, remoteDirection: remoteDirection,
            remoteAddress: remote.address, remotePort: answered.port,
            remoteRTCPAddress: rtcp?.connection?.address ?? remote.address,
            remoteRTCPPort: answered.rtcpMux ? answered.port : rtcp?.port ?? answered.port &+ 1,
            rtcpMux: answered.rtcpMux, proto: answered.proto, crypto: crypto)
        if offeredPayloadType != codec.payloadType {
            negotiated.receivedPayloadType = offeredPayloadType
        }
        if let event, event.payloadType != telephoneEvent.payloadType {
            negotiated.receivedTelephoneEventPayloadType = telephoneEvent.payloadType
        }
        // RFC 6464 levels, asked for as received only: used when the answer says the site sends them.
        negotiated.audioLevelExtension = answered.extensionMaps.first {
            $0.uri == ExtensionMap.audioLevelURI && ($0.direction ?? .sendrecv).sends
        }?.identifier
        return negotiated
    }

    /// The first answered format that was offered, under the answer's number, with the number offered for it.
    private func chooseCodec(
        in answered: MediaDescription
    ) throws(AnswerError) -> (codec: NegotiatedAudio.Codec, offeredPayloadType: UInt8) {
        var firstUnknown: String?
        for format in answered.formats {
            guard let map = answered.resolvedRTPMap(for: format) else {
                firstUnknown = firstUnknown ?? "payload type \(format) without an rtpmap"
                continue
            }
            if map.encodingName.lowercased() == "telephone-event" { continue }
            guard let offered = codecs.first(where: { Self.sameEncoding($0, map) }) else {
                firstUnknown = firstUnknown ?? name(of: map)
                continue
            }
            var channels = offered.channels ?? 1
            if offered.encodingName.lowercased() == "opus" {
                // The answer's `stereo=1` asks this side to send stereo; a mono room sends mono (RFC 7587 §7.1).
                channels = OpusAnswerParameters(
                    offered: answered.formatParameters(for: format), stereo: rules.opusStereo).encodedChannels
            }
            let codec = NegotiatedAudio.Codec(
                encodingName: offered.encodingName, clockRate: offered.clockRate, channels: channels,
                payloadType: map.payloadType)
            return (codec, offered.payloadType)
        }
        throw firstUnknown.map(AnswerError.codecNotOffered) ?? .noCodec
    }

    /// Same encoding: name ignoring case (RFC 4855 §3), clock rate, and channels (absent means one).
    private static func sameEncoding(_ a: RTPMap, _ b: RTPMap) -> Bool {
        a.encodingName.lowercased() == b.encodingName.lowercased() && a.clockRate == b.clockRate
            && (a.channels ?? 1) == (b.channels ?? 1)
    }

    /// A codec as the answer names it: the bare name, with rate and channels when the name alone was offered.
    private func name(of map: RTPMap) -> String {
        guard codecs.contains(where: { $0.encodingName.lowercased() == map.encodingName.lowercased() }) else {
            return map.encodingName
        }
        return "\(map.encodingName)/\(map.clockRate)" + (map.channels.map { "/\($0)" } ?? "")
    }
}
