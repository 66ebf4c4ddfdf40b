/// What a video codec is on the wire: its SDP encoding name and the 90 kHz RTP clock (RFC 6184 §8.1, RFC 7741 §6.1).
public struct VideoCodecDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// The SDP `a=rtpmap` encoding name ("H264", "VP8").
    public var name: String
    /// The RTP timestamp clock rate: 90000 for every video payload format here.
    public var rtpClockRate: Int

    public init(name: String, rtpClockRate: Int = 90_000) {
        self.name = name
        self.rtpClockRate = rtpClockRate
    }

    /// H.264, RFC 6184 §8.1: `H264/90000`.
    public static let h264 = VideoCodecDescriptor(name: "H264")
    /// VP8, RFC 7741 §6.1: `VP8/90000`.
    public static let vp8 = VideoCodecDescriptor(name: "VP8")

    public var description: String { "\(name)/\(rtpClockRate)" }

    /// RTP timestamp units between frames at `frameRate` frames per second (3000 at 30 fps).
    public func rtpTimestampIncrement(frameRate: Int) -> Int { rtpClockRate / frameRate }
}
