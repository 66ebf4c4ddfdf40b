/// How late the room's 20 ms ticks ran: a histogram in 50 µs steps up to 50 ms (beyond that, one overflow bin),
/// for percentiles without keeping every sample.
public struct TickLateness: Sendable, Equatable {
    public static let binWidthMicroseconds: Int64 = 50
    public static let binCount = 1000

    public private(set) var bins = [UInt64](repeating: 0, count: TickLateness.binCount + 1)
    public private(set) var count: UInt64 = 0
    public private(set) var maximumMicroseconds: Int64 = 0
    /// Ticks mixed one after another to catch up after a wake-up more than a period late.
    public var caughtUp: UInt64 = 0

    public init() {}

    public mutating func record(microseconds: Int64) {
        let bin = Int(min(Int64(Self.binCount), max(0, microseconds) / Self.binWidthMicroseconds))
        bins[bin] += 1
        count += 1
        maximumMicroseconds = max(maximumMicroseconds, microseconds)
    }

    /// The lateness below which `fraction` (0...1) of the ticks ran, to the bin's upper edge; nil without ticks.
    public func percentileMicroseconds(_ fraction: Double) -> Int64? {
        guard count > 0 else { return nil }
        let target = UInt64((Double(count) * fraction).rounded(.up))
        var seen: UInt64 = 0
        for (index, value) in bins.enumerated() {
            seen += value
            if seen >= max(1, target) {
                return index == Self.binCount ? maximumMicroseconds : Int64(index + 1) * Self.binWidthMicroseconds
            }
        }
        return maximumMicroseconds
    }

    /// Merges another histogram (rooms into a server-wide figure).
    public mutating func add(_ other: TickLateness) {
        for index in bins.indices { bins[index] += other.bins[index] }
        count += other.count
        caughtUp += other.caughtUp
        maximumMicroseconds = max(maximumMicroseconds, other.maximumMicroseconds)
    }
}
