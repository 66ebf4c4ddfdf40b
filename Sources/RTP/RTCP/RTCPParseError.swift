/// Why bytes are not an RTCP packet (RFC 3550 §6.4, RFC 4585 §6.1).
public enum RTCPParseError: Error, Equatable, Sendable {
    /// Fewer bytes than the header or its length field announce.
    case truncated(needed: Int, available: Int)
    /// RFC 3550 §6.4.1: "The version defined by this specification is two (2)."
    case unsupportedVersion(UInt8)
    /// A parser for one packet type was handed another.
    case unexpectedPacketType(expected: UInt8, actual: UInt8, format: UInt8)
    /// The padding count is zero or larger than the packet body.
    case invalidPadding(count: Int)
    /// The body does not have the layout its type requires; `reason` names the field.
    case malformed(packetType: UInt8, reason: String)
}
