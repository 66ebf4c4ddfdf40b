/// What an audio offer/answer settled for the media path: codec, payload types, packet time, directions, addresses, keys (RFC 3264 §6).

/// The outcome of answering an audio offer, as the media path needs it.
public struct NegotiatedAudio: Sendable, Hashable {
    /// The codec carried in both directions, under the payload type this side sends it with: for the answerer the
    /// offerer's number, for the offerer the answer's (RFC 3264 §6.1).
    public struct Codec: Sendable, Hashable {
        public var encodingName: String
        public var clockRate: UInt32
        /// Channels this side encodes: for Opus 2 only when the offerer asked for stereo (`stereo=1`,
        /// RFC 7587 §7.1) and the room answered it, although SDP always writes `opus/48000/2`; otherwise the
        /// rtpmap's count.
        public var channels: Int
        public var payloadType: UInt8
    }

    public var codec: Codec
    /// The peer's `a=fmtp` parameters for the codec (the offer's for the answerer, the answer's for the offerer),
    /// as written: what the peer asks of this side's encoder
    /// (for Opus `maxplaybackrate`, `useinbandfec`, `cbr`, RFC 7587 §7.1).
    public var offeredFormatParameters: String?
    /// The payload type of RFC 4733 `telephone-event`, when the offer carries it.
    public var telephoneEventPayloadType: UInt8?
    /// The clock rate of the telephone events: the codec's when offered at that rate, else 8000.
    public var telephoneEventClockRate: UInt32?
    /// Milliseconds of audio per packet.
    public var ptime: Int
    /// This side's direction, as answered.
    public var localDirection: MediaDirection
    /// The offerer's direction, with an RFC 2543 `c=0.0.0.0` hold read as "does not receive".
    public var remoteDirection: MediaDirection
    /// Where to send RTP: the offer's connection address for the stream, and its port.
    public var remoteAddress: String
    public var remotePort: UInt16
    /// Where to send RTCP: the `a=rtcp` address if given, else `remoteAddress`.
    public var remoteRTCPAddress: String
    /// The RTP port with rtcp-mux, else `a=rtcp`'s port, else the RTP port plus one (RFC 3605, RFC 5761).
    public var remoteRTCPPort: UInt16
    /// RTP and RTCP share one port in both directions (RFC 5761 §5.1.1).
    public var rtcpMux: Bool
    /// The stream's transport, the same in offer and answer.
    public var proto: TransportProtocol
    /// The SDES keys when the stream is SRTP; `nil` for plain RTP.
    public var crypto: CryptoAgreement?
    /// The RFC 8285 identifier under which the peer sends RFC 6464 audio levels, when negotiated.
    public var audioLevelExtension: UInt8? = nil
    /// The payload type the peer sends the codec under, when it is not ``Codec/payloadType``: an offerer sends
    /// under the answer's number and receives under its own offer's (RFC 3264 §6.1), and an answer may renumber a
    /// dynamic type. `nil` when both directions use one number, as they always do for the answerer.
    public var receivedPayloadType: UInt8? = nil
    /// The same for `telephone-event`: the number the peer sends events under, when not
    /// ``telephoneEventPayloadType``.
    public var receivedTelephoneEventPayloadType: UInt8? = nil
}
