/// Opus decoding (RFC 6716 §4) of RTP payloads, with packet-loss concealment and in-band FEC recovery (§4.2.4).
import COpus
import Mixing

/// An Opus decoder producing 16-bit frames, or float frames straight from libopus's float decoder (no conversion to
/// 16 bits and back, no soft clipping: what a mixer with its own limiter wants).
///
/// Owns a libopus decoder state. Not thread-safe: it belongs to one event loop (the room's), which alone calls it;
/// `@unchecked Sendable` only so it can be handed to that loop. The state is freed in `deinit`.
public final class OpusAudioDecoder: AudioDecoder, @unchecked Sendable {
    public let descriptor: AudioCodecDescriptor
    /// The sample format of the frames it produces.
    public let format: AudioSampleFormat
    private let state: OpaquePointer

    /// A decoder at `sampleRate` (48000, or 8000/12000/16000/24000) with `channels` output channels (1 or 2); any
    /// Opus stream decodes at any rate and channel count.
    public init(sampleRate: Int = 48000, channels: Int = 1, format: AudioSampleFormat = .int16)
        throws(AudioCodecError)
    {
        var error: Int32 = OPUS_OK
        guard let state = opus_decoder_create(Int32(sampleRate), Int32(channels), &error), error == OPUS_OK else {
            throw .invalidConfiguration(
                codec: "opus", setting: "sample rate \(sampleRate) × \(channels) channel(s)",
                reason: OpusStatus.message(error))
        }
        self.state = state
        self.format = format
        descriptor = AudioCodecDescriptor(name: "opus", rtpClockRate: 48000, sampleRate: sampleRate, channels: channels)
    }

    deinit { opus_decoder_destroy(state) }

    public func decode(_ payload: UnsafeRawBufferPointer, into frame: inout AudioFrame) throws(AudioCodecError) {
        guard let data = payload.baseAddress?.assumingMemoryBound(to: UInt8.self), !payload.isEmpty else {
            throw .invalidPayload(codec: "opus", reason: "empty payload")
        }
        let samples = try OpusStatus.check(
            opus_packet_get_nb_samples(data, Int32(payload.count), Int32(descriptor.sampleRate)))
        try run(data: data, length: Int32(payload.count), samplesPerChannel: samples, fec: false, into: &frame)
    }

    /// Concealment for a lost packet; `samplesPerChannel` must be a multiple of 2.5 ms (normally the ptime).
    public func decodeLoss(samplesPerChannel: Int, into frame: inout AudioFrame) throws(AudioCodecError) {
        try run(data: nil, length: 0, samplesPerChannel: samplesPerChannel, fec: false, into: &frame)
    }

    /// The lost packet rebuilt from the LBRR data in `next` (when the sender had FEC on and was in SILK or hybrid
    /// mode); libopus conceals instead when `next` carries none. Decode `next` normally afterwards.
    public func decodeFEC(
        next payload: UnsafeRawBufferPointer, samplesPerChannel: Int, into frame: inout AudioFrame
    ) throws(AudioCodecError) {
        guard let data = payload.baseAddress?.assumingMemoryBound(to: UInt8.self), !payload.isEmpty else {
            return try decodeLoss(samplesPerChannel: samplesPerChannel, into: &frame)
        }
        try run(data: data, length: Int32(payload.count), samplesPerChannel: samplesPerChannel, fec: true, into: &frame)
    }

    /// Clears the decoder's history, as for a new stream.
    public func reset() { _ = huiyi_opus_decoder_reset(state) }

    private func run(
        data: UnsafePointer<UInt8>?, length: Int32, samplesPerChannel: Int, fec: Bool, into frame: inout AudioFrame
    ) throws(AudioCodecError) {
        let rate = descriptor.sampleRate
        guard samplesPerChannel > 0, samplesPerChannel * 400 % rate == 0, samplesPerChannel <= rate * 120 / 1000 else {
            throw .unsupportedFrame(
                codec: "opus", expected: "a multiple of 2.5 ms up to 120 ms", got: "\(samplesPerChannel) samples")
        }
        frame.reshape(
            format: format, sampleRate: descriptor.sampleRate, channels: descriptor.channels,
            samplesPerChannel: samplesPerChannel)
        let state = self.state
        let decoded = switch format {
        case .int16:
            frame.withMutableInt16Samples { samples in
                opus_decode(state, data, length, samples.baseAddress!, Int32(samplesPerChannel), fec ? 1 : 0)
            }
        case .float32:
            frame.withMutableFloatSamples { samples in
                opus_decode_float(state, data, length, samples.baseAddress!, Int32(samplesPerChannel), fec ? 1 : 0)
            }
        }
        let count = try OpusStatus.check(decoded)
        if count != samplesPerChannel { frame.resize(samplesPerChannel: count) }
    }
}
