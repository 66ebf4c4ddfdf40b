/// FFmpeg (libavcodec, libswscale, libswresample): the only files that import CFFmpeg.
import CFFmpeg

/// What every FFmpeg wrapper, audio and video, needs of libavutil: one-time set-up and error codes
/// (libavutil/error.h).
enum FFmpeg {
    /// libav (and x264 through it) logs warnings to stderr by default; errors only, once per process.
    private static let quietLogging: Void = { av_log_set_level(AV_LOG_ERROR) }()

    static func prepare() { _ = quietLogging }

    /// FFmpeg's message for an `AVERROR` code.
    static func message(_ code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 128)
        let found = buffer.withUnsafeMutableBufferPointer { av_strerror(code, $0.baseAddress, $0.count) }
        guard found == 0 else { return "error \(code)" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static let again = huiyi_averror_eagain()
    static let endOfFile = huiyi_averror_eof()
}
