/// An audio codec a room takes, as named in SDP: encoding name, clock rate and channels (RFC 3551 §4.5.1, RFC 7587 §7).

/// One entry in a room's ordered list of audio codecs. The first one the offer also has is the one answered.
public struct AudioCodecPreference: Sendable, Hashable {
    /// Compared case-insensitively with the offer's `a=rtpmap` (RFC 4855 §3).
    public var encodingName: String
    /// The RTP clock rate as SDP writes it (G.722 is 8000 although it samples at 16 kHz, RFC 3551 §4.5.2).
    public var clockRate: UInt32
    /// The rtpmap's channel count (Opus is always written with 2, RFC 7587 §7).
    public var channels: Int

    public init(encodingName: String, clockRate: UInt32, channels: Int = 1) {
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.channels = channels
    }

    /// `opus/48000/2` (RFC 7587 §7: the only valid rtpmap for Opus).
    public static let opus = AudioCodecPreference(encodingName: "opus", clockRate: 48000, channels: 2)
    /// `G722/8000` (RFC 3551 §4.5.2).
    public static let g722 = AudioCodecPreference(encodingName: "G722", clockRate: 8000)
    /// `PCMU/8000`, static payload type 0 (RFC 3551 §4.5.14).
    public static let pcmu = AudioCodecPreference(encodingName: "PCMU", clockRate: 8000)
    /// `PCMA/8000`, static payload type 8 (RFC 3551 §4.5.14).
    public static let pcma = AudioCodecPreference(encodingName: "PCMA", clockRate: 8000)

    /// Wideband first, then the G.711 pair.
    public static let defaultOrder: [AudioCodecPreference] = [.opus, .g722, .pcmu, .pcma]

    /// Whether an offered mapping is this codec: same name ignoring case, same clock rate, same channel count
    /// (an absent count is one).
    public func matches(_ map: RTPMap) -> Bool {
        map.encodingName.lowercased() == encodingName.lowercased()
            && map.clockRate == clockRate
            && (map.channels ?? 1) == channels
    }

    var isOpus: Bool { encodingName.lowercased() == "opus" }
}
