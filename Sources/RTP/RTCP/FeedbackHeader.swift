/// The common part of RTCP feedback messages: FMT, sender and media source SSRC (RFC 4585 §6.1).
///
///    |V=2|P|   FMT   |       PT      |          length               |
///    |                  SSRC of packet sender                        |
///    |                  SSRC of media source                         |
///    :            Feedback Control Information (FCI)                 :
struct FeedbackReader {
    let senderSSRC: UInt32
    let mediaSSRC: UInt32
    /// The FCI octets.
    let fci: ArraySlice<UInt8>
    let reader: RTCPPacketReader

    init(_ packet: [UInt8], type: UInt8, format: UInt8) throws(RTCPParseError) {
        reader = try RTCPPacketReader(packet, type: type, format: format)
        try reader.require(8, "sender and media source SSRC")
        senderSSRC = reader.body.u32(0)
        mediaSSRC = reader.body.u32(4)
        fci = reader.body[8...]
    }

    func malformed(_ reason: String) -> RTCPParseError { .malformed(packetType: reader.header.packetType, reason: reason) }
}

func feedbackPacket(type: UInt8, format: UInt8, sender: UInt32, media: UInt32, fci: [UInt8]) -> [UInt8] {
    var body: [UInt8] = []
    body.reserveCapacity(8 + fci.count)
    body.append32(sender)
    body.append32(media)
    body += fci
    return rtcpPacket(type: type, count: format, body: body)
}

/// Bit rates in feedback messages are a mantissa scaled by 2^exponent (RFC 5104 §4.2.1.1: "MxTBR =
/// mantissa * 2^exp"; REMB uses the same form with an 18-bit mantissa). Precision is lost, never rate gained.
enum ScaledBitrate {
    static func encode(_ bitrate: UInt64, mantissaBits: Int) -> (exponent: UInt8, mantissa: UInt32) {
        var exponent: UInt8 = 0
        var mantissa = bitrate
        while mantissa >= 1 << mantissaBits {
            mantissa >>= 1
            exponent += 1
        }
        return (exponent, UInt32(mantissa))
    }

    /// Exponents beyond 46 would overflow 64 bits; no real rate is that large.
    static func decode(exponent: UInt8, mantissa: UInt32) -> UInt64 {
        exponent > 46 ? UInt64.max : UInt64(mantissa) << exponent
    }
}
