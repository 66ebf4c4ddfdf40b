/// Generic NACK: transport-layer feedback naming lost RTP packets (RFC 4585 §6.2.1).
///
///    |            PID                |             BLP               |
///
/// "The PID field is used to specify a lost packet ... The BLP allows for reporting losses of any of
/// the 16 RTP packets immediately following the RTP packet indicated by the PID."
public struct GenericNACK: Hashable, Sendable {
    public static let format: UInt8 = 1

    public var senderSSRC: UInt32
    public var mediaSSRC: UInt32
    /// Lost sequence numbers in the order the FCI entries list them.
    public var lostSequenceNumbers: [UInt16]

    public init(senderSSRC: UInt32, mediaSSRC: UInt32, lostSequenceNumbers: [UInt16]) {
        self.senderSSRC = senderSSRC
        self.mediaSSRC = mediaSSRC
        self.lostSequenceNumbers = lostSequenceNumbers
    }

    public init(parsing packet: [UInt8]) throws(RTCPParseError) {
        let feedback = try FeedbackReader(packet, type: RTCPPacketType.transportFeedback, format: Self.format)
        guard !feedback.fci.isEmpty, feedback.fci.count % 4 == 0 else { throw feedback.malformed("NACK FCI entries") }
        var lost: [UInt16] = []
        var offset = feedback.fci.startIndex
        while offset < feedback.fci.endIndex {
            let pid = UInt16(feedback.fci[offset]) << 8 | UInt16(feedback.fci[offset + 1])
            let blp = UInt16(feedback.fci[offset + 2]) << 8 | UInt16(feedback.fci[offset + 3])
            lost.append(pid)
            for bit in 0..<16 where blp & (1 << bit) != 0 { lost.append(pid &+ UInt16(bit + 1)) }
            offset += 4
        }
        self.init(senderSSRC: feedback.senderSSRC, mediaSSRC: feedback.mediaSSRC, lostSequenceNumbers: lost)
    }

    /// The (PID, BLP) pairs covering the lost sequence numbers, each PID the oldest not yet covered.
    public var entries: [(pid: UInt16, bitmask: UInt16)] {
        var entries: [(pid: UInt16, bitmask: UInt16)] = []
        for seq in lostSequenceNumbers {
            if let last = entries.last {
                let distance = SequenceNumber.distance(from: last.pid, to: seq)
                if distance == 0 { continue }
                if (1...16).contains(distance) {
                    entries[entries.count - 1].bitmask |= 1 << (distance - 1)
                    continue
                }
            }
            entries.append((seq, 0))
        }
        return entries
    }

    public func serialized() -> [UInt8] {
        var fci: [UInt8] = []
        for entry in entries {
            fci.append16(entry.pid)
            fci.append16(entry.bitmask)
        }
        return feedbackPacket(
            type: RTCPPacketType.transportFeedback, format: Self.format, sender: senderSSRC, media: mediaSSRC, fci: fci)
    }
}
