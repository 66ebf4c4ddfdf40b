/// What a sender counts for its sender reports: packets, payload octets and the RTP/NTP time mapping
/// (RFC 3550 §6.4.1).
public struct SenderStatistics: Sendable {
    public let ssrc: UInt32
    public let clockRate: Int
    /// "The total number of RTP data packets transmitted by the sender since starting transmission".
    public private(set) var packetCount: UInt32 = 0
    /// "The total number of payload octets (i.e., not including header or padding)".
    public private(set) var octetCount: UInt32 = 0
    private var lastTimestamp: UInt32?
    private var lastSendTime: MediaInstant?

    public init(ssrc: UInt32, clockRate: Int) {
        self.ssrc = ssrc
        self.clockRate = clockRate
    }

    /// Whether anything was sent, i.e. whether this participant reports with SR rather than RR.
    public var hasSent: Bool { packetCount > 0 }

    public mutating func sent(timestamp: UInt32, payloadOctets: Int, at now: MediaInstant) {
        // Both counters wrap: §6.4.1 gives them 32 bits and receivers difference them.
        packetCount &+= 1
        octetCount &+= UInt32(truncatingIfNeeded: payloadOctets)
        lastTimestamp = timestamp
        lastSendTime = now
    }

    /// A sender report for `now`: "The RTP timestamp ... corresponds to the same time as the NTP
    /// timestamp", extrapolated from the last packet sent at the clock rate.
    public func makeSenderReport(now: MediaInstant, ntp: NTPTimestamp, reports: [ReportBlock] = []) -> SenderReport {
        var rtpTimestamp: UInt32 = 0
        if let timestamp = lastTimestamp, let sendTime = lastSendTime {
            let elapsed = (now - sendTime).wholeNanoseconds
            rtpTimestamp = timestamp &+ UInt32(truncatingIfNeeded: elapsed * Int64(clockRate) / 1_000_000_000)
        }
        return SenderReport(
            ssrc: ssrc, ntpTimestamp: ntp.rawValue, rtpTimestamp: rtpTimestamp, packetCount: packetCount,
            octetCount: octetCount, reports: reports)
    }
}
