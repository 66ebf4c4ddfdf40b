/// Per-source reception statistics: RFC 3550 A.1 sequence validation, A.3 loss, A.8 interarrival jitter.
public struct ReceiverStatistics: Sendable {
    /// A.1: "a source is declared valid only after MIN_SEQUENTIAL packets have been received in sequence".
    public static let minSequential = 2
    /// A.1: largest forward jump accepted as loss rather than a restart.
    public static let maxDropout = 3000
    /// A.1: largest backward jump accepted as reordering.
    public static let maxMisorder = 100
    private static let sequenceModulus = 1 << 16

    public let ssrc: UInt32
    /// The RTP clock rate of the payload, to express arrival times in timestamp units (A.8).
    public let clockRate: Int

    private var maxSequence: UInt16 = 0
    private var cycles: Int = 0
    private var baseSequence: Int = 0
    private var badSequence: Int = sequenceModulus + 1
    private var probation: Int = minSequential
    public private(set) var received: Int = 0
    private var expectedPrior: Int = 0
    private var receivedPrior: Int = 0
    private var lastTransit: UInt32?
    /// A.8 interarrival jitter in timestamp units.
    public private(set) var jitter: Double = 0
    private var lastSenderReport: (ntpMiddle: UInt32, arrival: MediaInstant)?
    private var started = false

    public init(ssrc: UInt32, clockRate: Int) {
        self.ssrc = ssrc
        self.clockRate = clockRate
    }

    /// Whether the source has passed probation (A.1).
    public var isValid: Bool { started && probation == 0 }

    /// The highest sequence number received, extended with the count of cycles (A.1).
    public var extendedHighestSequence: UInt32 { UInt32(truncatingIfNeeded: cycles + Int(maxSequence)) }

    /// A.3: "expected = extended_max - s->base_seq + 1".
    public var expected: Int { isValid ? cycles + Int(maxSequence) - baseSequence + 1 : 0 }

    /// A.3 cumulative number of packets lost (may be negative when duplicates arrive).
    public var cumulativeLost: Int { expected - received }

    /// Accounts one packet; returns false when A.1 rejects it (probation, or a jump treated as a restart).
    @discardableResult
    public mutating func update(sequenceNumber seq: UInt16, timestamp: UInt32, arrival: MediaInstant) -> Bool {
        if !started {
            started = true
            initSequence(seq)
            maxSequence = seq &- 1
            probation = Self.minSequential
        }
        guard updateSequence(seq) else { return false }
        updateJitter(timestamp: timestamp, arrival: arrival)
        return true
    }

    /// Accounts a parsed packet arriving at `arrival`.
    @discardableResult
    public mutating func update(_ packet: RTPPacket, arrival: MediaInstant) -> Bool {
        update(sequenceNumber: packet.sequenceNumber, timestamp: packet.timestamp, arrival: arrival)
    }

    /// Remembers a sender report from this source for the LSR/DLSR fields (§6.4.1).
    public mutating func receivedSenderReport(ntpTimestamp: UInt64, at arrival: MediaInstant) {
        lastSenderReport = (UInt32(truncatingIfNeeded: ntpTimestamp >> 16), arrival)
    }

    /// Builds the report block for the next RR/SR and starts a new interval (A.3).
    public mutating func makeReportBlock(now: MediaInstant) -> ReportBlock {
        let expected = self.expected
        let expectedInterval = expected - expectedPrior
        expectedPrior = expected
        let receivedInterval = received - receivedPrior
        receivedPrior = received
        let lostInterval = expectedInterval - receivedInterval
        // A.3: "fraction = (lost_interval << 8) / expected_interval" when both are positive.
        let fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (lostInterval << 8) / expectedInterval
        var lsr: UInt32 = 0
        var dlsr: UInt32 = 0
        if let sr = lastSenderReport {
            lsr = sr.ntpMiddle
            // §6.4.1 DLSR: "expressed in units of 1/65536 seconds".
            dlsr = UInt32(clamping: (now - sr.arrival).wholeNanoseconds * 65536 / 1_000_000_000)
        }
        return ReportBlock(
            ssrc: ssrc, fractionLost: UInt8(clamping: fraction),
            cumulativeLost: Int32(min(max(cumulativeLost, -0x80_0000), 0x7F_FFFF)),
            extendedHighestSequence: extendedHighestSequence, jitter: UInt32(jitter),
            lastSenderReport: lsr, delaySinceLastSenderReport: dlsr)
    }

    private mutating func initSequence(_ seq: UInt16) {
        baseSequence = Int(seq)
        maxSequence = seq
        badSequence = Self.sequenceModulus + 1
        cycles = 0
        received = 0
        receivedPrior = 0
        expectedPrior = 0
    }

    /// RFC 3550 A.1 `update_seq`.
    private mutating func updateSequence(_ seq: UInt16) -> Bool {
        let delta = Int(seq &- maxSequence)
        if probation > 0 {
            // "packet is in sequence"
            if seq == maxSequence &+ 1 {
                probation -= 1
                maxSequence = seq
                if probation == 0 {
                    initSequence(seq)
                    received += 1
                    return true
                }
            } else {
                probation = Self.minSequential - 1
                maxSequence = seq
            }
            return false
        } else if delta < Self.maxDropout {
            // "in order, with permissible gap"
            if seq < maxSequence { cycles += Self.sequenceModulus }
            maxSequence = seq
        } else if delta <= Self.sequenceModulus - Self.maxMisorder {
            // "the sequence number made a very large jump"
            if Int(seq) == badSequence {
                // "Two sequential packets -- assume that the other side restarted without telling us"
                initSequence(seq)
            } else {
                badSequence = (Int(seq) + 1) & (Self.sequenceModulus - 1)
                return false
            }
        }
        // else: "duplicate or reordered packet"
        received += 1
        return true
    }

    /// RFC 3550 A.8: J(i) = J(i-1) + (|D(i-1,i)| - J(i-1))/16.
    private mutating func updateJitter(timestamp: UInt32, arrival: MediaInstant) {
        // Arrival in timestamp units; only differences matter, so wrapping to 32 bits is harmless.
        let (seconds, remainder) = arrival.nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        let arrivalUnits = seconds &* Int64(clockRate) &+ remainder * Int64(clockRate) / 1_000_000_000
        let transit = UInt32(truncatingIfNeeded: arrivalUnits) &- timestamp
        if let last = lastTransit {
            let d = abs(Double(Int32(bitPattern: transit &- last)))
            jitter += (d - jitter) / 16
        }
        lastTransit = transit
    }
}
