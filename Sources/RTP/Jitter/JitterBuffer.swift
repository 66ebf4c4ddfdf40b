/// An adaptive playout buffer for one RTP stream: reorders, drops duplicates, reports loss, and sizes its
/// delay to the measured jitter (RFC 3550 §6.4.1 jitter, §A.8; playout per the receiver model of RFC 3550 §10).
///
/// Sans-IO: the caller inserts packets with their arrival time and pops what is due at `now`.
/// A packet's playout time is its RTP timestamp mapped to local time through the smallest recent
/// transit time (so sender clock drift is followed) plus the target delay.
public struct JitterBuffer: Sendable {
    public struct Configuration: Sendable {
        public var minimumDelay: Duration = .milliseconds(20)
        public var maximumDelay: Duration = .milliseconds(200)
        /// Added on top of the largest recent delay variation.
        public var safetyMargin: Duration = .milliseconds(5)
        /// How fast the target delay may fall once jitter subsides (per second of stream time).
        public var shrinkPerSecond: Duration = .milliseconds(5)
        /// Length of each of the two windows over which minimum transit and peak variation are kept.
        public var window: Duration = .seconds(2)
        /// Packet slots; packets this far ahead of (or behind) playout mean the sender restarted.
        public var capacity: Int = 512
        /// A transit change beyond this is a timestamp discontinuity, not jitter: timing restarts.
        public var resynchronizationThreshold: Duration = .seconds(2)

        public init() {}
    }

    public struct Packet: Hashable, Sendable {
        public var sequenceNumber: UInt16
        public var timestamp: UInt32
        public var marker: Bool
        public var payload: [UInt8]
    }

    public enum Output: Hashable, Sendable {
        case packet(Packet)
        /// The packet with this sequence number did not arrive in time: conceal it (PLC/FEC).
        case lost(sequenceNumber: UInt16)
    }

    public enum InsertResult: Hashable, Sendable {
        case accepted
        case duplicate
        /// Arrived after its turn was played or declared lost.
        case late
    }

    public struct Statistics: Hashable, Sendable {
        public var received = 0
        public var late = 0
        public var lost = 0
        public var duplicates = 0
        public var played = 0
        /// Times the buffer restarted on a sequence jump beyond its capacity.
        public var resets = 0
        public var targetDelay: Duration = .zero
    }

    private struct Slot: Sendable {
        /// No extended sequence number is this small (they start near 0 and move by at most 2^15 per packet).
        static let empty = Int64.min

        var extendedSequence: Int64 = Slot.empty
        var extendedTimestamp: Int64 = 0
        var marker = false
        var payload: [UInt8] = []
    }

    public let clockRate: Int
    public let configuration: Configuration
    public private(set) var statistics = Statistics()
    public private(set) var targetDelay: Duration

    private var slots: [Slot]
    private var sequenceUnwrapper = SequenceNumberUnwrapper()
    private var timestampUnwrapper = TimestampUnwrapper()
    /// Extended sequence number of the next packet to play.
    private var nextSequence: Int64?
    /// Highest extended sequence number buffered.
    private var highestSequence: Int64 = 0
    private var bufferedCount = 0
    private var playedAny = false
    /// Bit i set: sequence `nextSequence - 1 - i` was played (not lost); tells duplicates from late packets.
    private var playedHistory: UInt64 = 0
    private var firstTimestamp: Int64?
    /// Transit = arrival − media time (ns). Minimum and peak variation over the current and previous window.
    private var windowStart: MediaInstant?
    private var currentMinimumTransit = Int64.max
    private var previousMinimumTransit = Int64.max
    private var currentPeakVariation: Int64 = 0
    private var previousPeakVariation: Int64 = 0
    private var lastArrival: MediaInstant?

    public init(clockRate: Int, configuration: Configuration = Configuration()) {
        precondition(clockRate > 0 && configuration.capacity > 0)
        self.clockRate = clockRate
        self.configuration = configuration
        self.targetDelay = configuration.minimumDelay
        self.slots = Array(repeating: Slot(), count: configuration.capacity)
        statistics.targetDelay = targetDelay
    }

    /// Packets held, waiting for their playout time.
    public var count: Int { bufferedCount }

    public mutating func insert(
        sequenceNumber: UInt16, timestamp: UInt32, marker: Bool = false, payload: some Collection<UInt8>,
        arrival: MediaInstant
    ) -> InsertResult {
        let sequence = sequenceUnwrapper.unwrap(sequenceNumber)
        let extendedTimestamp = timestampUnwrapper.unwrap(timestamp)
        if firstTimestamp == nil { firstTimestamp = extendedTimestamp }

        if var next = nextSequence {
            if sequence < next, !playedAny, highestSequence - sequence < Int64(slots.count) {
                next = sequence  // reordered before playout began: start earlier
                nextSequence = next
            }
            if sequence >= next + Int64(slots.count) || next - sequence > Int64(slots.count) {
                // A jump no reordering explains (RFC 3550 A.1 treats it as a restart of the source).
                reset()
                nextSequence = sequence
                highestSequence = sequence
                firstTimestamp = extendedTimestamp
            } else if sequence < next {
                let age = next - 1 - sequence
                let played = age < 64 && playedHistory & (1 << UInt64(age)) != 0
                if played { statistics.duplicates += 1 } else { statistics.late += 1 }
                return played ? .duplicate : .late
            }
        } else {
            nextSequence = sequence
            highestSequence = sequence
        }

        let index = slotIndex(sequence)
        if slots[index].extendedSequence == sequence {
            statistics.duplicates += 1
            return .duplicate
        }
        statistics.received += 1
        slots[index].extendedSequence = sequence
        slots[index].extendedTimestamp = extendedTimestamp
        slots[index].marker = marker
        slots[index].payload.removeAll(keepingCapacity: true)
        slots[index].payload.append(contentsOf: payload)
        bufferedCount += 1
        highestSequence = max(highestSequence, sequence)
        measure(extendedTimestamp: extendedTimestamp, arrival: arrival)
        return .accepted
    }

