/// BYE: goodbye RTCP packet (RFC 3550 §6.6).
public struct Goodbye: Hashable, Sendable {
    public var sources: [UInt32]
    /// Optional "reason for leaving", UTF-8 of at most 255 octets.
    public var reason: String?

    public init(sources: [UInt32], reason: String? = nil) {
        self.sources = sources
        self.reason = reason
    }

    public init(parsing packet: [UInt8]) throws(RTCPParseError) {
        let reader = try RTCPPacketReader(packet, type: RTCPPacketType.goodbye)
        let b = reader.body
        let count = Int(reader.header.count)
        try reader.require(4 * count, "\(count) SSRC/CSRC identifiers")
        var reason: String?
        if b.count > 4 * count {
            let length = Int(b[4 * count])
            try reader.require(4 * count + 1 + length, "reason text")
            reason = String(decoding: b[(4 * count + 1)..<(4 * count + 1 + length)], as: UTF8.self)
        }
        self.init(sources: (0..<count).map { b.u32(4 * $0) }, reason: reason)
    }

    public func serialized() -> [UInt8] {
        var body: [UInt8] = []
        for source in sources { body.append32(source) }
        if let reason {
            let text = Array(reason.utf8.prefix(255))
            body.append(UInt8(text.count))
            body += text
            while body.count % 4 != 0 { body.append(0) }
        }
        return rtcpPacket(type: RTCPPacketType.goodbye, count: UInt8(sources.count), body: body)
    }
}
