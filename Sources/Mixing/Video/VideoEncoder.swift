/// A video encoder as the mixing core sees it: I420 frames in, coded pictures out, keyframes on demand (a PLI or
/// FIR from a viewer, RFC 4585 §6.3.1 / RFC 5104 §4.3.1, becomes `requestKeyframe()`).
///
/// Implementations wrap stateful codec handles: one owner (one event loop or thread) drives an encoder at a time.
public protocol VideoEncoder: AnyObject {
    /// The codec this encoder produces.
    var descriptor: VideoCodecDescriptor { get }

    /// The settings the encoder was opened with.
    var settings: VideoEncoderSettings { get }

    /// Encodes `frame` (which must match `settings`' size) into `output`, replacing its bytes. Returns `false` when
    /// the encoder produced nothing for this frame (it dropped it to hold the bitrate); `output` is then empty.
    func encode(_ frame: I420Frame, into output: inout EncodedVideoFrame) throws(VideoCodecError) -> Bool

    /// Makes the next encoded frame a keyframe that a decoder can start from.
    func requestKeyframe()
}

extension VideoEncoder {
    /// Encodes `frame` into a new value: convenient for tests; the media path reuses one with `encode(_:into:)`.
    public func encode(_ frame: I420Frame) throws(VideoCodecError) -> EncodedVideoFrame? {
        var output = EncodedVideoFrame()
        return try encode(frame, into: &output) ? output : nil
    }
}
