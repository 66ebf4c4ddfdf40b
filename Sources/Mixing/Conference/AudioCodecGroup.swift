/// The key under which listeners share one encoded mix: same codec, channels, ptime and settings (the caller decides).
///
/// The mixer never interprets it: legs whose groups are equal receive byte-identical payloads from one encoder, and the
/// encoder factory receives it to build that encoder.
public struct AudioCodecGroup: Hashable, Sendable, CustomStringConvertible {
    /// The codec as negotiated (name, clock rate, channels).
    public var codec: AudioCodecDescriptor
    /// Packet duration in milliseconds.
    public var ptime: Int
    /// Anything else that changes the bitstream (fmtp parameters such as `maxaveragebitrate=32000;useinbandfec=1`).
    public var parameters: String

    public init(codec: AudioCodecDescriptor, ptime: Int = 20, parameters: String = "") {
        self.codec = codec
        self.ptime = ptime
        self.parameters = parameters
    }

    public var description: String {
        "\(codec.name)/\(codec.rtpClockRate)/\(codec.channels) \(ptime) ms" + (parameters.isEmpty ? "" : " \(parameters)")
    }
}
