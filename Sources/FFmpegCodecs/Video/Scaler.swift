/// Resizes I420 pictures with libswscale (bilinear), e.g. a participant's picture to its tile in a layout.
import CFFmpeg
import Mixing

/// Owns one `SwsContext`, re-created only when the source or destination size changes, and the plane-pointer
/// arrays `sws_scale` reads, so scaling a steady stream allocates nothing; freed in `deinit`.
///
/// Not thread-safe: one owner (an event loop or a thread) uses it at a time; keep one scaler per tile stream so the
/// cached context keeps matching. `@unchecked Sendable` only so that owner may be handed the scaler once.
public final class Scaler: @unchecked Sendable {
    private var context: OpaquePointer?
    private var geometry: (Int, Int, Int, Int) = (0, 0, 0, 0)
    // sws_scale takes four planes and four strides per side; I420 uses three.
    private let sourcePlanes = UnsafeMutablePointer<UnsafePointer<UInt8>?>.allocate(capacity: 4)
    private let destinationPlanes = UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>.allocate(capacity: 4)
    private let sourceStrides = UnsafeMutablePointer<Int32>.allocate(capacity: 4)
    private let destinationStrides = UnsafeMutablePointer<Int32>.allocate(capacity: 4)

    public init() {
        sourcePlanes.initialize(repeating: nil, count: 4)
        destinationPlanes.initialize(repeating: nil, count: 4)
        sourceStrides.initialize(repeating: 0, count: 4)
        destinationStrides.initialize(repeating: 0, count: 4)
    }

    deinit {
        sws_freeContext(context)
        sourcePlanes.deallocate()
        destinationPlanes.deallocate()
        sourceStrides.deallocate()
        destinationStrides.deallocate()
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
        sourceStrides[0] = Int32(source.lumaStride)
        sourceStrides[1] = Int32(source.chromaStride)
        sourceStrides[2] = Int32(source.chromaStride)
        destinationStrides[0] = Int32(destination.lumaStride)
        destinationStrides[1] = Int32(destination.chromaStride)
        destinationStrides[2] = Int32(destination.chromaStride)
        let rows = source.y.withUnsafeBufferPointer { sy in
            source.u.withUnsafeBufferPointer { su in
                source.v.withUnsafeBufferPointer { sv in
                    destination.withMutablePlanes { dy, du, dv in
                        sourcePlanes[0] = sy.baseAddress
                        sourcePlanes[1] = su.baseAddress
                        sourcePlanes[2] = sv.baseAddress
                        destinationPlanes[0] = dy.baseAddress
                        destinationPlanes[1] = du.baseAddress
                        destinationPlanes[2] = dv.baseAddress
                        return sws_scale(
                            context, sourcePlanes, sourceStrides, 0, Int32(source.height), destinationPlanes,
                            destinationStrides)
                    }
                }
            }
        }
        // The pointers were only valid inside the closures above.
        sourcePlanes.update(repeating: nil, count: 4)
        destinationPlanes.update(repeating: nil, count: 4)
        guard rows > 0 else {
            throw .invalidSettings(codec: "swscale", reason: "sws_scale failed: \(FFmpeg.message(rows))")
        }
    }
}
