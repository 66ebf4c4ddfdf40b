/// Encoders for the mixer's codec groups: Opus straight from 48 kHz (RFC 7587), G.711 and G.722 through a
/// resampler (RFC 3551 §4.5).
import FFmpegCodecs
import Mixing
import OpusCodec

enum AudioCodecFactory {
    static func encoder(for group: AudioCodecGroup) -> any AudioEncoder {
        do {
            switch group.codec.name.lowercased() {
            case "opus":
                let fec = !group.parameters.contains("useinbandfec=0")
                return try OpusAudioEncoder(OpusEncoderConfiguration(
                    sampleRate: 48000, channels: 1, bitrate: 32000, complexity: 5, inbandFEC: fec,
                    expectedPacketLossPercent: fec ? 5 : 0))
            case "pcmu": return try ResamplingAudioEncoder(inner: G711Encoder(law: .muLaw))
            case "pcma": return try ResamplingAudioEncoder(inner: G711Encoder(law: .aLaw))
            case "g722": return try ResamplingAudioEncoder(inner: G722AudioEncoder(ptime: 20))
            default: return UnavailableEncoder(descriptor: group.codec, reason: "no encoder for \(group.codec.name)")
            }
        } catch {
            return UnavailableEncoder(descriptor: group.codec, reason: "\(error)")
        }
    }
}

/// Stands in for an encoder that could not be created: every encode fails, and the mixer counts the failures.
struct UnavailableEncoder: AudioEncoder {
    let descriptor: AudioCodecDescriptor
    let reason: String

    func encode(_ frame: AudioFrame, into output: UnsafeMutableRawBufferPointer) throws(AudioCodecError) -> Int {
        throw .unsupportedFrame(codec: descriptor.name, expected: "a working encoder", got: reason)
    }
}
