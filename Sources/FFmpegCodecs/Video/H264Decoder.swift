/// H.264 decoder over FFmpeg's native `h264` decoder, fed Annex B access units (ITU-T H.264 Annex B).
import Mixing

/// Decodes H.264 access units to I420 frames. One owner (an event loop or thread) drives it; see `FFmpegVideoDecoder`.
public final class H264Decoder: VideoDecoder, @unchecked Sendable {
    private let decoder: FFmpegVideoDecoder
    public var descriptor: VideoCodecDescriptor { .h264 }

    public init() throws(VideoCodecError) {
        decoder = try FFmpegVideoDecoder(codecName: "h264")
    }

    /// Decodes one Annex B access unit. Bytes that do not start with a start code (00 00 01 or 00 00 00 01) are not
    /// Annex B and are refused before they reach the decoder.
    public func decode(_ accessUnit: [UInt8]) throws(VideoCodecError) -> I420Frame? {
        guard Self.startsWithStartCode(accessUnit) else {
            throw .malformedAccessUnit(codec: "h264", reason: "no Annex B start code at the start of the access unit")
        }
        return try decoder.decode(accessUnit)
    }

    public func recycle(_ frame: consuming I420Frame) {
        decoder.pool.recycle(frame)
    }

    /// How many output frames this decoder has allocated: flat once recycled frames come back.
    public var framesAllocated: Int { decoder.pool.allocations }

    static func startsWithStartCode(_ bytes: [UInt8]) -> Bool {
        // Annex B §B.2: optional leading zero bytes, then 00 00 01.
        var zeros = 0
        for byte in bytes {
            if byte == 0 {
                zeros += 1
            } else {
                return byte == 1 && zeros >= 2
            }
        }
        return false
    }
}
