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
