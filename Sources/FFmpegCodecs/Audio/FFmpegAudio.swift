/// Shared plumbing of the FFmpeg audio wrappers: quiet logging and AVERROR codes (libavutil/error.h) as typed errors.
import CFFmpeg
import Mixing

enum FFmpegAudio {
    /// libav logs warnings to stderr by default; errors only, once per process.
    private static let quietLogging: Void = { av_log_set_level(AV_LOG_ERROR) }()

    static func prepare() { _ = quietLogging }

    static let again = huiyi_averror_eagain()

    /// Throws `.library` when `code` is negative; returns it otherwise.
    @discardableResult
    static func check(_ code: Int32, codec: String, _ operation: String) throws(AudioCodecError) -> Int32 {
        guard code < 0 else { return code }
        var buffer = [CChar](repeating: 0, count: 128)
        let found = buffer.withUnsafeMutableBufferPointer { av_strerror(code, $0.baseAddress, $0.count) }
        let text = found == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "unknown"
        throw .library(codec: codec, code: code, message: "\(operation): \(text)")
    }

    /// The libav sample format of a frame format (interleaved).
    static func sampleFormat(_ format: AudioSampleFormat) -> AVSampleFormat {
        switch format {
        case .int16: return AV_SAMPLE_FMT_S16
        case .float32: return AV_SAMPLE_FMT_FLT
        }
    }
}
