/// Sample-rate conversion between the codec rates (8, 16, 48 kHz) over libswresample, for the 48 kHz mixer.
import CFFmpeg
import Mixing

/// A streaming resampler of interleaved frames (16-bit or float, mono or stereo) from one rate to another.
///
/// It keeps filter history across calls, so consecutive frames join without clicks; the first outputs are shorter
/// by the filter delay, which `flush` releases at the end of a stream. Owns a SwrContext. Not thread-safe: it belongs
/// to one event loop (the room's), which alone calls it; `@unchecked Sendable` only so it can be handed to that loop.
/// The context is freed in `deinit`.
public final class AudioResampler: @unchecked Sendable {
    public let inputRate: Int
    public let outputRate: Int
    public let channels: Int
    public let format: AudioSampleFormat
    private var context: OpaquePointer?

    public init(from inputRate: Int, to outputRate: Int, channels: Int = 1, format: AudioSampleFormat = .int16)
        throws(AudioCodecError)
    {
        FFmpeg.prepare()
        guard inputRate > 0, outputRate > 0, (1...2).contains(channels) else {
            throw .invalidConfiguration(
                codec: "resampler", setting: "shape",
                reason: "\(inputRate) → \(outputRate) Hz × \(channels) channel(s) is not supported")
        }
        self.inputRate = inputRate
        self.outputRate = outputRate
        self.channels = channels
        self.format = format
        var outputLayout = AVChannelLayout()
        var inputLayout = AVChannelLayout()
        av_channel_layout_default(&outputLayout, Int32(channels))
        av_channel_layout_default(&inputLayout, Int32(channels))
        defer {
            av_channel_layout_uninit(&outputLayout)
            av_channel_layout_uninit(&inputLayout)
        }
        let sampleFormat = FFmpegAudio.sampleFormat(format)
        try FFmpegAudio.check(
            swr_alloc_set_opts2(
                &context, &outputLayout, sampleFormat, Int32(outputRate), &inputLayout, sampleFormat, Int32(inputRate), 0, nil),
            codec: "resampler", "configure")
        try FFmpegAudio.check(swr_init(context), codec: "resampler", "initialise")
    }

    deinit { swr_free(&context) }

    /// Input samples per channel held in the filter, expressed at the output rate.
    public var delay: Int { Int(swr_get_delay(context, Int64(outputRate))) }

    /// Converts `input` (this resampler's input rate, channels and format) and writes what is ready into `output`.
    public func resample(_ input: AudioFrame, into output: inout AudioFrame) throws(AudioCodecError) {
        guard input.sampleRate == inputRate, input.channels == channels, input.format == format else {
            throw .unsupportedFrame(
                codec: "resampler", expected: "\(inputRate) Hz × \(channels) channel(s), \(format)",
                got: "\(input.sampleRate) Hz × \(input.channels) channel(s), \(input.format)")
        }
        switch format {
        case .int16:
            try input.withInt16Samples { (samples) throws(AudioCodecError) in
                try convert(UnsafeRawPointer(samples.baseAddress), count: input.samplesPerChannel, into: &output)
            }
        case .float32:
            try input.withFloatSamples { (samples) throws(AudioCodecError) in
                try convert(UnsafeRawPointer(samples.baseAddress), count: input.samplesPerChannel, into: &output)
            }
        }
    }

    /// Drains the samples still in the filter, at the end of a stream.
    public func flush(into output: inout AudioFrame) throws(AudioCodecError) {
        try convert(nil, count: 0, into: &output)
    }

    private func convert(_ input: UnsafeRawPointer?, count: Int, into output: inout AudioFrame) throws(AudioCodecError) {
        let capacity = Int(try FFmpegAudio.check(
            swr_get_out_samples(context, Int32(count)), codec: "resampler", "size output"))
        output.reshape(format: format, sampleRate: outputRate, channels: channels, samplesPerChannel: max(capacity, 1))
        let context = self.context
        let converted: Int32
        switch format {
        case .int16:
            converted = output.withMutableInt16Samples {
                run(context, UnsafeMutableRawPointer($0.baseAddress!), capacity, input, count)
            }
        case .float32:
            converted = output.withMutableFloatSamples {
                run(context, UnsafeMutableRawPointer($0.baseAddress!), capacity, input, count)
            }
        }
        output.resize(samplesPerChannel: Int(try FFmpegAudio.check(converted, codec: "resampler", "convert")))
    }
}

/// One `swr_convert` call on interleaved buffers.
private func run(
    _ context: OpaquePointer?, _ output: UnsafeMutableRawPointer, _ capacity: Int, _ input: UnsafeRawPointer?, _ count: Int
) -> Int32 {
    var outputPlane: UnsafeMutablePointer<UInt8>? = output.assumingMemoryBound(to: UInt8.self)
    var inputPlane: UnsafePointer<UInt8>? = input?.assumingMemoryBound(to: UInt8.self)
    return withUnsafeMutablePointer(to: &outputPlane) { outputPlanes in
        withUnsafeMutablePointer(to: &inputPlane) { inputPlanes in
            swr_convert(context, outputPlanes, Int32(capacity), input == nil ? nil : inputPlanes, Int32(count))
        }
    }
}
