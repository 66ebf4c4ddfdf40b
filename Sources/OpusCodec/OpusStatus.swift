/// libopus return codes (opus_defines.h) turned into typed `AudioCodecError`s.
import COpus
import Mixing

enum OpusStatus {
    /// The message libopus gives for `code`.
    static func message(_ code: Int32) -> String { String(cString: opus_strerror(code)) }

    /// Throws when `code` is negative; returns it otherwise (a byte or sample count).
    @discardableResult
    static func check(_ code: Int32, setting: String? = nil) throws(AudioCodecError) -> Int {
        guard code < 0 else { return Int(code) }
        if let setting {
            throw .invalidConfiguration(codec: "opus", setting: setting, reason: message(code))
        }
        switch code {
        case OPUS_BUFFER_TOO_SMALL:
            throw .outputBufferTooSmall(codec: "opus", needed: -1, available: -1)
        case OPUS_INVALID_PACKET:
            throw .invalidPayload(codec: "opus", reason: message(code))
        default:
            throw .library(codec: "opus", code: code, message: message(code))
        }
    }

    /// Whether `samplesPerChannel` is an Opus frame duration (2.5, 5, 10, 20, 40 or 60 ms) at `sampleRate`.
    static func isFrameSize(_ samplesPerChannel: Int, sampleRate: Int) -> Bool {
        let units = samplesPerChannel * 400 / sampleRate  // in 2.5 ms
        return samplesPerChannel * 400 == units * sampleRate && [1, 2, 4, 8, 16, 24].contains(units)
    }
}
