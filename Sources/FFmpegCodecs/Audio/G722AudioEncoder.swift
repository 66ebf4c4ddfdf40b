/// ITU-T G.722 (64 kb/s sub-band ADPCM) encoding via libavcodec's adpcm_g722, as RTP payload G722 (RFC 3551 §4.5.2).
import CFFmpeg
import Mixing

/// A G.722 encoder for 16 kHz mono frames of one fixed packet duration: each sample pair becomes one octet.
///
/// Owns a libavcodec context, frame and packet. Not thread-safe: it belongs to one event loop (the room's), which
/// alone calls it; `@unchecked Sendable` only so it can be handed to that loop. Everything is freed in `deinit`.
public final class G722AudioEncoder: AudioEncoder, @unchecked Sendable {
    public let descriptor = AudioCodecDescriptor.g722
    /// Samples per frame (16 kHz × ptime).
    public let samplesPerFrame: Int
    private var context: UnsafeMutablePointer<AVCodecContext>?
    private var frame: UnsafeMutablePointer<AVFrame>?
    private var packet: UnsafeMutablePointer<AVPacket>?
    private var nextPTS: Int64 = 0

    /// An encoder for packets of `ptime` milliseconds (10–60, whole milliseconds).
    public init(ptime: Int = 20) throws(AudioCodecError) {
        FFmpeg.prepare()
        guard (10...60).contains(ptime) else {
            throw .invalidConfiguration(codec: "G722", setting: "ptime", reason: "\(ptime) ms is not within 10–60 ms")
        }
        samplesPerFrame = 16 * ptime
        guard let codec = avcodec_find_encoder(AV_CODEC_ID_ADPCM_G722),
              let context = avcodec_alloc_context3(codec),
              let frame = av_frame_alloc(), let packet = av_packet_alloc()
        else {
            throw .library(codec: "G722", code: 0, message: "libavcodec has no adpcm_g722 encoder or is out of memory")
        }
        self.context = context
        self.frame = frame
        self.packet = packet
        context.pointee.sample_rate = 16000
        context.pointee.sample_fmt = AV_SAMPLE_FMT_S16
        context.pointee.bit_rate = 64000
        context.pointee.time_base = AVRational(num: 1, den: 16000)
        context.pointee.frame_size = Int32(samplesPerFrame)
        av_channel_layout_default(&context.pointee.ch_layout, 1)
        try FFmpegAudio.check(avcodec_open2(context, codec, nil), codec: "G722", "open encoder")
        frame.pointee.format = AV_SAMPLE_FMT_S16.rawValue
        frame.pointee.sample_rate = 16000
        frame.pointee.nb_samples = Int32(samplesPerFrame)
        try FFmpegAudio.check(av_channel_layout_copy(&frame.pointee.ch_layout, &context.pointee.ch_layout),
                              codec: "G722", "frame layout")
        try FFmpegAudio.check(av_frame_get_buffer(frame, 0), codec: "G722", "frame buffer")
    }

    deinit {
        av_packet_free(&packet)
        av_frame_free(&frame)
        avcodec_free_context(&context)
    }

    public func encode(_ input: AudioFrame, into output: UnsafeMutableRawBufferPointer) throws(AudioCodecError) -> Int {
        try requireShape(of: input)
        guard input.samplesPerChannel == samplesPerFrame else {
            throw .unsupportedFrame(
                codec: "G722", expected: "\(samplesPerFrame) samples", got: "\(input.samplesPerChannel) samples")
        }
        guard output.count >= samplesPerFrame / 2 else {
            throw .outputBufferTooSmall(codec: "G722", needed: samplesPerFrame / 2, available: output.count)
        }
        guard let context, let frame, let packet else { return 0 }
        try FFmpegAudio.check(av_frame_make_writable(frame), codec: "G722", "frame writable")
        let destination = UnsafeMutableRawPointer(frame.pointee.data.0!).assumingMemoryBound(to: Int16.self)
        switch input.format {
        case .int16:
            input.withInt16Samples { destination.update(from: $0.baseAddress!, count: $0.count) }
        case .float32:
            input.withFloatSamples { samples in
                for index in samples.indices { destination[index] = AudioSampleConversion.int16(samples[index]) }
            }
        }
        frame.pointee.pts = nextPTS
        nextPTS += Int64(samplesPerFrame)
        try FFmpegAudio.check(avcodec_send_frame(context, frame), codec: "G722", "send frame")
        var written = 0
        while true {
            let status = avcodec_receive_packet(context, packet)
            if status == FFmpeg.again { break }
            try FFmpegAudio.check(status, codec: "G722", "receive packet")
            let size = Int(packet.pointee.size)
            guard written + size <= output.count else {
                av_packet_unref(packet)
                throw .outputBufferTooSmall(codec: "G722", needed: written + size, available: output.count)
            }
            output.baseAddress!.advanced(by: written).copyMemory(from: packet.pointee.data, byteCount: size)
            written += size
            av_packet_unref(packet)
        }
        return written
    }
}
