/// A point in time for the media cores, supplied by whoever drives them (sans-IO; RFC 3550 §6.4.1 arrival times).
public struct MediaInstant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Nanoseconds since an arbitrary origin chosen by the caller.
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static func milliseconds(_ ms: Int64) -> MediaInstant { MediaInstant(nanoseconds: ms * 1_000_000) }

    public static let zero = MediaInstant(nanoseconds: 0)

    public static func < (lhs: MediaInstant, rhs: MediaInstant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public static func + (lhs: MediaInstant, rhs: Duration) -> MediaInstant {
        MediaInstant(nanoseconds: lhs.nanoseconds + rhs.wholeNanoseconds)
    }

    public static func - (lhs: MediaInstant, rhs: MediaInstant) -> Duration {
        .nanoseconds(lhs.nanoseconds - rhs.nanoseconds)
    }

    public var description: String { "\(Double(nanoseconds) / 1e6) ms" }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating far outside any media time scale).
    var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
    }

    /// The duration in seconds as a floating-point value.
    var seconds: Double { Double(wholeNanoseconds) / 1e9 }
}
