/// The header common to every RTCP packet, and the framing of one packet in a compound (RFC 3550 §6.4.1).
///
///     0                   1                   2                   3
///     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///    |V=2|P|  RC/FMT |      PT       |             length            |
///    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
public struct RTCPHeader: Hashable, Sendable {
    public static let size = 4

    public var padding: Bool
    /// RC, SC, subtype or FMT depending on the packet type.
    public var count: UInt8
    public var packetType: UInt8
    /// "The length of this RTCP packet in 32-bit words minus one, including the header and any padding."
    public var length: UInt16

    /// Octets the whole packet occupies.
    public var packetSize: Int { (Int(length) + 1) * 4 }

    public init(padding: Bool = false, count: UInt8, packetType: UInt8, length: UInt16) {
        self.padding = padding
        self.count = count
        self.packetType = packetType
        self.length = length
    }

    /// Parses the header at `offset` and checks that the packet it announces fits in `bytes`.
    public static func parse(_ bytes: [UInt8], at offset: Int = 0) throws(RTCPParseError) -> RTCPHeader {
        let available = bytes.count - offset
        guard available >= size else { throw .truncated(needed: size, available: available) }
        let version = bytes[offset] >> 6
        guard version == 2 else { throw .unsupportedVersion(version) }
        let header = RTCPHeader(
            padding: bytes[offset] & 0x20 != 0, count: bytes[offset] & 0x1F, packetType: bytes[offset + 1],
            length: bytes.u16(offset + 2))
        guard available >= header.packetSize else { throw .truncated(needed: header.packetSize, available: available) }
        return header
    }
}

/// RTCP packet type numbers (RFC 3550 §12.1, RFC 4585 §6.1).
public enum RTCPPacketType {
    public static let senderReport: UInt8 = 200
    public static let receiverReport: UInt8 = 201
    public static let sourceDescription: UInt8 = 202
    public static let goodbye: UInt8 = 203
    public static let applicationDefined: UInt8 = 204
    /// RTPFB: transport layer feedback.
    public static let transportFeedback: UInt8 = 205
    /// PSFB: payload-specific feedback.
    public static let payloadSpecificFeedback: UInt8 = 206
}

/// One packet's header and body (padding removed), cut from a compound datagram.
struct RTCPPacketReader {
    let header: RTCPHeader
    /// The packet's octets after the 4-octet header, without padding.
    let body: [UInt8]

    init(_ packet: [UInt8], type: UInt8, format: UInt8? = nil) throws(RTCPParseError) {
        let header = try RTCPHeader.parse(packet)
        guard header.packetType == type, format == nil || header.count == format else {
            throw .unexpectedPacketType(expected: type, actual: header.packetType, format: header.count)
        }
        var end = header.packetSize
        if header.padding {
            // §6.4.1: padding is counted by its last octet, like RTP's.
            let pad = Int(packet[end - 1])
            guard pad > 0, pad <= end - RTCPHeader.size else { throw .invalidPadding(count: pad) }
            end -= pad
        }
        self.header = header
        self.body = Array(packet[RTCPHeader.size..<end])
    }

    func require(_ octets: Int, _ reason: String) throws(RTCPParseError) {
        guard body.count >= octets else { throw .malformed(packetType: header.packetType, reason: reason) }
    }
}

/// Frames `body` (a multiple of 4 octets) as one RTCP packet of `type`.
func rtcpPacket(type: UInt8, count: UInt8, body: [UInt8]) -> [UInt8] {
    precondition(body.count % 4 == 0, "RTCP packets are 32-bit aligned")
    precondition(count < 32, "RC/FMT is five bits")
    var out: [UInt8] = [0x80 | count, type]
    out.reserveCapacity(4 + body.count)
    out.append16(UInt16(body.count / 4))
    out += body
    return out
}
