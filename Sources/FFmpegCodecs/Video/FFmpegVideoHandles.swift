/// The three libavcodec objects every video codec session owns: `AVCodecContext`, a reusable `AVFrame` and `AVPacket`.
import CFFmpeg
import Mixing

/// Allocates the three together and frees them in `deinit`, so a session that fails half-way through opening leaks
/// nothing. Not thread-safe: owned by one encoder or decoder, used by its one owner.
final class FFmpegVideoHandles: @unchecked Sendable {
    let context: UnsafeMutablePointer<AVCodecContext>
    let frame: UnsafeMutablePointer<AVFrame>
    let packet: UnsafeMutablePointer<AVPacket>

    init(codec: UnsafePointer<AVCodec>, name: String) throws(VideoCodecError) {
        let context = avcodec_alloc_context3(codec)
        let frame = av_frame_alloc()
        let packet = av_packet_alloc()
        guard let context, let frame, let packet else {
            var c = context, f = frame, p = packet
            avcodec_free_context(&c)
            av_frame_free(&f)
            av_packet_free(&p)
            throw .invalidSettings(codec: name, reason: "cannot allocate a codec context, frame or packet")
        }
        self.context = context
        self.frame = frame
        self.packet = packet
    }

    deinit {
        var c: UnsafeMutablePointer<AVCodecContext>? = context
        avcodec_free_context(&c)
        var f: UnsafeMutablePointer<AVFrame>? = frame
        av_frame_free(&f)
        var p: UnsafeMutablePointer<AVPacket>? = packet
        av_packet_free(&p)
    }
}
