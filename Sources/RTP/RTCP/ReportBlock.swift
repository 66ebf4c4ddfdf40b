/// A reception report block carried in SR and RR packets (RFC 3550 §6.4.1).
///
///     +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
///     |                 SSRC_1 (SSRC of first source)                 |
///     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///     | fraction lost |       cumulative number of packets lost       |
///     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///     |           extended highest sequence number received           |
///     |                      interarrival jitter                      |
///     |                         last SR (LSR)                         |
///     |                   delay since last SR (DLSR)                  |
public struct ReportBlock: Hashable, Sendable {
    public static let size = 24

    public var ssrc: UInt32
    /// Fixed point with the binary point at the left edge (lost / expected × 256).
    public var fractionLost: UInt8
    /// 24-bit signed on the wire.
    public var cumulativeLost: Int32
    public var extendedHighestSequence: UInt32
    public var jitter: UInt32
    /// Middle 32 bits of the NTP timestamp of the last SR from this source.
    public var lastSenderReport: UInt32
    /// In units of 1/65536 seconds.
    public var delaySinceLastSenderReport: UInt32

    public init(
        ssrc: UInt32, fractionLost: UInt8 = 0, cumulativeLost: Int32 = 0, extendedHighestSequence: UInt32 = 0,
        jitter: UInt32 = 0, lastSenderReport: UInt32 = 0, delaySinceLastSenderReport: UInt32 = 0
    ) {
        self.ssrc = ssrc
        self.fractionLost = fractionLost
        self.cumulativeLost = cumulativeLost
        self.extendedHighestSequence = extendedHighestSequence
        self.jitter = jitter
        self.lastSenderReport = lastSenderReport
        self.delaySinceLastSenderReport = delaySinceLastSenderReport
    }

    static func parse(_ b: [UInt8], at o: Int) -> ReportBlock {
        var lost = Int32(bitPattern: UInt32(b[o + 5]) << 16 | UInt32(b[o + 6]) << 8 | UInt32(b[o + 7]))
        if lost & 0x80_0000 != 0 { lost -= 0x100_0000 }
        return ReportBlock(
            ssrc: b.u32(o), fractionLost: b[o + 4], cumulativeLost: lost, extendedHighestSequence: b.u32(o + 8),
            jitter: b.u32(o + 12), lastSenderReport: b.u32(o + 16), delaySinceLastSenderReport: b.u32(o + 20))
    }

    func append(to out: inout [UInt8]) {
        out.append32(ssrc)
        out.append(fractionLost)
        out.append24(UInt32(bitPattern: cumulativeLost) & 0xFF_FFFF)
        out.append32(extendedHighestSequence)
        out.append32(jitter)
        out.append32(lastSenderReport)
        out.append32(delaySinceLastSenderReport)
    }

    /// Round-trip time from this block at `arrival` of the report carrying it, given the middle 32 bits
    /// of the NTP time at arrival (§6.4.1: "A - LSR - DLSR"), or nil when no SR was reported.
    public func roundTripTime(arrivalNTPMiddle: UInt32) -> Duration? {
        guard lastSenderReport != 0 else { return nil }
        let units = arrivalNTPMiddle &- lastSenderReport &- delaySinceLastSenderReport
        guard units < 0x8000_0000 else { return nil }
        return .nanoseconds(Int64(units) * 1_000_000_000 / 65536)
    }
}
