/// APP: application-defined RTCP packet (RFC 3550 §6.7).
public struct ApplicationDefined: Hashable, Sendable {
    /// Five bits "to allow a set of APP packets to be defined under one unique name".
    public var subtype: UInt8
    public var ssrc: UInt32
    /// Four ASCII characters.
    public var name: [UInt8]
    /// "MUST be a multiple of 32 bits long".
    public var data: [UInt8]

    public init(subtype: UInt8, ssrc: UInt32, name: String, data: [UInt8]) {
        precondition(name.utf8.count == 4, "APP name is four ASCII characters")
        precondition(data.count % 4 == 0, "APP data is a multiple of 32 bits")
        self.subtype = subtype
        self.ssrc = ssrc
        self.name = Array(name.utf8)
        self.data = data
    }

    public init(parsing packet: [UInt8]) throws(RTCPParseError) {
        let reader = try RTCPPacketReader(packet, type: RTCPPacketType.applicationDefined)
        try reader.require(8, "SSRC and name")
        subtype = reader.header.count
        ssrc = reader.body.u32(0)
        name = Array(reader.body[4..<8])
        data = Array(reader.body[8...])
    }

    public func serialized() -> [UInt8] {
        var body: [UInt8] = []
        body.append32(ssrc)
        body += name
        body += data
        return rtcpPacket(type: RTCPPacketType.applicationDefined, count: subtype, body: body)
    }
}