    /// The next packet or loss due at `now`, or nil when nothing is due yet. Call until nil.
    public mutating func pop(now: MediaInstant) -> Output? {
        guard let next = nextSequence, bufferedCount > 0 else { return nil }
        let index = slotIndex(next)
        if slots[index].extendedSequence == next {
            guard playoutTime(extendedTimestamp: slots[index].extendedTimestamp) <= now else { return nil }
            let slot = slots[index]
            slots[index].extendedSequence = Slot.empty
            bufferedCount -= 1
            advance(played: true)
            statistics.played += 1
            return .packet(Packet(
                sequenceNumber: UInt16(truncatingIfNeeded: next), timestamp: UInt32(truncatingIfNeeded: slot.extendedTimestamp),
                marker: slot.marker, payload: slot.payload))
        }
        // The awaited packet is missing: it is lost once a later packet is due.
        guard let later = earliestBuffered(after: next), playoutTime(extendedTimestamp: later) <= now else { return nil }
        advance(played: false)
        statistics.lost += 1
        return .lost(sequenceNumber: UInt16(truncatingIfNeeded: next))
    }

    /// When the next `pop` can yield something, for the caller's timer (nil when empty).
    public var nextPlayoutTime: MediaInstant? {
        guard let next = nextSequence, bufferedCount > 0 else { return nil }
        let slot = slots[slotIndex(next)]
        if slot.extendedSequence == next { return playoutTime(extendedTimestamp: slot.extendedTimestamp) }
        return earliestBuffered(after: next).map { playoutTime(extendedTimestamp: $0) }
    }

    // MARK: - Timing

    /// Nanoseconds of media time since the stream's first timestamp.
    private func mediaTime(_ extendedTimestamp: Int64) -> Int64 {
        let units = extendedTimestamp - (firstTimestamp ?? extendedTimestamp)
        let (seconds, remainder) = units.quotientAndRemainder(dividingBy: Int64(clockRate))
        return seconds * 1_000_000_000 + remainder * 1_000_000_000 / Int64(clockRate)
    }

    private var minimumTransit: Int64 { min(currentMinimumTransit, previousMinimumTransit) }

    private func playoutTime(extendedTimestamp: Int64) -> MediaInstant {
        MediaInstant(nanoseconds: mediaTime(extendedTimestamp) + minimumTransit + targetDelay.wholeNanoseconds)
    }

    /// Updates the transit minimum and the delay-variation peak, then moves the target delay:
    /// up at once to cover the peak, down at most `shrinkPerSecond`.
    private mutating func measure(extendedTimestamp: Int64, arrival: MediaInstant) {
        let transit = arrival.nanoseconds - mediaTime(extendedTimestamp)
        if minimumTransit != .max, abs(transit - minimumTransit) > configuration.resynchronizationThreshold.wholeNanoseconds {
            // The sender's timestamps jumped: measure afresh from this packet.
            (currentMinimumTransit, previousMinimumTransit) = (.max, .max)
            (currentPeakVariation, previousPeakVariation) = (0, 0)
            windowStart = arrival
        }
        if let start = windowStart, arrival - start >= configuration.window {
            // Old minima and peaks expire window by window, so drift and calmer periods are followed.
            previousMinimumTransit = currentMinimumTransit
            previousPeakVariation = currentPeakVariation
            currentMinimumTransit = .max
            currentPeakVariation = 0
            windowStart = arrival
        } else if windowStart == nil {
            windowStart = arrival
        }
        currentMinimumTransit = min(currentMinimumTransit, transit)
        let variation = transit - minimumTransit
        currentPeakVariation = max(currentPeakVariation, variation)

        let peak = max(currentPeakVariation, previousPeakVariation)
        let desired = min(
            max(Duration.nanoseconds(peak) + configuration.safetyMargin, configuration.minimumDelay),
            configuration.maximumDelay)
        if desired > targetDelay {
            targetDelay = desired
        } else if let last = lastArrival, desired < targetDelay {
            let elapsed = max(arrival - last, .zero)
            let step = configuration.shrinkPerSecond * elapsed.seconds
            targetDelay = max(desired, targetDelay - step)
        }
        lastArrival = max(lastArrival ?? arrival, arrival)
        statistics.targetDelay = targetDelay
    }

    // MARK: - Slots

    /// Extended sequence numbers may go below zero when the first packet was not the oldest.
    private func slotIndex(_ sequence: Int64) -> Int {
        let capacity = Int64(slots.count)
        return Int((sequence % capacity + capacity) % capacity)
    }

    private func earliestBuffered(after sequence: Int64) -> Int64? {
        guard highestSequence > sequence else { return nil }
        for candidate in (sequence + 1)...highestSequence {
            let slot = slots[slotIndex(candidate)]
            if slot.extendedSequence == candidate { return slot.extendedTimestamp }
        }
        return nil
    }

    private mutating func advance(played: Bool) {
        nextSequence! += 1
        playedHistory = playedHistory << 1 | (played ? 1 : 0)
        playedAny = true
    }

    private mutating func reset() {
        for index in slots.indices { slots[index].extendedSequence = Slot.empty }
        (currentMinimumTransit, previousMinimumTransit) = (.max, .max)
        (currentPeakVariation, previousPeakVariation) = (0, 0)
        windowStart = nil
        bufferedCount = 0
        playedHistory = 0
        playedAny = false
        statistics.resets += 1
    }
}
