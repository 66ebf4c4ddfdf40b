/// Copying I420 pictures between Mixing's `I420Frame` and libavutil's `AVFrame` (AV_PIX_FMT_YUV420P), row by row.
import CFFmpeg
import Mixing

extension I420Frame {
    /// Writes this picture into `picture`, whose buffers must be a writable YUV420P frame of the same size.
    func copy(into picture: UnsafeMutablePointer<AVFrame>) {
        let p = picture.pointee
        Self.copyPlane(y, lumaStride, to: p.data.0, Int(p.linesize.0), width, height)
        Self.copyPlane(u, chromaStride, to: p.data.1, Int(p.linesize.1), chromaWidth, chromaHeight)
        Self.copyPlane(v, chromaStride, to: p.data.2, Int(p.linesize.2), chromaWidth, chromaHeight)
    }

    /// Overwrites this frame (already sized as `picture`) with a decoded YUV420P picture.
    mutating func copy(from picture: UnsafePointer<AVFrame>) {
        let p = picture.pointee
        let lumaStride = lumaStride, chromaStride = chromaStride
        let (w, h, cw, ch) = (width, height, chromaWidth, chromaHeight)
        withMutablePlanes { y, u, v in
            av_image_copy_plane(y.baseAddress, Int32(lumaStride), p.data.0, p.linesize.0, Int32(w), Int32(h))
            av_image_copy_plane(u.baseAddress, Int32(chromaStride), p.data.1, p.linesize.1, Int32(cw), Int32(ch))
            av_image_copy_plane(v.baseAddress, Int32(chromaStride), p.data.2, p.linesize.2, Int32(cw), Int32(ch))
        }
    }

    private static func copyPlane(
        _ plane: [UInt8], _ stride: Int, to destination: UnsafeMutablePointer<UInt8>?, _ destinationStride: Int,
        _ width: Int, _ height: Int
    ) {
        plane.withUnsafeBufferPointer {
            av_image_copy_plane(
                destination, Int32(destinationStride), $0.baseAddress, Int32(stride), Int32(width), Int32(height))
        }
    }
}
