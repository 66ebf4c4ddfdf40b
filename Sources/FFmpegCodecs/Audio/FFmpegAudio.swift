/// Shared plumbing of the FFmpeg audio wrappers: AVERROR codes as typed audio errors, sample formats.
import CFFmpeg
import Mixing

enum FFmpegAudio {
    /// Throws `.library` when `code` is negative; returns it otherwise.
    @discardableResult
    static func check(_ code: Int32, codec: String, _ operation: String) throws(AudioCodecError) -> Int32 {
        guard code < 0 else { return code }
        throw .library(codec: codec, code: code, message: "\(operation): \(FFmpeg.message(code))")
    }

    /// The libav sample format of a frame format (interleaved).
    static func sampleFormat(_ format: AudioSampleFormat) -> AVSampleFormat {
        switch format {
        case .int16: return AV_SAMPLE_FMT_S16
        case .float32: return AV_SAMPLE_FMT_FLT
        }
    }
}
