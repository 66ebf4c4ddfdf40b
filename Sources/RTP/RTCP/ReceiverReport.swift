/// RR: receiver report RTCP packet (RFC 3550 §6.4.2).
public struct ReceiverReport: Hashable, Sendable {
    /// "The synchronization source identifier for the originator of this RR packet."
    public var ssrc: UInt32
    /// At most 31 per packet (RC is five bits).
    public var reports: [ReportBlock]
    public var profileExtension: [UInt8]

    public init(ssrc: UInt32, reports: [ReportBlock] = [], profileExtension: [UInt8] = []) {
        self.ssrc = ssrc
        self.reports = reports
        self.profileExtension = profileExtension
    }

    public init(parsing packet: [UInt8]) throws(RTCPParseError) {
        let reader = try RTCPPacketReader(packet, type: RTCPPacketType.receiverReport)
        let b = reader.body
        let blocksEnd = 4 + ReportBlock.size * Int(reader.header.count)
        try reader.require(blocksEnd, "SSRC and \(reader.header.count) report blocks")
        self.init(
            ssrc: b.u32(0),
            reports: (0..<Int(reader.header.count)).map { ReportBlock.parse(b, at: 4 + ReportBlock.size * $0) },
            profileExtension: Array(b[blocksEnd...]))
    }

    public func serialized() -> [UInt8] {
        var body: [UInt8] = []
        body.append32(ssrc)
        for block in reports { block.append(to: &body) }
        body += profileExtension
        return rtcpPacket(type: RTCPPacketType.receiverReport, count: UInt8(reports.count), body: body)
    }
}
