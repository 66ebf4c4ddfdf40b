/// Decides which lost RTP packets to request with Generic NACK, and when (RFC 4585 §6.2.1; timing after
/// the retransmission practice of RFC 4588 §3: a request is repeated no sooner than one round trip).
public struct GenericNACKScheduler: Sendable {
    public struct Configuration: Sendable {
        /// Wait this long after noticing a gap before the first request, so reordering can fill it.
        public var reorderingDelay: Duration = .milliseconds(10)
        /// Lower bound on the interval between requests for the same packet when the RTT is small.
        public var minimumRetryInterval: Duration = .milliseconds(20)
        /// Requests per packet before giving up on it.
        public var maximumRequests = 10
        /// Gaps wider than this are not NACKed packet by packet: a keyframe request is cheaper.
        public var maximumGap = 500

        public init() {}
    }

    private struct Missing {
        var sequence: Int64
        var detected: MediaInstant
        var lastRequested: MediaInstant?
        var requests = 0
    }

    public let configuration: Configuration
    private var unwrapper = SequenceNumberUnwrapper()
    private var highest: Int64?
    private var missing: [Missing] = []
    public private(set) var abandoned = 0
    public private(set) var recovered = 0

    public init(configuration: Configuration = Configuration()) { self.configuration = configuration }

    /// Sequence numbers currently believed lost.
    public var missingSequenceNumbers: [UInt16] { missing.map { UInt16(truncatingIfNeeded: $0.sequence) } }

    /// Accounts a received packet; returns true when the gap it reveals is too wide to repair with
    /// NACKs and the caller should request a keyframe instead.
    @discardableResult
    public mutating func received(sequenceNumber: UInt16, at now: MediaInstant) -> Bool {
        let sequence = unwrapper.unwrap(sequenceNumber)
        guard let top = highest else {
            highest = sequence
            return false
        }
        if sequence <= top {
            if let index = missing.firstIndex(where: { $0.sequence == sequence }) {
                missing.remove(at: index)
                recovered += 1
            }
            return false
        }
        highest = sequence
        let gap = Int(sequence - top - 1)
        guard gap > 0 else { return false }
        if gap > configuration.maximumGap {
            missing.removeAll()
            return true
        }
        for lost in (top + 1)..<sequence { missing.append(Missing(sequence: lost, detected: now)) }
        // Bound memory: the oldest entries are the least likely to be repaired in time.
        if missing.count > configuration.maximumGap {
            abandoned += missing.count - configuration.maximumGap
            missing.removeFirst(missing.count - configuration.maximumGap)
        }
        return false
    }

    /// The NACK to send at `now`, if any packet is due for a (re)request, given the current round-trip time.
    public mutating func nack(now: MediaInstant, roundTripTime: Duration, senderSSRC: UInt32, mediaSSRC: UInt32)
        -> GenericNACK?
    {
        let retry = max(roundTripTime, configuration.minimumRetryInterval)
        var due: [UInt16] = []
        for index in missing.indices {
            let entry = missing[index]
            let ready = entry.lastRequested.map { now - $0 >= retry } ?? (now - entry.detected >= configuration.reorderingDelay)
            guard ready else { continue }
            missing[index].lastRequested = now
            missing[index].requests += 1
            due.append(UInt16(truncatingIfNeeded: entry.sequence))
        }
        let before = missing.count
        missing.removeAll { $0.requests >= configuration.maximumRequests && $0.lastRequested != now }
        abandoned += before - missing.count
        guard !due.isEmpty else { return nil }
        return GenericNACK(senderSSRC: senderSSRC, mediaSSRC: mediaSSRC, lostSequenceNumbers: due)
    }
}
