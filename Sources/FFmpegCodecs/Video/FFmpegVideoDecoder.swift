/// A libavcodec video decoder (send_packet/receive_frame API, libavcodec/avcodec.h) fed one access unit at a time.
import CFFmpeg
import Mixing

/// Owns an `AVCodecContext` and its reusable `AVPacket` and `AVFrame` (freed with `FFmpegVideoHandles`). Decoded
/// pictures are copied into frames from a `VideoFramePool`.
///
/// Not thread-safe: one owner (an event loop or a thread) uses it at a time. `@unchecked Sendable` only so that owner
/// may be handed the decoder once.
final class FFmpegVideoDecoder: @unchecked Sendable {
    let codecName: String
    private let handles: FFmpegVideoHandles
    private var context: UnsafeMutablePointer<AVCodecContext> { handles.context }
    private var packet: UnsafeMutablePointer<AVPacket> { handles.packet }
    private var picture: UnsafeMutablePointer<AVFrame> { handles.frame }
    var pool = VideoFramePool(capacity: 4)

    init(codecName: String) throws(VideoCodecError) {
        FFmpeg.prepare()
        guard let codec = avcodec_find_decoder_by_name(codecName) else { throw .codecUnavailable(codecName) }
        handles = try FFmpegVideoHandles(codec: codec, name: codecName)
        self.codecName = codecName
        let context = handles.context
        // One thread: frame threading would hold every picture back by the thread count. Streams without
        // reordering (Constrained Baseline, VP8) then give each picture out with its access unit; a stream with
        // B-frames is still put in display order, its pictures a frame or two late.
        context.pointee.thread_count = 1
        let opened = avcodec_open2(context, codec, nil)
        guard opened >= 0 else { throw .invalidSettings(codec: codecName, reason: FFmpeg.message(opened)) }
    }

    func decode(_ accessUnit: [UInt8]) throws(VideoCodecError) -> I420Frame? {
        guard !accessUnit.isEmpty else { return nil }
        // av_new_packet adds the zeroed padding the bitstream readers may overread into.
        let made = av_new_packet(packet, Int32(accessUnit.count))
        guard made >= 0 else { throw .decodeFailed(codec: codecName, code: made, reason: FFmpeg.message(made)) }
        accessUnit.withUnsafeBufferPointer { packet.pointee.data.update(from: $0.baseAddress!, count: $0.count) }
        let sent = avcodec_send_packet(context, packet)
        av_packet_unref(packet)
        guard sent >= 0 else { throw .decodeFailed(codec: codecName, code: sent, reason: FFmpeg.message(sent)) }

        var decoded: I420Frame? = nil
        while true {
            let received = avcodec_receive_frame(context, picture)
            if received == FFmpeg.again || received == FFmpeg.endOfFile { break }
            guard received >= 0 else {
                throw .decodeFailed(codec: codecName, code: received, reason: FFmpeg.message(received))
            }
            defer { av_frame_unref(picture) }
            let format = picture.pointee.format
            guard format == AV_PIX_FMT_YUV420P.rawValue || format == AV_PIX_FMT_YUVJ420P.rawValue else {
                throw .decodeFailed(
                    codec: codecName, code: 0,
                    reason: "decoded pixel format \(FFmpegVideo.pixelFormatName(format)) is not 8-bit 4:2:0")
            }
            if let previous = decoded { pool.recycle(previous) }
            var frame = pool.frame(width: Int(picture.pointee.width), height: Int(picture.pointee.height))
            frame.copy(from: picture)
            decoded = frame
        }
        return decoded
    }
}

extension FFmpegVideo {
    static func pixelFormatName(_ format: Int32) -> String {
        guard let name = av_get_pix_fmt_name(AVPixelFormat(rawValue: format)) else { return "\(format)" }
        return String(cString: name)
    }
}
