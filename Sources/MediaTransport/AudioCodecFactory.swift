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
                // The room's mixes are coded with CELT alone (RESTRICTED_LOWDELAY): a mix of several voices and
                // tones fits CELT's transform coding better than SILK's single-talker model, the encoder costs a
                // fraction of the hybrid mode's (docs/BENCHMARKS.md, audio rooms) and adds 2.5 ms instead of 6.5 ms.
                // CELT has no in-band FEC; its concealment covers the isolated losses of the city's own network.
                return try OpusAudioEncoder(OpusEncoderConfiguration(
                    sampleRate: 48000, channels: 1, bitrate: 32000, complexity: 5,
                    application: .restrictedLowDelay))
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
