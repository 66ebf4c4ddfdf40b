/// What SDP offer/answer agreed for one audio leg (RFC 3264 §6.1, RFC 4568 keys, RFC 5761 rtcp-mux), in the
/// terms the media path needs.
import Mixing
import NIOCore
import SDP

public struct AudioLegParameters: Sendable {
    /// The codec as negotiated (name, RTP clock, PCM rate, channels).
    public var codec: AudioCodecDescriptor
    public var payloadType: UInt8
    /// RFC 4733 telephone-event, when negotiated.
    public var telephoneEventPayloadType: UInt8?
    /// Packet duration this side sends, in milliseconds.
    public var ptime: Int
    /// Where the peer said to send RTP (nil while it holds with `c=0.0.0.0` or a zero port).
    public var remoteRTP: SocketAddress?
    public var rtcpMux: Bool
    /// SDES keys (RFC 4568): nil for plain RTP.
    public var crypto: CryptoAgreement?
    /// The peer takes media from this side (its direction is sendrecv or recvonly).
    public var sends: Bool
    /// The peer sends media to this side (sendrecv or sendonly).
    public var receives: Bool
    /// fmtp parameters that change the encoded stream (part of the codec group key).
    public var codecParameters: String
    /// The RFC 8285 identifier of the peer's RFC 6464 audio levels, when negotiated: the mixer then uses the level
    /// the peer measured instead of measuring the decoded audio.
    public var audioLevelExtension: UInt8?
    /// The payload types the peer sends under, when they differ from the ones this side sends (an offerer sends
    /// under the answer's numbers and receives under its own offer's, RFC 3264 §6.1).
    public var receivedPayloadType: UInt8?
    public var receivedTelephoneEventPayloadType: UInt8?

    /// The payload type of the peer's audio.
    var incomingPayloadType: UInt8 { receivedPayloadType ?? payloadType }
    /// The payload type of the peer's RFC 4733 events.
    var incomingTelephoneEventPayloadType: UInt8? { receivedTelephoneEventPayloadType ?? telephoneEventPayloadType }

    public init(codec: AudioCodecDescriptor, payloadType: UInt8, telephoneEventPayloadType: UInt8? = nil,
                ptime: Int = 20, remoteRTP: SocketAddress?, rtcpMux: Bool = false, crypto: CryptoAgreement? = nil,
                sends: Bool = true, receives: Bool = true, codecParameters: String = "",
                audioLevelExtension: UInt8? = nil, receivedPayloadType: UInt8? = nil,
                receivedTelephoneEventPayloadType: UInt8? = nil) {
        self.receivedPayloadType = receivedPayloadType
        self.receivedTelephoneEventPayloadType = receivedTelephoneEventPayloadType
        self.audioLevelExtension = audioLevelExtension
        self.codec = codec
        self.payloadType = payloadType
        self.telephoneEventPayloadType = telephoneEventPayloadType
        self.ptime = ptime
        self.remoteRTP = remoteRTP
        self.rtcpMux = rtcpMux
        self.crypto = crypto
        self.sends = sends
        self.receives = receives
        self.codecParameters = codecParameters
    }

    /// Listeners with equal groups share one encoded mix. Mono at 20 ms: the mixer is mono and ticks every 20 ms
    /// (an `opus/48000/2` peer decodes mono Opus as well, RFC 7587 §3.4).
    var group: AudioCodecGroup {
        var codec = self.codec
        codec.channels = 1
        if codec.name.lowercased() == "opus" { codec.sampleRate = 48000 }
        return AudioCodecGroup(codec: codec, ptime: 20, parameters: codecParameters)
    }
}
