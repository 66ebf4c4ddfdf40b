/// A leg's decoder as the mixer needs it: any negotiated codec in, 48 kHz mono out (RFC 3551 §4.5 rates; Opus
/// decodes at 48 kHz natively, RFC 7587 §4), with loss concealment and Opus in-band FEC.
import FFmpegCodecs
import Mixing
import OpusCodec

final class LegDecoder: @unchecked Sendable {
    let codec: AudioCodecDescriptor
    private var decoder: any AudioDecoder
    private let resampler: AudioResampler?
    private var decoded: AudioFrame
    /// The last output, 48 kHz mono.
    private(set) var output: AudioFrame
    /// Samples per channel of one packet at the decoder's rate, for concealment.
    private(set) var lastPacketSamples: Int

    init(codec: AudioCodecDescriptor, ptime: Int) throws(AudioCodecError) {
        self.codec = codec
        switch codec.name.lowercased() {
        case "opus":
            // Float out: the mixer works in float and limits its own mixes.
            decoder = try OpusAudioDecoder(sampleRate: 48000, channels: 1, format: .float32)
            resampler = nil
        case "pcmu":
            decoder = G711Decoder(law: .muLaw)
            resampler = try AudioResampler(from: 8000, to: 48000, channels: 1, format: .int16)
        case "pcma":
            decoder = G711Decoder(law: .aLaw)
            resampler = try AudioResampler(from: 8000, to: 48000, channels: 1, format: .int16)
        case "g722":
            decoder = try G722AudioDecoder()
            resampler = try AudioResampler(from: 16000, to: 48000, channels: 1, format: .int16)
        default:
            throw .unsupportedFrame(codec: codec.name, expected: "opus, G722, PCMU or PCMA", got: codec.name)
        }
        let rate = decoder.descriptor.sampleRate
        decoded = AudioFrame(sampleRate: rate, channels: decoder.descriptor.channels)
        output = AudioFrame(sampleRate: 48000, channels: 1)
        lastPacketSamples = rate * ptime / 1000
    }

    /// Decodes one payload; the result is in `output`.
    func decode(_ payload: UnsafeRawBufferPointer) throws(AudioCodecError) {
        try decoder.decode(payload, into: &decoded)
        if decoded.samplesPerChannel > 0 { lastPacketSamples = decoded.samplesPerChannel }
        try finish()
    }

    /// Conceals one lost packet, from the next packet's FEC data when it is at hand (Opus); result in `output`.
    func conceal(next payload: UnsafeRawBufferPointer?) throws(AudioCodecError) {
        if let payload {
            try decoder.decodeFEC(next: payload, samplesPerChannel: lastPacketSamples, into: &decoded)
        } else {
            try decoder.decodeLoss(samplesPerChannel: lastPacketSamples, into: &decoded)
        }
        try finish()
    }

    private func finish() throws(AudioCodecError) {
        if let resampler {
            try resampler.resample(decoded, into: &output)
        } else {
            swap(&output, &decoded)
        }
    }
}
