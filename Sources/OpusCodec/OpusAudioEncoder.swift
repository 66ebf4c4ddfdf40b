/// Opus encoding (RFC 6716 §2) of PCM frames into RTP payloads (RFC 7587 §4.2) through libopus.
import COpus
import Mixing

/// An Opus encoder.
///
/// Owns a libopus encoder state. Not thread-safe: it belongs to one event loop (the room's), which alone calls it;
/// `@unchecked Sendable` only so it can be handed to that loop. The state is freed in `deinit`.
public final class OpusAudioEncoder: AudioEncoder, @unchecked Sendable {
    public let configuration: OpusEncoderConfiguration
    public let descriptor: AudioCodecDescriptor
    private let state: OpaquePointer

    public init(_ configuration: OpusEncoderConfiguration = OpusEncoderConfiguration()) throws(AudioCodecError) {
        self.configuration = configuration
        // The RTP clock is 48 kHz whatever rate the encoder samples at (RFC 7587 §4.1).
        descriptor = AudioCodecDescriptor(
            name: "opus", rtpClockRate: 48000, sampleRate: configuration.sampleRate, channels: configuration.channels)
        let application: Int32
        switch configuration.application {
        case .voip: application = OPUS_APPLICATION_VOIP
        case .audio: application = OPUS_APPLICATION_AUDIO
        case .restrictedLowDelay: application = OPUS_APPLICATION_RESTRICTED_LOWDELAY
        }
        var error: Int32 = OPUS_OK
        guard let state = opus_encoder_create(
            Int32(configuration.sampleRate), Int32(configuration.channels), application, &error
        ), error == OPUS_OK else {
            throw .invalidConfiguration(
                codec: "opus", setting: "sample rate \(configuration.sampleRate) × \(configuration.channels) channel(s)",
                reason: OpusStatus.message(error))
        }
        self.state = state
        // Fully initialised from here: a throw below runs deinit, which frees the state.
        try OpusStatus.check(huiyi_opus_set_bitrate(state, Int32(configuration.bitrate)), setting: "bitrate")
        try OpusStatus.check(huiyi_opus_set_complexity(state, Int32(configuration.complexity)), setting: "complexity")
        try OpusStatus.check(huiyi_opus_set_inband_fec(state, configuration.inbandFEC ? 1 : 0), setting: "inband FEC")
        try OpusStatus.check(
            huiyi_opus_set_packet_loss_perc(state, Int32(configuration.expectedPacketLossPercent)),
            setting: "expected packet loss")
        try OpusStatus.check(huiyi_opus_set_dtx(state, configuration.dtx ? 1 : 0), setting: "DTX")
        let signal: Int32
        switch configuration.signal {
        case .automatic: signal = OPUS_AUTO
        case .voice: signal = OPUS_SIGNAL_VOICE
        case .music: signal = OPUS_SIGNAL_MUSIC
        }
        try OpusStatus.check(huiyi_opus_set_signal(state, signal), setting: "signal")
    }

    deinit { opus_encoder_destroy(state) }

    /// Samples per channel of look-ahead the encoder adds to the decoded signal's delay.
    public var lookahead: Int {
        var value: Int32 = 0
        _ = huiyi_opus_get_lookahead(state, &value)
        return Int(value)
    }

    /// Encodes one frame of 2.5–60 ms. With DTX on, a result of 2 bytes or fewer is a silence frame the caller need
    /// not send (RFC 7587 §3.1.3).
    public func encode(_ frame: AudioFrame, into output: UnsafeMutableRawBufferPointer) throws(AudioCodecError) -> Int {
        try requireShape(of: frame)
        guard OpusStatus.isFrameSize(frame.samplesPerChannel, sampleRate: frame.sampleRate) else {
            throw .unsupportedFrame(
                codec: "opus", expected: "2.5, 5, 10, 20, 40 or 60 ms", got: "\(frame.samplesPerChannel) samples")
        }
        guard let base = output.baseAddress?.assumingMemoryBound(to: UInt8.self), output.count > 0 else {
            throw .outputBufferTooSmall(codec: "opus", needed: 1, available: 0)
        }
        let capacity = Int32(min(output.count, Int(Int32.max)))
        let frameSize = Int32(frame.samplesPerChannel)
        let state = self.state
        let result: Int32
        switch frame.format {
        case .int16:
            result = frame.withInt16Samples { opus_encode(state, $0.baseAddress!, frameSize, base, capacity) }
        case .float32:
            result = frame.withFloatSamples { opus_encode_float(state, $0.baseAddress!, frameSize, base, capacity) }
        }
        return try OpusStatus.check(result)
    }

    /// Clears the encoder's history, as for a new stream.
    public func reset() { _ = huiyi_opus_encoder_reset(state) }
}
