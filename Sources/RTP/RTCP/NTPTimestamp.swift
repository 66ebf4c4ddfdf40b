/// The 64-bit NTP timestamp of sender reports and its compact middle-32-bit form (RFC 3550 §4, §6.4.1).
///
/// "Wallclock time (absolute date and time) is represented using the timestamp format of the Network
/// Time Protocol (NTP), which is in seconds relative to 0h UTC on 1 January 1900. The full resolution
/// NTP timestamp is a 64-bit unsigned fixed-point number with the integer part in the first 32 bits
/// and the fractional part in the last 32 bits."
public struct NTPTimestamp: Hashable, Comparable, Sendable {
    /// Seconds between the NTP era (1900) and the Unix epoch (1970).
    public static let unixEpochOffset: UInt64 = 2_208_988_800

    public var rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// From nanoseconds since the Unix epoch.
    public init(unixNanoseconds: Int64) {
        let (seconds, nanos) = unixNanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        let fraction = (UInt64(nanos) << 32) / 1_000_000_000
        rawValue = (UInt64(seconds) + Self.unixEpochOffset) << 32 | fraction
    }

    /// "The middle 32 bits out of 64 in the NTP timestamp", as carried in LSR and used for RTT.
    public var compact: UInt32 { UInt32(truncatingIfNeeded: rawValue >> 16) }

    /// Nanoseconds since the Unix epoch.
    public var unixNanoseconds: Int64 {
        let seconds = Int64(rawValue >> 32) - Int64(Self.unixEpochOffset)
        return seconds * 1_000_000_000 + Int64(((rawValue & 0xFFFF_FFFF) * 1_000_000_000) >> 32)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
