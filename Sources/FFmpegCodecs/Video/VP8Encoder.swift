/// VP8 encoder over libvpx (RFC 6386 bitstream): real-time deadline, error resilient, one frame out per frame in,
/// for RTP packetization per RFC 7741.
import CFFmpeg
import Mixing

/// Encodes I420 frames to VP8. One owner (an event loop or thread) drives it; see `FFmpegVideoEncoder`.
public final class VP8Encoder: VideoEncoder, @unchecked Sendable {
    private let encoder: FFmpegVideoEncoder
    public var settings: VideoEncoderSettings { encoder.settings }
    public var descriptor: VideoCodecDescriptor { .vp8 }

    /// `cpuUsed` trades quality for speed (libvpx's real-time range is 0…16; higher is faster).
    public init(settings: VideoEncoderSettings, cpuUsed: Int = 8) throws(VideoCodecError) {
        let options: [(String, String)] = [
            ("deadline", "realtime"),
            ("cpu-used", String(cpuUsed)),
            // Frames decodable after a loss without depending on updated probabilities (for RTP).
            ("error-resilient", "default"),
            // No alt-ref frames and no look-ahead: each input gives its own frame at once.
            ("lag-in-frames", "0"),
            ("auto-alt-ref", "0"),
        ]
        encoder = try FFmpegVideoEncoder(codecName: "libvpx", settings: settings, options: options) { context in
            // Equal min and max rate select libvpx's constant-bitrate mode, with a one-second buffer.
            context.pointee.rc_min_rate = Int64(settings.bitrate)
            context.pointee.rc_max_rate = Int64(settings.bitrate)
            context.pointee.rc_buffer_size = Int32(clamping: settings.bitrate)
            context.pointee.qmin = 4
            context.pointee.qmax = 56
        }
    }

    public func encode(_ frame: I420Frame, into output: inout EncodedVideoFrame) throws(VideoCodecError) -> Bool {
        try encoder.encode(frame, into: &output)
    }

    public func requestKeyframe() {
        encoder.requestKeyframe()
    }
}
