/// ITU-T G.722 decoding via libavcodec's adpcm_g722 (RFC 3551 §4.5.2), with pitch-repetition loss concealment.
import CFFmpeg
import Mixing

/// A G.722 decoder producing 16 kHz mono 16-bit frames: each octet becomes two samples.
///
/// Owns a libavcodec context, frame and packet. Not thread-safe: it belongs to one event loop (the room's), which
/// alone calls it; `@unchecked Sendable` only so it can be handed to that loop. Everything is freed in `deinit`.
public final class G722AudioDecoder: AudioDecoder, @unchecked Sendable {
    public let descriptor = AudioCodecDescriptor.g722
    private var context: UnsafeMutablePointer<AVCodecContext>?
    private var frame: UnsafeMutablePointer<AVFrame>?
    private var packet: UnsafeMutablePointer<AVPacket>?
    private var concealer = AudioLossConcealer(sampleRate: 16000, channels: 1)

    public init() throws(AudioCodecError) {
        FFmpeg.prepare()
        guard let codec = avcodec_find_decoder(AV_CODEC_ID_ADPCM_G722),
              let context = avcodec_alloc_context3(codec),
              let frame = av_frame_alloc(), let packet = av_packet_alloc()
        else {
            throw .library(codec: "G722", code: 0, message: "libavcodec has no adpcm_g722 decoder or is out of memory")
        }
        self.context = context
        self.frame = frame
        self.packet = packet
        context.pointee.sample_rate = 16000
        av_channel_layout_default(&context.pointee.ch_layout, 1)
        try FFmpegAudio.check(avcodec_open2(context, codec, nil), codec: "G722", "open decoder")
    }

    deinit {
        av_packet_free(&packet)
        av_frame_free(&frame)
        avcodec_free_context(&context)
    }

    public func decode(_ payload: UnsafeRawBufferPointer, into output: inout AudioFrame) throws(AudioCodecError) {
        guard let context, let frame, let packet, let base = payload.baseAddress, !payload.isEmpty else {
            throw .invalidPayload(codec: "G722", reason: "empty payload")
        }
        // Not reference-counted: libavcodec copies the payload it keeps.
        packet.pointee.data = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
        packet.pointee.size = Int32(payload.count)
        let sent = avcodec_send_packet(context, packet)
        packet.pointee.data = nil
        packet.pointee.size = 0
        try FFmpegAudio.check(sent, codec: "G722", "send packet")
        output.reshape(format: .int16, sampleRate: 16000, channels: 1, samplesPerChannel: 0)
        while true {
            let status = avcodec_receive_frame(context, frame)
            if status == FFmpeg.again { break }
            try FFmpegAudio.check(status, codec: "G722", "receive frame")
            defer { av_frame_unref(frame) }
            guard frame.pointee.format == AV_SAMPLE_FMT_S16.rawValue else {
                throw .library(codec: "G722", code: 0, message: "decoder produced sample format \(frame.pointee.format)")
            }
            let start = output.samplesPerChannel
            let count = Int(frame.pointee.nb_samples)
            output.resize(samplesPerChannel: start + count)
            let source = UnsafeRawPointer(frame.pointee.data.0!).assumingMemoryBound(to: Int16.self)
            output.withMutableInt16Samples { samples in
                samples.baseAddress!.advanced(by: start).update(from: source, count: count)
            }
        }
        concealer.record(&output)
    }

    public func decodeLoss(samplesPerChannel: Int, into frame: inout AudioFrame) throws(AudioCodecError) {
        concealer.conceal(samplesPerChannel: samplesPerChannel, into: &frame)
    }
}
