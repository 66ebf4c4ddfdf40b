/// TMMBR and TMMBN: temporary maximum media stream bit rate request and notification (RFC 5104 §4.2.1, §4.2.2).
///
///    |                              SSRC                             |
///    | MxTBR Exp |  MxTBR Mantissa                 |Measured Overhead|
///
/// "The SSRC of media source field ... is not used and SHALL be set to 0."
public struct TemporaryMaximumMediaStreamBitrate: Hashable, Sendable {
    /// RTPFB FMT 3 is a request, FMT 4 the notification that answers it.
    public enum Kind: UInt8, Sendable {
        case request = 3
        case notification = 4
    }

    public struct Entry: Hashable, Sendable {
        public var ssrc: UInt32
        /// Bits per second; an exponent and 17-bit mantissa on the wire.
        public var bitrate: UInt64
        /// "the measured average packet overhead", octets, 9 bits.
        public var overhead: UInt16

        public init(ssrc: UInt32, bitrate: UInt64, overhead: UInt16) {
            self.ssrc = ssrc
            self.bitrate = bitrate
            self.overhead = overhead & 0x1FF
        }
    }

    public var kind: Kind
    public var senderSSRC: UInt32
    public var entries: [Entry]

    public init(kind: Kind, senderSSRC: UInt32, entries: [Entry]) {
        self.kind = kind
        self.senderSSRC = senderSSRC
        self.entries = entries
    }

    public init(parsing packet: [UInt8]) throws(RTCPParseError) {
        let format = packet.count > 0 ? packet[0] & 0x1F : 0
        guard let kind = Kind(rawValue: format) else {
            throw .unexpectedPacketType(
                expected: RTCPPacketType.transportFeedback, actual: packet.count > 1 ? packet[1] : 0, format: format)
        }
        let feedback = try FeedbackReader(packet, type: RTCPPacketType.transportFeedback, format: kind.rawValue)
        let fci = Array(feedback.fci)
        // A TMMBN with no entries is legal (§4.2.2.1: "empty bounding set"); a TMMBR needs one.
        guard fci.count % 8 == 0, kind == .notification || !fci.isEmpty else {
            throw feedback.malformed("TMMBR/TMMBN FCI entries")
        }
        entries = stride(from: 0, to: fci.count, by: 8).map { offset in
            let word = fci.u32(offset + 4)
            let bitrate = ScaledBitrate.decode(exponent: UInt8(word >> 26), mantissa: word >> 9 & 0x1_FFFF)
            return Entry(ssrc: fci.u32(offset), bitrate: bitrate, overhead: UInt16(word & 0x1FF))
        }
        self.kind = kind
        senderSSRC = feedback.senderSSRC
    }

    public func serialized() -> [UInt8] {
        var fci: [UInt8] = []
        for entry in entries {
            let (exponent, mantissa) = ScaledBitrate.encode(entry.bitrate, mantissaBits: 17)
            fci.append32(entry.ssrc)
            fci.append32(UInt32(exponent) << 26 | mantissa << 9 | UInt32(entry.overhead & 0x1FF))
        }
        return feedbackPacket(
            type: RTCPPacketType.transportFeedback, format: kind.rawValue, sender: senderSSRC, media: 0, fci: fci)
    }
}
