/// Why a video encoder or decoder refused a request; the mixing core sees codec failures only as this type.
public enum VideoCodecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The codec library on this host lacks the named encoder or decoder (e.g. FFmpeg built without libx264).
    case codecUnavailable(String)
    /// The settings were refused when the codec was opened; `reason` is the library's message.
    case invalidSettings(codec: String, reason: String)
    /// A frame of the wrong size was given to an encoder opened for another size.
    case frameSizeMismatch(expected: String, got: String)
    /// The bytes are not an access unit this decoder can parse (e.g. no Annex B start code before an H.264 NAL unit).
    case malformedAccessUnit(codec: String, reason: String)
    /// The library failed while encoding; `code` is its error number, `reason` its message.
    case encodeFailed(codec: String, code: Int32, reason: String)
    /// The library failed while decoding; `code` is its error number, `reason` its message.
    case decodeFailed(codec: String, code: Int32, reason: String)

    public var description: String {
        switch self {
        case .codecUnavailable(let name):
            "video codec \(name) is not available in this build of the codec library"
        case .invalidSettings(let codec, let reason):
            "\(codec): settings refused: \(reason)"
        case .frameSizeMismatch(let expected, let got):
            "encoder opened for \(expected) was given a \(got) frame"
        case .malformedAccessUnit(let codec, let reason):
            "\(codec): malformed access unit: \(reason)"
        case .encodeFailed(let codec, let code, let reason):
            "\(codec): encoding failed (\(code)): \(reason)"
        case .decodeFailed(let codec, let code, let reason):
            "\(codec): decoding failed (\(code)): \(reason)"
        }
    }
}
