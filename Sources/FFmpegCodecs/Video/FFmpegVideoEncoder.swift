/// A libavcodec video encoder (send_frame/receive_packet API, libavcodec/avcodec.h) driven one frame at a time.
import CFFmpeg
import Mixing

/// Owns an `AVCodecContext`, its reusable input `AVFrame` and output `AVPacket` (freed with `FFmpegVideoHandles`).
///
/// Not thread-safe: one owner (an event loop or a thread) uses it at a time. `@unchecked Sendable` only so that owner
/// may be handed the encoder once, e.g. when a video group moves to its encoding loop.
final class FFmpegVideoEncoder: @unchecked Sendable {
    let codecName: String
    let settings: VideoEncoderSettings
    private let handles: FFmpegVideoHandles
    private var context: UnsafeMutablePointer<AVCodecContext> { handles.context }
    private var picture: UnsafeMutablePointer<AVFrame> { handles.frame }
    private var packet: UnsafeMutablePointer<AVPacket> { handles.packet }
    private var nextFrameNumber: Int64 = 0
    private var keyframeRequested = false

    /// Opens `codecName` for `settings`. `configure` sets codec-specific context fields before opening; `options`
    /// are the encoder's private options (all must be recognised, or opening fails with `.invalidSettings`).
    init(
        codecName: String, settings: VideoEncoderSettings, options: [(String, String)],
        configure: (UnsafeMutablePointer<AVCodecContext>) -> Void = { _ in }
    ) throws(VideoCodecError) {
        FFmpeg.prepare()
        guard settings.width > 0, settings.height > 0, settings.frameRate > 0, settings.bitrate > 0,
            settings.keyframeInterval > 0
        else {
            throw .invalidSettings(
                codec: codecName, reason: "size, bitrate, frame rate and keyframe interval must be positive")
        }
        guard let codec = avcodec_find_encoder_by_name(codecName) else { throw .codecUnavailable(codecName) }
        handles = try FFmpegVideoHandles(codec: codec, name: codecName)
        self.codecName = codecName
        self.settings = settings
        let context = handles.context
        let picture = handles.frame

        context.pointee.width = Int32(settings.width)
        context.pointee.height = Int32(settings.height)
        context.pointee.pix_fmt = AV_PIX_FMT_YUV420P
        // Encoders read time_base when opened; one tick per input frame.
        context.pointee.time_base = AVRational(num: 1, den: Int32(settings.frameRate))
        context.pointee.framerate = AVRational(num: Int32(settings.frameRate), den: 1)
        context.pointee.bit_rate = Int64(settings.bitrate)
        context.pointee.gop_size = Int32(settings.keyframeInterval)
        context.pointee.max_b_frames = 0
        context.pointee.thread_count = 1
        configure(context)

        var dictionary: OpaquePointer? = nil
        for (key, value) in options { av_dict_set(&dictionary, key, value, 0) }
        let opened = avcodec_open2(context, codec, &dictionary)
        var unused: [String] = []
        var entry: UnsafeMutablePointer<AVDictionaryEntry>? = nil
        while let e = av_dict_get(dictionary, "", entry, AV_DICT_IGNORE_SUFFIX) {
            unused.append(String(cString: e.pointee.key))
            entry = e
        }
        av_dict_free(&dictionary)
        guard opened >= 0 else { throw .invalidSettings(codec: codecName, reason: FFmpeg.message(opened)) }
        guard unused.isEmpty else {
            throw .invalidSettings(
                codec: codecName, reason: "options not recognised: \(unused.joined(separator: ", "))")
        }

        picture.pointee.format = AV_PIX_FMT_YUV420P.rawValue
        picture.pointee.width = Int32(settings.width)
        picture.pointee.height = Int32(settings.height)
        let allocated = av_frame_get_buffer(picture, Int32(I420Frame.strideAlignment))
        guard allocated >= 0 else { throw .invalidSettings(codec: codecName, reason: FFmpeg.message(allocated)) }
    }

    func requestKeyframe() {
        keyframeRequested = true
    }

    func encode(_ frame: I420Frame, into output: inout EncodedVideoFrame) throws(VideoCodecError) -> Bool {
        guard frame.hasGeometry(width: settings.width, height: settings.height) else {
            throw .frameSizeMismatch(
                expected: "\(settings.width)x\(settings.height)", got: "\(frame.width)x\(frame.height)")
        }
        // The encoder may still reference the last input; get a private buffer before overwriting it.
        let writable = av_frame_make_writable(picture)
        guard writable >= 0 else {
            throw .encodeFailed(codec: codecName, code: writable, reason: FFmpeg.message(writable))
        }
        frame.copy(into: picture)
        picture.pointee.pts = nextFrameNumber
        // A forced I picture: libx264 makes it an IDR with `forced-idr`, libvpx a key frame.
        picture.pointee.pict_type = keyframeRequested ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE
        keyframeRequested = false
        nextFrameNumber += 1

        let sent = avcodec_send_frame(context, picture)
        guard sent >= 0 else { throw .encodeFailed(codec: codecName, code: sent, reason: FFmpeg.message(sent)) }
        output.bytes.removeAll(keepingCapacity: true)
        output.isKeyframe = false
        var produced = false
        while true {
            let received = avcodec_receive_packet(context, packet)
            if received == FFmpeg.again || received == FFmpeg.endOfFile { break }
            guard received >= 0 else {
                throw .encodeFailed(codec: codecName, code: received, reason: FFmpeg.message(received))
            }
            if let data = packet.pointee.data, packet.pointee.size > 0 {
                output.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(packet.pointee.size)))
            }
            output.isKeyframe = output.isKeyframe || (packet.pointee.flags & AV_PKT_FLAG_KEY) != 0
            output.frameNumber = packet.pointee.pts
            av_packet_unref(packet)
            produced = true
        }
        return produced
    }
}
