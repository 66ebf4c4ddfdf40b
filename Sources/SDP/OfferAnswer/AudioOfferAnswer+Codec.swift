/// Choosing the answered audio codec and telephone-event by the room's preference (RFC 3264 §6.1, RFC 4733 §7.1.1).

/// The offered mappings the answer keeps.
struct CodecChoice {
    var map: RTPMap
    var codec: NegotiatedAudio.Codec
    var opus: OpusAnswerParameters?
    var telephoneEvent: RTPMap?
}

extension AudioOfferAnswer {
    /// The first of the room's codecs that the offer has, under the offer's payload type, and telephone-event at
    /// that codec's clock rate if offered, else at 8000.
    func chooseCodec(in offered: MediaDescription) throws(OfferAnswerError) -> CodecChoice {
        let maps = offered.formats.map { (format: $0, map: offered.resolvedRTPMap(for: $0)) }
        for preference in codecs {
            guard let hit = maps.lazy.compactMap(\.map).first(where: preference.matches) else { continue }
            var codec = NegotiatedAudio.Codec(
                encodingName: hit.encodingName, clockRate: hit.clockRate, channels: hit.channels ?? 1,
                payloadType: hit.payloadType)
            var opus: OpusAnswerParameters?
            if preference.isOpus {
                let parameters = OpusAnswerParameters(
                    offered: offered.formatParameters(for: String(hit.payloadType)), stereo: opusStereo)
                codec.channels = parameters.encodedChannels
                opus = parameters
            }
            let events = maps.compactMap(\.map).filter { $0.encodingName.lowercased() == "telephone-event" }
            let event = events.first(where: { $0.clockRate == hit.clockRate })
                ?? events.first(where: { $0.clockRate == 8000 })
            return CodecChoice(map: hit, codec: codec, opus: opus, telephoneEvent: event)
        }
        throw .noCommonCodec(
            offered: maps.compactMap { format, map in
                guard let map else { return "payload type \(format) without rtpmap" }
                guard map.encodingName.lowercased() != "telephone-event" else { return nil }
                return "\(map.encodingName)/\(map.clockRate)" + ((map.channels ?? 1) > 1 ? "/\(map.channels!)" : "")
            },
            accepted: codecs.map(\.encodingName))
    }
}
