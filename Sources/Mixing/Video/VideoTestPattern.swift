/// A deterministic moving test picture (diagonal luma gradient, chroma ramps, two bouncing boxes) for codec tests.
///
/// Like the SMPTE/`testsrc` patterns codec tests use, but pure and repeatable: frame `n` is always the same picture,
/// and consecutive frames differ by motion an encoder can predict, so inter-frame coding is exercised.
public struct VideoTestPattern: Sendable {
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        precondition(width > 0 && height > 0, "a test pattern needs a positive size, got \(width)x\(height)")
        self.width = width
        self.height = height
    }

    /// A newly allocated frame showing picture number `index`.
    public func frame(_ index: Int) -> I420Frame {
        var frame = I420Frame(width: width, height: height)
        draw(index, into: &frame)
        return frame
    }

    /// Paints picture number `index` over every sample of `frame` (which must be `width`×`height`).
    public func draw(_ index: Int, into frame: inout I420Frame) {
        precondition(frame.hasGeometry(width: width, height: height), "test pattern is \(width)x\(height)")
        let shift = index * 2
        let lumaStride = frame.lumaStride
        frame.y.withUnsafeMutableBufferPointer { plane in
            for row in 0..<height {
                for col in 0..<width {
                    // A diagonal ramp with fine texture, scrolling together; 32...219 ± 16 stays inside 16...235.
                    let ramp = 32 + (col + row / 2 + shift) % 188
                    plane[row * lumaStride + col] = UInt8(ramp + Self.texture(col - shift, row))
                }
            }
        }
        let chromaStride = frame.chromaStride
        let cw = frame.chromaWidth, ch = frame.chromaHeight
        frame.u.withUnsafeMutableBufferPointer { plane in
            for row in 0..<ch {
                for col in 0..<cw { plane[row * chromaStride + col] = UInt8(16 + (col * 224 / cw + index) % 225) }
            }
        }
        frame.v.withUnsafeMutableBufferPointer { plane in
            for row in 0..<ch {
                for col in 0..<cw { plane[row * chromaStride + col] = UInt8(16 + (row * 224 / ch) % 225) }
            }
        }
        let side = max(2, min(width, height) / 4)
        frame.fill(box(index, side: side, speed: (3, 2)), with: .red)
        frame.fill(box(index + 37, side: side / 2, speed: (-2, 3)), with: .white)
    }

    /// A `side`-sized square moving at `speed` samples per frame and bouncing off the picture's edges.
    func box(_ index: Int, side: Int, speed: (Int, Int)) -> VideoRect {
        VideoRect(
            x: Self.bounce(index * speed.0, span: max(1, width - side)),
            y: Self.bounce(index * speed.1, span: max(1, height - side)),
            width: side, height: side
        )
    }

    /// Deterministic per-sample detail in -16...15 (an integer hash of the position): costs an encoder real bits,
    /// as camera noise and fabric do, where a bare gradient would be almost free to code.
    static func texture(_ x: Int, _ y: Int) -> Int {
        var h = UInt32(truncatingIfNeeded: x &* 73_856_093) ^ UInt32(truncatingIfNeeded: y &* 19_349_663)
        h = (h ^ (h >> 13)) &* 0x5BD1_E995
        return Int((h >> 9) & 31) - 16
    }

    /// Position along a segment `0...span` of something travelling `distance` and reflecting at both ends.
    static func bounce(_ distance: Int, span: Int) -> Int {
        let period = 2 * span
        let p = ((distance % period) + period) % period
        return p <= span ? p : period - p
    }
}
