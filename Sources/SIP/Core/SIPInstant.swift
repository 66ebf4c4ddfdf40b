/// A point on a monotonic clock, injected into every state machine (sans-IO: the core never reads a clock itself).
public struct SIPInstant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Nanoseconds since an arbitrary origin chosen by whoever drives the core.
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let zero = SIPInstant(nanoseconds: 0)

    public static func < (lhs: SIPInstant, rhs: SIPInstant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public static func + (lhs: SIPInstant, rhs: Duration) -> SIPInstant {
        SIPInstant(nanoseconds: lhs.nanoseconds + rhs.nanoseconds)
    }

    public static func - (lhs: SIPInstant, rhs: SIPInstant) -> Duration {
        .nanoseconds(lhs.nanoseconds - rhs.nanoseconds)
    }

    public var description: String { "t+\(Double(nanoseconds) / 1e9)s" }
}

extension Duration {
    /// Whole nanoseconds in this duration (saturating on overflow, which no SIP timer approaches).
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return scaled + attoseconds / 1_000_000_000
    }
}
