/// FIR: full intra request command (RFC 5104 §4.3.1).
///
///    |                              SSRC                             |
///    | Seq nr.       |    Reserved                                   |
///
/// "The 'SSRC of media source' field in the common packet header field MUST NOT be used (set to 0)."
public struct FullIntraRequest: Hashable, Sendable {
    public static let format: UInt8 = 4

    public struct Entry: Hashable, Sendable {
        public var ssrc: UInt32
        /// "Command sequence number": incremented for each new request, repeated on retransmission.
        public var sequenceNumber: UInt8

        public init(ssrc: UInt32, sequenceNumber: UInt8) {
            self.ssrc = ssrc
            self.sequenceNumber = sequenceNumber
        }
    }

    public var senderSSRC: UInt32
    public var entries: [Entry]

    public init(senderSSRC: UInt32, entries: [Entry]) {
        self.senderSSRC = senderSSRC
        self.entries = entries
    }

    public init(parsing packet: [UInt8]) throws(RTCPParseError) {
        let feedback = try FeedbackReader(packet, type: RTCPPacketType.payloadSpecificFeedback, format: Self.format)
        let fci = Array(feedback.fci)
        guard !fci.isEmpty, fci.count % 8 == 0 else { throw feedback.malformed("FIR FCI entries") }
        let entries = stride(from: 0, to: fci.count, by: 8).map { Entry(ssrc: fci.u32($0), sequenceNumber: fci[$0 + 4]) }
        self.init(senderSSRC: feedback.senderSSRC, entries: entries)
    }

    public func serialized() -> [UInt8] {
        var fci: [UInt8] = []
        for entry in entries {
            fci.append32(entry.ssrc)
            fci += [entry.sequenceNumber, 0, 0, 0]
        }
        return feedbackPacket(
            type: RTCPPacketType.payloadSpecificFeedback, format: Self.format, sender: senderSSRC, media: 0, fci: fci)
    }
}
