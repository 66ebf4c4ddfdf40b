/// Wrap-around arithmetic on RTP sequence numbers and timestamps (RFC 3550 §5.1, Appendix A.1).
public enum SequenceNumber {
    /// Signed distance from `a` to `b` modulo 2^16: positive when `b` is newer.
    @inline(__always)
    public static func distance(from a: UInt16, to b: UInt16) -> Int { Int(Int16(bitPattern: b &- a)) }

    /// Whether `a` comes after `b` in serial-number order (half the space ahead).
    @inline(__always)
    public static func isNewer(_ a: UInt16, than b: UInt16) -> Bool { distance(from: b, to: a) > 0 }
}

public enum RTPTimestamp {
    /// Signed distance from `a` to `b` modulo 2^32: positive when `b` is later.
    @inline(__always)
    public static func distance(from a: UInt32, to b: UInt32) -> Int64 { Int64(Int32(bitPattern: b &- a)) }
}

/// Extends a wrapping counter to 64 bits by following its most recent value; tolerates reordering of up to
/// half the counter's range (RFC 3550 A.1 keeps "the count of sequence number cycles" the same way).
public struct WrappingCounterUnwrapper<Value: FixedWidthInteger & UnsignedInteger>: Sendable {
    private var last: Int64?

    public init() {}

    public mutating func unwrap(_ value: Value) -> Int64 {
        guard let last else {
            self.last = Int64(value)
            return Int64(value)
        }
        let modulus = Int64(1) << Value.bitWidth
        let half = modulus / 2
        var delta = (Int64(value) - last) % modulus
        if delta < 0 { delta += modulus }
        if delta >= half { delta -= modulus }
        let result = last + delta
        if delta > 0 { self.last = result }
        return result
    }
}

/// Extended (cycle-counted) sequence numbers.
public typealias SequenceNumberUnwrapper = WrappingCounterUnwrapper<UInt16>
/// Unwrapped RTP timestamps.
public typealias TimestampUnwrapper = WrappingCounterUnwrapper<UInt32>
