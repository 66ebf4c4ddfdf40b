/// The static audio payload types of the RTP audio/video profile, meaningful without an `a=rtpmap` (RFC 3551 §6, Table 4).

enum StaticPayloadType {
    /// Payload type → (encoding name, clock rate, channels), for every static audio assignment in Table 4.
    private static let audio: [UInt8: (name: String, clockRate: UInt32, channels: Int)] = [
        0: ("PCMU", 8000, 1), 3: ("GSM", 8000, 1), 4: ("G723", 8000, 1), 5: ("DVI4", 8000, 1),
        6: ("DVI4", 16000, 1), 7: ("LPC", 8000, 1), 8: ("PCMA", 8000, 1), 9: ("G722", 8000, 1),
        10: ("L16", 44100, 2), 11: ("L16", 44100, 1), 12: ("QCELP", 8000, 1), 13: ("CN", 8000, 1),
        14: ("MPA", 90000, 1), 15: ("G728", 8000, 1), 16: ("DVI4", 11025, 1), 17: ("DVI4", 22050, 1),
        18: ("G729", 8000, 1),
    ]

    /// The mapping Table 4 gives `payloadType`, as if the offer had written it in an `a=rtpmap`.
    static func rtpMap(for payloadType: UInt8) -> RTPMap? {
        audio[payloadType].map {
            RTPMap(payloadType: payloadType, encodingName: $0.name, clockRate: $0.clockRate,
                   channels: $0.channels == 1 ? nil : $0.channels)
        }
    }
}

extension MediaDescription {
    /// What an offered RTP format stands for: its `a=rtpmap`, else the static assignment of RFC 3551 Table 4, else
    /// `nil` (a dynamic payload type without a mapping, or a format that is not a payload type number).
    func resolvedRTPMap(for format: String) -> RTPMap? {
        guard let payloadType = UInt8(decimal: format), payloadType < 128 else { return nil }
        return rtpMap(for: payloadType) ?? StaticPayloadType.rtpMap(for: payloadType)
    }
}
