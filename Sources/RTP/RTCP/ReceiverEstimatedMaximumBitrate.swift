/// REMB: receiver estimated maximum bitrate, an application layer feedback message
/// (draft-alvestrand-rmcat-remb-03 §2.2; AFB is RFC 4585 §6.4, FMT 15).
///
///    |  Unique identifier 'R' 'E' 'M' 'B'                            |
///    |  Num SSRC     | BR Exp    |  BR Mantissa                      |
///    |   SSRC feedback                                               |
public struct ReceiverEstimatedMaximumBitrate: Hashable, Sendable {
    public static let format: UInt8 = 15
    static let identifier: [UInt8] = Array("REMB".utf8)

    public var senderSSRC: UInt32
    /// Bits per second; carried as an 18-bit mantissa and 6-bit exponent, so large values lose precision.
    public var bitrate: UInt64
    /// The media sources the estimate applies to.
    public var ssrcs: [UInt32]

    public init(senderSSRC: UInt32, bitrate: UInt64, ssrcs: [UInt32]) {
        self.senderSSRC = senderSSRC
        self.bitrate = bitrate
        self.ssrcs = ssrcs
    }

    public init(parsing packet: [UInt8]) throws(RTCPParseError) {
        let feedback = try FeedbackReader(packet, type: RTCPPacketType.payloadSpecificFeedback, format: Self.format)
        let fci = Array(feedback.fci)
        guard fci.count >= 8, Array(fci[0..<4]) == Self.identifier else { throw feedback.malformed("REMB identifier") }
        let count = Int(fci[4])
        guard fci.count >= 8 + 4 * count else { throw feedback.malformed("REMB SSRC feedback list") }
        let mantissa = UInt32(fci[5] & 0x03) << 16 | UInt32(fci[6]) << 8 | UInt32(fci[7])
        let bitrate = ScaledBitrate.decode(exponent: fci[5] >> 2, mantissa: mantissa)
        self.init(senderSSRC: feedback.senderSSRC, bitrate: bitrate, ssrcs: (0..<count).map { fci.u32(8 + 4 * $0) })
    }

    public func serialized() -> [UInt8] {
        let (exponent, mantissa) = ScaledBitrate.encode(bitrate, mantissaBits: 18)
        var fci = Self.identifier
        fci.append(UInt8(ssrcs.count))
        fci.append(exponent << 2 | UInt8(mantissa >> 16))
        fci.append16(UInt16(truncatingIfNeeded: mantissa))
        for ssrc in ssrcs { fci.append32(ssrc) }
        // "SSRC of media source ... always 0" for REMB.
        return feedbackPacket(
            type: RTCPPacketType.payloadSpecificFeedback, format: Self.format, sender: senderSSRC, media: 0, fci: fci)
    }
}
