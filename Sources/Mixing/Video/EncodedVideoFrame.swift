/// One coded picture as an encoder emits it: an H.264 access unit in Annex B form (ITU-T H.264 Annex B), or one VP8
/// frame (RFC 6386 §9.1), ready for an RTP payload format to packetize.
public struct EncodedVideoFrame: Sendable, Equatable {
    /// The coded bytes. Encoders clear and refill this buffer, keeping its capacity, so reusing one value allocates
    /// nothing once it has grown to the largest picture.
    public var bytes: [UInt8]
    /// Whether a decoder can start here: an IDR picture with its parameter sets (H.264), a key frame (VP8).
    public var isKeyframe: Bool
    /// The input frame's number in the encoder's sequence (0, 1, 2, …), for the RTP timestamp.
    public var frameNumber: Int64

    public init(bytes: [UInt8] = [], isKeyframe: Bool = false, frameNumber: Int64 = 0) {
        self.bytes = bytes
        self.isKeyframe = isKeyframe
        self.frameNumber = frameNumber
    }
}
