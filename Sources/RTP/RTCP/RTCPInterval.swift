/// The RTCP transmission interval (RFC 3550 §6.3.1 and the `rtcp_interval` algorithm of Appendix A.7).
public struct RTCPInterval: Sendable {
    /// §6.2: "The RECOMMENDED value for a fixed minimum interval is 5 seconds."
    public static let minimumTime: Double = 5
    /// §6.2: "the fraction of the RTCP bandwidth dedicated to senders ... 25%".
    public static let senderBandwidthFraction: Double = 0.25
    /// A.7: "e - 3/2", compensating for the timer reconsideration algorithm's bias.
    public static let compensation: Double = 2.718_28 - 1.5

    /// RTCP bandwidth in octets per second: §6.2 recommends 5% of the session bandwidth.
    public var rtcpBandwidth: Double
    /// §6.3.2: the running average compound packet size, including UDP and IP headers.
    public private(set) var averagePacketSize: Double
    /// A reduced minimum (§6.2: "360 divided by the session bandwidth in kilobits/second") or 5 s.
    public var minimumTime: Double

    public init(sessionBandwidthBitsPerSecond: Double, initialPacketSize: Double = 100, minimumTime: Double = minimumTime) {
        rtcpBandwidth = sessionBandwidthBitsPerSecond * 0.05 / 8
        averagePacketSize = initialPacketSize
        self.minimumTime = minimumTime
    }

    /// §6.3.3: "avg_rtcp_size = (1/16) * packet_size + (15/16) * avg_rtcp_size".
    public mutating func recordPacket(size: Int) {
        averagePacketSize += (Double(size) - averagePacketSize) / 16
    }

    /// The deterministic interval Td before randomization, in seconds (A.7 up to the `drand48` step).
    public func deterministicInterval(members: Int, senders: Int, weSent: Bool, initial: Bool) -> Double {
        var minimum = minimumTime
        // "When the application starts, a delay of half the minimum interval is used."
        if initial { minimum /= 2 }
        var bandwidth = rtcpBandwidth
        var n = Double(members)
        if Double(senders) <= Double(members) * Self.senderBandwidthFraction {
            if weSent {
                bandwidth *= Self.senderBandwidthFraction
                n = Double(senders)
            } else {
                bandwidth *= 1 - Self.senderBandwidthFraction
                n -= Double(senders)
            }
        }
        return max(averagePacketSize * n / bandwidth, minimum)
    }

    /// The interval until the next report: Td scaled by a uniform factor in [0.5, 1.5) and divided
    /// by the compensation constant (A.7), so reports from many members do not synchronise.
    public func interval(
        members: Int, senders: Int, weSent: Bool, initial: Bool, using generator: inout some RandomNumberGenerator
    ) -> Duration {
        let td = deterministicInterval(members: members, senders: senders, weSent: weSent, initial: initial)
        let seconds = td * Double.random(in: 0.5..<1.5, using: &generator) / Self.compensation
        return .nanoseconds(Int64(seconds * 1e9))
    }
}
