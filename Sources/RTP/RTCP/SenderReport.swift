/// SR: sender report RTCP packet (RFC 3550 §6.4.1).
public struct SenderReport: Hashable, Sendable {
    public var ssrc: UInt32
    /// 64-bit NTP timestamp: seconds since 1900 in the upper 32 bits, fraction in the lower.
    public var ntpTimestamp: UInt64
    /// "the same time as the NTP timestamp (above), but in the same units ... as the RTP timestamps".
    public var rtpTimestamp: UInt32
    public var packetCount: UInt32
    public var octetCount: UInt32
    public var reports: [ReportBlock]
    /// "profile-specific extensions", kept raw.
    public var profileExtension: [UInt8]

    public init(
        ssrc: UInt32, ntpTimestamp: UInt64, rtpTimestamp: UInt32, packetCount: UInt32, octetCount: UInt32,
        reports: [ReportBlock] = [], profileExtension: [UInt8] = []
    ) {
        self.ssrc = ssrc
        self.ntpTimestamp = ntpTimestamp
        self.rtpTimestamp = rtpTimestamp
        self.packetCount = packetCount
        self.octetCount = octetCount
        self.reports = reports
        self.profileExtension = profileExtension
    }

    public init(parsing packet: [UInt8]) throws(RTCPParseError) {
        let reader = try RTCPPacketReader(packet, type: RTCPPacketType.senderReport)
        let b = reader.body
        let blocksEnd = 24 + ReportBlock.size * Int(reader.header.count)
        try reader.require(blocksEnd, "sender info and \(reader.header.count) report blocks")
        self.init(
            ssrc: b.u32(0), ntpTimestamp: UInt64(b.u32(4)) << 32 | UInt64(b.u32(8)), rtpTimestamp: b.u32(12),
            packetCount: b.u32(16), octetCount: b.u32(20),
            reports: (0..<Int(reader.header.count)).map { ReportBlock.parse(b, at: 24 + ReportBlock.size * $0) },
            profileExtension: Array(b[blocksEnd...]))
    }

    /// The middle 32 bits of the NTP timestamp, echoed back as LSR (§6.4.1).
    public var compactNTP: UInt32 { NTPTimestamp(rawValue: ntpTimestamp).compact }

    public func serialized() -> [UInt8] {
        var body: [UInt8] = []
        body.append32(ssrc)
        body.append32(UInt32(ntpTimestamp >> 32))
        body.append32(UInt32(truncatingIfNeeded: ntpTimestamp))
        body.append32(rtpTimestamp)
        body.append32(packetCount)
        body.append32(octetCount)
        for block in reports { block.append(to: &body) }
        body += profileExtension
        return rtcpPacket(type: RTCPPacketType.senderReport, count: UInt8(reports.count), body: body)
    }
}
