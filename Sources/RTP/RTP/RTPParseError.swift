/// Why bytes are not an RTP packet (RFC 3550 §5.1, RFC 8285 §4).
public enum RTPParseError: Error, Equatable, Sendable {
    /// Fewer bytes than the fixed header, CSRC list, extension or padding announce.
    case truncated(needed: Int, available: Int)
    /// RFC 3550 §5.1: "The version defined by this specification is two (2)."
    case unsupportedVersion(UInt8)
    /// RFC 3550 §5.1: the last padding octet counts itself, so it cannot be 0 or exceed the payload.
    case invalidPadding(count: Int, available: Int)
    /// An RFC 8285 extension element runs past the extension block, or uses a reserved ID.
    case invalidExtensionElement(offset: Int)
    /// The destination buffer cannot hold the serialized packet.
    case bufferTooSmall(needed: Int, available: Int)
}
