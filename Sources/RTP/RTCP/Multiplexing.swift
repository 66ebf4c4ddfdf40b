/// Telling RTP from RTCP on one port (RFC 5761 §4) and RTP/RTCP from STUN and DTLS (RFC 7983 §7).
public enum MultiplexedPacketKind: Hashable, Sendable {
    case stun, dtls, rtp, rtcp, unknown

    /// Classifies a datagram by its first two octets.
    ///
    /// RFC 7983 §7: first octet 0–3 is STUN, 20–63 DTLS, 128–191 RTP or RTCP. RFC 5761 §4: "if the
    /// second octet ... is in the range 64 to 95 [payload type with M masked] ... the packet is RTCP",
    /// which is why RTP payload types 64–95 must not be used when multiplexing.
    public init(_ first: UInt8, _ second: UInt8) {
        switch first {
        case 0...3: self = .stun
        case 20...63: self = .dtls
        case 128...191: self = (64...95).contains(second & 0x7F) ? .rtcp : .rtp
        default: self = .unknown
        }
    }

    public init(datagram: [UInt8]) {
        guard datagram.count >= 2 else {
            self = .unknown
            return
        }
        self.init(datagram[0], datagram[1])
    }
}
