/// From what SDP offer/answer settled (RFC 3264) to what the media path runs with.
import MediaTransport
import Mixing
import NIOCore
import SDP

extension NegotiatedAudio {
    /// The media leg's parameters; nil when the codec has no implementation here.
    func legParameters() -> AudioLegParameters? {
        let descriptor: AudioCodecDescriptor
        switch codec.encodingName.lowercased() {
        case "opus": descriptor = .opus(channels: codec.channels)
        case "pcmu": descriptor = .pcmu
        case "pcma": descriptor = .pcma
        case "g722": descriptor = .g722
        default: return nil
        }
        // RFC 3264 §8.4 hold (c=0.0.0.0) and a zero port mean "do not send to me".
        let remote: SocketAddress? = remotePort == 0 || remoteAddress == "0.0.0.0" || remoteAddress == "::"
            ? nil : try? SocketAddress(ipAddress: remoteAddress, port: Int(remotePort))
        return AudioLegParameters(
            codec: descriptor, payloadType: codec.payloadType, telephoneEventPayloadType: telephoneEventPayloadType,
            ptime: ptime, remoteRTP: remote, rtcpMux: rtcpMux, crypto: crypto,
            sends: localDirection.sends, receives: localDirection.receives,
            codecParameters: descriptor.name == "opus" ? "useinbandfec=1" : "",
            audioLevelExtension: audioLevelExtension, receivedPayloadType: receivedPayloadType,
            receivedTelephoneEventPayloadType: receivedTelephoneEventPayloadType)
    }
}

extension SessionDescription {
    /// The answer with the audio stream's port set to the one the media leg bound (the answer is built first, to
    /// learn whether the offer is acceptable at all, before a socket is spent on it).
    func settingAudioPort(_ port: Int) -> SessionDescription {
        var copy = self
        if let index = copy.media.firstIndex(where: { $0.media == .audio && $0.port != 0 }) {
            copy.media[index].port = UInt16(port)
        }
        return copy
    }
}
