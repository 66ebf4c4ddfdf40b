/// RTCP packets and the compound datagrams that carry them (RFC 3550 §6.1, RFC 4585 §6.1, RFC 5506 §3).
public enum RTCPPacket: Hashable, Sendable {
    case senderReport(SenderReport)
    case receiverReport(ReceiverReport)
    case sourceDescription(SourceDescription)
    case goodbye(Goodbye)
    case applicationDefined(ApplicationDefined)
    case genericNACK(GenericNACK)
    case temporaryMaximumMediaStreamBitrate(TemporaryMaximumMediaStreamBitrate)
    case pictureLossIndication(PictureLossIndication)
    case fullIntraRequest(FullIntraRequest)
    case receiverEstimatedMaximumBitrate(ReceiverEstimatedMaximumBitrate)
    /// A type or feedback format this implementation does not interpret, kept whole (header included).
    case unknown(header: RTCPHeader, bytes: [UInt8])

    /// Parses one packet (its header's length must cover `bytes` exactly or less).
    public init(parsing packet: [UInt8]) throws(RTCPParseError) {
        let header = try RTCPHeader.parse(packet)
        let packet = header.packetSize == packet.count ? packet : Array(packet[..<header.packetSize])
        switch (header.packetType, header.count) {
        case (RTCPPacketType.senderReport, _): self = .senderReport(try SenderReport(parsing: packet))
        case (RTCPPacketType.receiverReport, _): self = .receiverReport(try ReceiverReport(parsing: packet))
        case (RTCPPacketType.sourceDescription, _): self = .sourceDescription(try SourceDescription(parsing: packet))
        case (RTCPPacketType.goodbye, _): self = .goodbye(try Goodbye(parsing: packet))
        case (RTCPPacketType.applicationDefined, _): self = .applicationDefined(try ApplicationDefined(parsing: packet))
        case (RTCPPacketType.transportFeedback, GenericNACK.format): self = .genericNACK(try GenericNACK(parsing: packet))
        case (RTCPPacketType.transportFeedback, TemporaryMaximumMediaStreamBitrate.Kind.request.rawValue),
            (RTCPPacketType.transportFeedback, TemporaryMaximumMediaStreamBitrate.Kind.notification.rawValue):
            self = .temporaryMaximumMediaStreamBitrate(try TemporaryMaximumMediaStreamBitrate(parsing: packet))
        case (RTCPPacketType.payloadSpecificFeedback, PictureLossIndication.format):
            self = .pictureLossIndication(try PictureLossIndication(parsing: packet))
        case (RTCPPacketType.payloadSpecificFeedback, FullIntraRequest.format):
            self = .fullIntraRequest(try FullIntraRequest(parsing: packet))
        case (RTCPPacketType.payloadSpecificFeedback, ReceiverEstimatedMaximumBitrate.format)
        where packet.count >= 16 && Array(packet[12..<16]) == ReceiverEstimatedMaximumBitrate.identifier:
            self = .receiverEstimatedMaximumBitrate(try ReceiverEstimatedMaximumBitrate(parsing: packet))
        default:
            self = .unknown(header: header, bytes: packet)
        }
    }

    public func serialized() -> [UInt8] {
        switch self {
        case .senderReport(let p): p.serialized()
        case .receiverReport(let p): p.serialized()
        case .sourceDescription(let p): p.serialized()
        case .goodbye(let p): p.serialized()
        case .applicationDefined(let p): p.serialized()
        case .genericNACK(let p): p.serialized()
        case .temporaryMaximumMediaStreamBitrate(let p): p.serialized()
        case .pictureLossIndication(let p): p.serialized()
        case .fullIntraRequest(let p): p.serialized()
        case .receiverEstimatedMaximumBitrate(let p): p.serialized()
        case .unknown(_, let bytes): bytes
        }
    }

    /// Splits a compound datagram into its packets (§6.1: "multiple RTCP packets can be concatenated
    /// without any intervening separators"). A reduced-size datagram (RFC 5506) of one packet is accepted.
    public static func parseCompound(_ bytes: [UInt8]) throws(RTCPParseError) -> [RTCPPacket] {
        guard !bytes.isEmpty else { throw .truncated(needed: RTCPHeader.size, available: 0) }
        var packets: [RTCPPacket] = []
        var offset = 0
        while offset < bytes.count {
            let header = try RTCPHeader.parse(bytes, at: offset)
            // A.2: "The padding bit (P) should be zero for all but the last packet".
            let end = offset + header.packetSize
            packets.append(try RTCPPacket(parsing: Array(bytes[offset..<end])))
            offset = end
        }
        return packets
    }

    /// RFC 3550 A.2 header validity for a compound datagram: the first packet is an SR or RR (unless
    /// reduced-size RTCP, RFC 5506 §3, was negotiated) and only the last packet may be padded.
    public static func validateCompound(_ bytes: [UInt8], reducedSize: Bool = false) throws(RTCPParseError) {
        var offset = 0
        while offset < bytes.count {
            let header = try RTCPHeader.parse(bytes, at: offset)
            let isFirst = offset == 0
            offset += header.packetSize
            if isFirst, !reducedSize,
                header.packetType != RTCPPacketType.senderReport, header.packetType != RTCPPacketType.receiverReport
            {
                throw .malformed(packetType: header.packetType, reason: "a compound packet must begin with SR or RR")
            }
            if header.padding, offset < bytes.count {
                throw .malformed(packetType: header.packetType, reason: "padding on a packet that is not the last")
            }
        }
        if bytes.isEmpty { throw .truncated(needed: RTCPHeader.size, available: 0) }
    }

    /// Concatenates packets into one compound datagram.
    public static func serializeCompound(_ packets: [RTCPPacket]) -> [UInt8] {
        packets.reduce(into: []) { $0 += $1.serialized() }
    }
}
