/// Why a message could not be parsed, and what RFC 3261 says the receiver does about it (§18.3, §21.4.1, §21.5.6).
public enum SIPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Syntactically broken: a request gets 400 Bad Request with this reason; a response is dropped.
    case malformed(String)
    /// `SIP/x.y` other than 2.0 in a request: 505 Version Not Supported (RFC 3261 §21.5.6).
    case unsupportedVersion(String)
    /// Over a limit set against abuse (size, header count, line length): rejected whole, never half-parsed.
    case tooLarge(String)

    public var description: String {
        switch self {
        case .malformed(let why): return why
        case .unsupportedVersion(let version): return "unsupported SIP version \(version)"
        case .tooLarge(let why): return why
        }
    }

    /// The status code a server answers a request with this error (when it can answer at all).
    public var statusCode: Int {
        switch self {
        case .malformed: return 400
        case .unsupportedVersion: return 505
        case .tooLarge: return 513
        }
    }
}
