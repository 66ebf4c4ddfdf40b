/// PLI: payload-specific feedback asking the sender for a decoder refresh (RFC 4585 §6.3.1).
///
/// "PLI does not require parameters. Therefore, the length field MUST be 2, and there MUST NOT be
/// any Feedback Control Information."
public struct PictureLossIndication: Hashable, Sendable {
    public static let format: UInt8 = 1

    public var senderSSRC: UInt32
    public var mediaSSRC: UInt32

    public init(senderSSRC: UInt32, mediaSSRC: UInt32) {
        self.senderSSRC = senderSSRC
        self.mediaSSRC = mediaSSRC
    }

    public init(parsing packet: [UInt8]) throws(RTCPParseError) {
        let feedback = try FeedbackReader(packet, type: RTCPPacketType.payloadSpecificFeedback, format: Self.format)
        guard feedback.fci.isEmpty else { throw feedback.malformed("PLI carries no FCI") }
        self.init(senderSSRC: feedback.senderSSRC, mediaSSRC: feedback.mediaSSRC)
    }

    public func serialized() -> [UInt8] {
        feedbackPacket(
            type: RTCPPacketType.payloadSpecificFeedback, format: Self.format, sender: senderSSRC, media: mediaSSRC,
            fci: [])
    }
}
