/// An encoder fed at the mixer's 48 kHz mono that encodes a narrower codec (G.711 at 8 kHz, G.722 at 16 kHz,
/// RFC 3551 §4.5): resample, then hand the codec exactly one packet's worth of samples.
import FFmpegCodecs
import Mixing

final class ResamplingAudioEncoder: AudioEncoder, @unchecked Sendable {
    /// What the mixer sees: 48 kHz mono under the inner codec's name.
    let descriptor: AudioCodecDescriptor
    private var inner: any AudioEncoder
    private let resampler: AudioResampler
    private var resampled: AudioFrame
    private var packet: AudioFrame
    /// Resampled samples not yet encoded (the resampler's output size varies by a sample or two).
    private var pending: [Float] = []
    private let samplesPerPacket: Int

    init(inner: any AudioEncoder, inputRate: Int = 48000, ptime: Int = 20) throws(AudioCodecError) {
        self.inner = inner
        let codec = inner.descriptor
        descriptor = AudioCodecDescriptor(
            name: codec.name, rtpClockRate: codec.rtpClockRate, sampleRate: inputRate, channels: 1,
            defaultPtime: codec.defaultPtime, staticPayloadType: codec.staticPayloadType)
        resampler = try AudioResampler(from: inputRate, to: codec.sampleRate, channels: 1, format: .float32)
        resampled = AudioFrame(format: .float32, sampleRate: codec.sampleRate, channels: 1)
        samplesPerPacket = codec.samplesPerChannel(ptime: ptime)
        packet = AudioFrame(format: .float32, sampleRate: codec.sampleRate, channels: 1,
                            samplesPerChannel: samplesPerPacket)
        pending.reserveCapacity(samplesPerPacket * 4)
    }

    func encode(_ frame: AudioFrame, into output: UnsafeMutableRawBufferPointer) throws(AudioCodecError) -> Int {
        try requireShape(of: frame)
        try resampler.resample(frame, into: &resampled)
        resampled.withFloatSamples { pending.append(contentsOf: $0) }
        let take = min(samplesPerPacket, pending.count)
        packet.withMutableFloatSamples { out in
            for index in 0..<samplesPerPacket { out[index] = index < take ? pending[index] : 0 }
        }
        pending.removeFirst(take)
        // Keep latency bounded should the resampler ever run ahead.
        if pending.count > samplesPerPacket * 2 { pending.removeFirst(pending.count - samplesPerPacket) }
        return try inner.encode(packet, into: output)
    }
}
