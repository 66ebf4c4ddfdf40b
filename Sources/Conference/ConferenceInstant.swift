/// A monotonic instant handed in by whoever drives the conference core; the core never reads a clock itself.
public struct ConferenceInstant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Nanoseconds since an arbitrary origin chosen by the driver (the same origin for every call).
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let zero = ConferenceInstant(nanoseconds: 0)

    public static func < (lhs: ConferenceInstant, rhs: ConferenceInstant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public static func + (lhs: ConferenceInstant, rhs: Duration) -> ConferenceInstant {
        let (seconds, attoseconds) = rhs.components
        return ConferenceInstant(nanoseconds: lhs.nanoseconds + seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    public var description: String { "t+\(Double(nanoseconds) / 1e9)s" }
}
