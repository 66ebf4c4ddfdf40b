/// The header checks done before handing bytes to libsrtp: RTP fixed header (RFC 3550 §5.1), RTCP header (§6.4).

/// Cheap structural checks so that garbage is refused with a reason before it reaches the C library.
enum PacketCheck {
    static func rtp(_ buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) {
        guard length >= 12, length <= buffer.count else {
            throw .malformedPacket("RTP needs a 12-octet fixed header, got \(length) octets")
        }
        let first = buffer[0]
        guard first >> 6 == 2 else { throw .malformedPacket("RTP version is \(first >> 6), expected 2") }
        var headerLength = 12 + 4 * Int(first & 0x0F)
        if first & 0x10 != 0 {
            guard length >= headerLength + 4 else {
                throw .malformedPacket("RTP header extension flag set but the packet ends at \(length) octets")
            }
            headerLength += 4 + 4 * (Int(buffer[headerLength + 2]) << 8 | Int(buffer[headerLength + 3]))
        }
        guard length >= headerLength else {
            throw .malformedPacket("RTP header of \(headerLength) octets (CSRCs, extension) exceeds the \(length)-octet packet")
        }
    }

    static func rtcp(_ buffer: UnsafeMutableRawBufferPointer, length: Int) throws(SRTPError) {
        guard length >= 8, length <= buffer.count else {
            throw .malformedPacket("RTCP needs an 8-octet header with the sender SSRC, got \(length) octets")
        }
        guard buffer[0] >> 6 == 2 else { throw .malformedPacket("RTCP version is \(buffer[0] >> 6), expected 2") }
    }
}
