/// SDES: source description RTCP packet (RFC 3550 §6.5).
public struct SourceDescription: Hashable, Sendable {
    /// SDES item types (§6.5.1–§6.5.8, §12.2).
    public enum ItemType: UInt8, Sendable {
        case cname = 1, name, email, phone, location, tool, note, `private`
    }

    public struct Item: Hashable, Sendable {
        public var type: UInt8
        /// UTF-8 text of at most 255 octets (§6.5: "not null-terminated").
        public var text: [UInt8]

        public init(type: UInt8, text: [UInt8]) {
            self.type = type
            self.text = text
        }

        public init(_ type: ItemType, _ text: String) { self.init(type: type.rawValue, text: Array(text.utf8)) }
    }

    public struct Chunk: Hashable, Sendable {
        public var source: UInt32
        public var items: [Item]

        public init(source: UInt32, items: [Item]) {
            self.source = source
            self.items = items
        }

        /// The CNAME, "the canonical end-point identifier" (§6.5.1).
        public var cname: String? {
            items.first { $0.type == ItemType.cname.rawValue }.map { String(decoding: $0.text, as: UTF8.self) }
        }
    }

    public var chunks: [Chunk]

    public init(chunks: [Chunk]) { self.chunks = chunks }

    public init(parsing packet: [UInt8]) throws(RTCPParseError) {
        let reader = try RTCPPacketReader(packet, type: RTCPPacketType.sourceDescription)
        let b = reader.body
        var offset = 0
        var chunks: [Chunk] = []
        for _ in 0..<reader.header.count {
            try reader.require(offset + 4, "chunk SSRC")
            var chunk = Chunk(source: b.u32(offset), items: [])
            offset += 4
            // §6.5: "The list of items in each chunk MUST be terminated by one or more null octets ...
            // followed by null octets if necessary to pad until the next 32-bit boundary."
            while true {
                try reader.require(offset + 1, "item list terminator")
                let type = b[offset]
                if type == 0 {
                    offset = (offset + 4) & ~3
                    break
                }
                try reader.require(offset + 2, "item length")
                let length = Int(b[offset + 1])
                try reader.require(offset + 2 + length, "item text")
                chunk.items.append(Item(type: type, text: Array(b[(offset + 2)..<(offset + 2 + length)])))
                offset += 2 + length
            }
            chunks.append(chunk)
        }
        self.init(chunks: chunks)
    }

    public func serialized() -> [UInt8] {
        var body: [UInt8] = []
        for chunk in chunks {
            body.append32(chunk.source)
            for item in chunk.items {
                let text = item.text.prefix(255)
                body.append(item.type)
                body.append(UInt8(text.count))
                body += text
            }
            // At least one null octet, then to the 32-bit boundary.
            body.append(0)
            while body.count % 4 != 0 { body.append(0) }
        }
        return rtcpPacket(type: RTCPPacketType.sourceDescription, count: UInt8(chunks.count), body: body)
    }
}
