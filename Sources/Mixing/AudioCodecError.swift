/// Errors from audio encoders and decoders, saying what was wrong with the frame, buffer or payload.
public enum AudioCodecError: Error, Sendable, Equatable {
    /// The frame's rate, channels or length does not fit the codec; `expected` describes what it takes.
    case unsupportedFrame(codec: String, expected: String, got: String)
    /// The caller's output buffer is too small.
    case outputBufferTooSmall(codec: String, needed: Int, available: Int)
    /// The payload cannot be decoded (truncated, corrupt, or of another codec).
    case invalidPayload(codec: String, reason: String)
    /// The codec library refused a setting; `setting` names it.
    case invalidConfiguration(codec: String, setting: String, reason: String)
    /// The codec library failed with its own error code and message.
    case library(codec: String, code: Int32, message: String)
}

extension AudioCodecError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .unsupportedFrame(codec, expected, got):
            return "\(codec): unsupported frame \(got); expected \(expected)"
        case let .outputBufferTooSmall(codec, needed, available):
            return "\(codec): output buffer of \(available) bytes is too small; \(needed) needed"
        case let .invalidPayload(codec, reason):
            return "\(codec): invalid payload: \(reason)"
        case let .invalidConfiguration(codec, setting, reason):
            return "\(codec): invalid \(setting): \(reason)"
        case let .library(codec, code, message):
            return "\(codec): library error \(code): \(message)"
        }
    }
}
