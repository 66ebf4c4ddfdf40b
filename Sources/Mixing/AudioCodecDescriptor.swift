/// What a codec is on the wire: its RTP/SDP encoding name, clock rate and channels (RFC 3551 §4.5, RFC 7587 §4).
public struct AudioCodecDescriptor: Sendable, Hashable {
    /// The SDP `a=rtpmap` encoding name ("PCMU", "PCMA", "G722", "opus").
    public var name: String
    /// The RTP timestamp clock rate (8000 for G.722, per RFC 3551 §4.5.2, although it samples at 16 kHz).
    public var rtpClockRate: Int
    /// The PCM sample rate the codec consumes and produces.
    public var sampleRate: Int
    /// Audio channels carried.
    public var channels: Int
    /// Packet duration used when the peer does not ask for another (SDP `a=ptime`), in milliseconds.
    public var defaultPtime: Int
    /// The static RTP payload type from RFC 3551 Table 4, if the codec has one.
    public var staticPayloadType: UInt8?

    public init(
        name: String, rtpClockRate: Int, sampleRate: Int, channels: Int, defaultPtime: Int = 20,
        staticPayloadType: UInt8? = nil
    ) {
        self.name = name
        self.rtpClockRate = rtpClockRate
        self.sampleRate = sampleRate
        self.channels = channels
        self.defaultPtime = defaultPtime
        self.staticPayloadType = staticPayloadType
    }

    /// Samples per channel in one packet of `ptime` milliseconds at the PCM sample rate.
    public func samplesPerChannel(ptime: Int) -> Int { sampleRate * ptime / 1000 }

    /// RTP timestamp units that one packet of `ptime` milliseconds advances.
    public func rtpTimestampIncrement(ptime: Int) -> Int { rtpClockRate * ptime / 1000 }
}

extension AudioCodecDescriptor {
    /// G.711 µ-law, RFC 3551 §4.5.14, payload type 0.
    public static let pcmu = AudioCodecDescriptor(
        name: "PCMU", rtpClockRate: 8000, sampleRate: 8000, channels: 1, staticPayloadType: 0)
    /// G.711 A-law, RFC 3551 §4.5.14, payload type 8.
    public static let pcma = AudioCodecDescriptor(
        name: "PCMA", rtpClockRate: 8000, sampleRate: 8000, channels: 1, staticPayloadType: 8)
    /// G.722 at 64 kb/s, RFC 3551 §4.5.2, payload type 9 (RTP clock 8000, samples at 16 kHz).
    public static let g722 = AudioCodecDescriptor(
        name: "G722", rtpClockRate: 8000, sampleRate: 16000, channels: 1, staticPayloadType: 9)
    /// Opus, RFC 7587 §4: always `opus/48000/2` in SDP; `channels` here is what is encoded.
    public static func opus(channels: Int) -> AudioCodecDescriptor {
        AudioCodecDescriptor(name: "opus", rtpClockRate: 48000, sampleRate: 48000, channels: channels)
    }
}
