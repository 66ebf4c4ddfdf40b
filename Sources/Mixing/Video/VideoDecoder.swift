/// A video decoder as the mixing core sees it: coded pictures in, I420 frames out, frames recycled through a pool.
///
/// Implementations wrap stateful codec handles: one owner (one event loop or thread) drives a decoder at a time.
public protocol VideoDecoder: AnyObject {
    /// The codec this decoder consumes.
    var descriptor: VideoCodecDescriptor { get }

    /// Decodes one complete access unit (H.264 Annex B) or frame (VP8). Returns the picture it completes, or `nil`
    /// when it completes none (the stream has not reached a keyframe yet, or the data held no picture). Throws for
    /// data the codec cannot parse; the decoder stays usable and resynchronises at the next keyframe.
    func decode(_ accessUnit: [UInt8]) throws(VideoCodecError) -> I420Frame?

    /// Hands a decoded frame back so the next `decode` reuses its buffers instead of allocating.
    func recycle(_ frame: consuming I420Frame)
}
