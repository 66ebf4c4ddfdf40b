/// H.264 encoder over libx264: Constrained Baseline (ITU-T H.264 §A.2.2), no B-frames, Annex B access units with
/// SPS/PPS repeated before every IDR, for RTP packetization per RFC 6184.
import CFFmpeg
import Mixing

/// x264 speed presets suited to real-time conference encoding.
public enum H264Preset: String, Sendable, CaseIterable {
    case ultrafast
    case superfast
    case veryfast
}

/// Encodes I420 frames to H.264. One owner (an event loop or thread) drives it; see `FFmpegVideoEncoder`.
public final class H264Encoder: VideoEncoder, @unchecked Sendable {
    private let encoder: FFmpegVideoEncoder
    public var settings: VideoEncoderSettings { encoder.settings }
    public var descriptor: VideoCodecDescriptor { .h264 }

    public init(settings: VideoEncoderSettings, preset: H264Preset = .veryfast) throws(VideoCodecError) {
        let options: [(String, String)] = [
            ("preset", preset.rawValue),
            // No look-ahead, no frame threads, no B-frames: each frame in gives its access unit out.
            ("tune", "zerolatency"),
            // x264's "baseline" is Constrained Baseline (constraint_set1_flag set): what RFC 6184 peers assume.
            ("profile", "baseline"),
            // A requested I picture becomes an IDR, so a decoder joining after a PLI/FIR can start there.
            ("forced-idr", "1"),
            // SPS/PPS before every keyframe (no out-of-band extradata), start codes (Annex B), no scene-cut IDRs.
            ("x264-params", "repeat-headers=1:annexb=1:scenecut=0"),
        ]
        encoder = try FFmpegVideoEncoder(codecName: "libx264", settings: settings, options: options) { context in
            // A one-second VBV buffer holds the stream near its bitrate, as a real-time path needs.
            context.pointee.rc_max_rate = Int64(settings.bitrate)
            context.pointee.rc_buffer_size = Int32(clamping: settings.bitrate)
        }
    }

    public func encode(_ frame: I420Frame, into output: inout EncodedVideoFrame) throws(VideoCodecError) -> Bool {
        try encoder.encode(frame, into: &output)
    }

    public func requestKeyframe() {
        encoder.requestKeyframe()
    }
}
