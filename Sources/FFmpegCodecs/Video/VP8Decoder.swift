/// VP8 decoder over FFmpeg's native `vp8` decoder (RFC 6386), fed one complete frame at a time.
import Mixing

/// Decodes VP8 frames to I420 frames. One owner (an event loop or thread) drives it; see `FFmpegVideoDecoder`.
public final class VP8Decoder: VideoDecoder, @unchecked Sendable {
    private let decoder: FFmpegVideoDecoder
    public var descriptor: VideoCodecDescriptor { .vp8 }

    public init() throws(VideoCodecError) {
        decoder = try FFmpegVideoDecoder(codecName: "vp8")
    }

    /// Decodes one VP8 frame. Fewer than the three bytes of the frame tag (RFC 6386 §9.1) cannot be a frame.
    public func decode(_ accessUnit: [UInt8]) throws(VideoCodecError) -> I420Frame? {
        guard accessUnit.count >= 3 else {
            throw .malformedAccessUnit(codec: "vp8", reason: "\(accessUnit.count) bytes is shorter than a frame tag")
        }
        return try decoder.decode(accessUnit)
    }

    public func recycle(_ frame: consuming I420Frame) {
        decoder.pool.recycle(frame)
    }

    /// How many output frames this decoder has allocated: flat once recycled frames come back.
    public var framesAllocated: Int { decoder.pool.allocations }
}
