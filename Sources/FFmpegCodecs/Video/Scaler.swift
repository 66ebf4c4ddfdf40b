/// Resizes I420 pictures with libswscale (bilinear), e.g. a participant's picture to its tile in a layout.
import CFFmpeg
import Mixing

/// Owns one `SwsContext`, re-created only when the source or destination size changes; freed in `deinit`.
///
/// Not thread-safe: one owner (an event loop or a thread) uses it at a time; keep one scaler per tile stream so the
/// cached context keeps matching. `@unchecked Sendable` only so that owner may be handed the scaler once.
public final class Scaler: @unchecked Sendable {
    private var context: OpaquePointer?
    private var geometry: (Int, Int, Int, Int) = (0, 0, 0, 0)

    public init() {}

    deinit {
        sws_freeContext(context)
    }

    /// Scales `source` to fill all of `destination`, whatever their sizes.
    public func scale(_ source: I420Frame, into destination: inout I420Frame) throws(VideoCodecError) {
        let wanted = (source.width, source.height, destination.width, destination.height)
        if context == nil || geometry != wanted {
            context = sws_getCachedContext(
                context, Int32(source.width), Int32(source.height), AV_PIX_FMT_YUV420P,
                Int32(destination.width), Int32(destination.height), AV_PIX_FMT_YUV420P,
                SWS_BILINEAR, nil, nil, nil)
            geometry = wanted
        }
        guard let context else {
            throw .invalidSettings(
                codec: "swscale",
                reason: "cannot scale \(source.width)x\(source.height) to \(destination.width)x\(destination.height)")
        }
        let sourceStrides: [Int32] = [Int32(source.lumaStride), Int32(source.chromaStride), Int32(source.chromaStride), 0]
        let destinationStrides: [Int32] = [
            Int32(destination.lumaStride), Int32(destination.chromaStride), Int32(destination.chromaStride), 0,
        ]
        let height = Int32(source.height)
        let rows = source.y.withUnsafeBufferPointer { sy in
            source.u.withUnsafeBufferPointer { su in
                source.v.withUnsafeBufferPointer { sv in
                    destination.y.withUnsafeMutableBufferPointer { dy in
                        destination.u.withUnsafeMutableBufferPointer { du in
                            destination.v.withUnsafeMutableBufferPointer { dv in
                                let sourcePlanes: [UnsafePointer<UInt8>?] = [sy.baseAddress, su.baseAddress, sv.baseAddress, nil]
                                let destinationPlanes: [UnsafeMutablePointer<UInt8>?] = [
                                    dy.baseAddress, du.baseAddress, dv.baseAddress, nil,
                                ]
                                return sws_scale(
                                    context, sourcePlanes, sourceStrides, 0, height, destinationPlanes,
                                    destinationStrides)
                            }
                        }
                    }
                }
            }
        }
        guard rows > 0 else {
            throw .invalidSettings(codec: "swscale", reason: "sws_scale failed: \(FFmpegVideo.message(rows))")
        }
    }
}
