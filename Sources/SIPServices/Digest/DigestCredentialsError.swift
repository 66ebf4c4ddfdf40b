/// RFC 7616 §3.4 / RFC 3261 §25.1: why an Authorization header value could not be read as Digest credentials.
public enum DigestCredentialsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The header value is empty or only whitespace.
    case empty
    /// The credentials use another scheme (e.g. `Basic`, or `NoOneKnowsThisScheme` in RFC 4475 §3.1.2.9 regaut01);
    /// a registrar answers them with a Digest challenge.
    case unsupportedScheme(String)
    /// The auth-param list breaks the grammar at `offset` (counted in UTF-8 octets after the scheme).
    case malformed(offset: Int, reason: String)
    /// A parameter appears twice (RFC 7616 §3.4: each directive at most once).
    case duplicateParameter(String)
    /// A parameter the computation needs is absent.
    case missingParameter(String)
    /// `nc` is not 8 hexadecimal digits (RFC 7616 §3.4).
    case invalidNonceCount(String)

    public var description: String {
        switch self {
        case .empty:
            "the Authorization header is empty; expected 'Digest username=\"…\", realm=\"…\", …'"
        case .unsupportedScheme(let scheme):
            "authentication scheme '\(scheme)' is not supported; use Digest (RFC 7616)"
        case .malformed(let offset, let reason):
            "malformed Digest credentials at octet \(offset): \(reason)"
        case .duplicateParameter(let name):
            "Digest parameter '\(name)' appears more than once"
        case .missingParameter(let name):
            "Digest credentials lack the required '\(name)' parameter"
        case .invalidNonceCount(let value):
            "nc=\(value) is not 8 hexadecimal digits"
        }
    }
}
