/// Why a payload does not match its RTP payload format (RFC 4733, RFC 6184, RFC 7741, RFC 6464).
public enum PayloadFormatError: Error, Equatable, Sendable {
    case truncated(needed: Int, available: Int)
    /// The payload uses a structure this format forbids; `reason` names it.
    case malformed(reason: String)
    /// A value is out of the range its field can carry.
    case outOfRange(field: String, value: Int)
}
