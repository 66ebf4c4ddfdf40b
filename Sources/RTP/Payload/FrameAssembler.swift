/// Gathers the RTP packets of one video frame (one RTP timestamp, ended by the marker bit) and says
/// when the frame is complete or was damaged by loss (RFC 3550 §5.1 marker; RFC 6184 §5.1, RFC 7741 §4.1).
///
/// Packets may arrive reordered within a frame; a frame is complete once its marker packet and every
/// sequence number between the frame's first packet and the marker have arrived.
struct FrameAssembler: Sendable {
    enum Outcome {
        /// The frame's payloads in sequence order.
        case frame(timestamp: UInt32, payloads: [[UInt8]])
        /// Packets of the frame with this timestamp were lost (or it arrived too late to use).
        case lost(timestamp: UInt32)
    }

    private var timestamp: UInt32?
    private var packets: [(sequence: UInt16, payload: [UInt8])] = []
    private var markerSequence: UInt16?
    /// The marker sequence number of the last complete frame: the next frame starts right after it.
    private var lastEndSequence: UInt16?
    private var lastTimestamp: UInt32?

    /// Whether `isFrameStart` holds for the first payload: codecs know their own start markers.
    mutating func push(
        sequence: UInt16, timestamp: UInt32, marker: Bool, payload: ArraySlice<UInt8>,
        isFrameStart: ([UInt8]) -> Bool
    ) -> [Outcome] {
        var outcomes: [Outcome] = []
        if let last = lastTimestamp, RTPTimestamp.distance(from: last, to: timestamp) <= 0, self.timestamp != timestamp {
            return []  // a straggler from a frame already delivered or given up
        }
        if let current = self.timestamp, current != timestamp {
            // A newer frame began while this one is unfinished: its last packets are lost.
            outcomes.append(.lost(timestamp: current))
            finish(current, end: nil)
        }
        if self.timestamp == nil { self.timestamp = timestamp }
        if packets.contains(where: { $0.sequence == sequence }) { return outcomes }
        packets.append((sequence, Array(payload)))
        if marker { markerSequence = sequence }

        guard let end = markerSequence else { return outcomes }
        packets.sort { SequenceNumber.isNewer($1.sequence, than: $0.sequence) }
        let first = packets[0].sequence
        let span = SequenceNumber.distance(from: first, to: end) + 1
        guard span == packets.count else {
            if span < packets.count { // packets beyond the marker: inconsistent stream
                outcomes.append(.lost(timestamp: timestamp))
                finish(timestamp, end: end)
            }
            return outcomes
        }
        // The frame must begin right after the previous frame's marker (or, with no previous frame,
        // with a payload the codec recognises as a frame start).
        let startsRight = lastEndSequence.map { first == $0 &+ 1 } ?? true
        if startsRight && isFrameStart(packets[0].payload) {
            outcomes.append(.frame(timestamp: timestamp, payloads: packets.map(\.payload)))
        } else {
            outcomes.append(.lost(timestamp: timestamp))
        }
        finish(timestamp, end: end)
        return outcomes
    }

    private mutating func finish(_ timestamp: UInt32, end: UInt16?) {
        lastTimestamp = timestamp
        lastEndSequence = end
        self.timestamp = nil
        packets.removeAll(keepingCapacity: true)
        markerSequence = nil
    }
}

/// After loss a video decoder has no reference: frames are withheld until a keyframe, and a keyframe
/// request (PLI, RFC 4585 §6.3.1; FIR, RFC 5104 §4.3.1) is raised once per outage.
struct KeyframeGate: Sendable {
    private var waiting = true
    private var requested = false

    /// Decides for a reassembled frame (`isKeyframe`) or a lost one (nil): deliver it, and/or request a keyframe.
    mutating func admit(isKeyframe: Bool?) -> (deliver: Bool, requestKeyframe: Bool) {
        if isKeyframe == true { (waiting, requested) = (false, false) }
        if isKeyframe == nil { waiting = true }
        guard waiting else { return (true, false) }
        defer { requested = true }
        return (false, !requested)
    }
}
