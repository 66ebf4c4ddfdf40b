/// A planar YUV 4:2:0 picture (ITU-R BT.601 "I420": full-size Y, quarter-size U and V), each plane with its own stride.
public struct I420Frame: Sendable {
    /// Rows are padded to this many bytes so encoders and scalers can use aligned vector loads.
    public static let strideAlignment = 32

    public private(set) var width: Int
    public private(set) var height: Int
    /// Bytes from the start of one luma row to the next (≥ `width`).
    public private(set) var lumaStride: Int
    /// Bytes from the start of one chroma row to the next (≥ `chromaWidth`), for U and V alike.
    public private(set) var chromaStride: Int
    /// The planes' samples, row after row at their strides. Outside this module they change only through
    /// `withMutablePlanes`, which cannot resize them: C code reads them by pointer, trusting the geometry.
    public internal(set) var y: [UInt8]
    public internal(set) var u: [UInt8]
    public internal(set) var v: [UInt8]

    /// Chroma is subsampled by two in both directions; an odd dimension rounds up.
    public var chromaWidth: Int { (width + 1) / 2 }
    public var chromaHeight: Int { (height + 1) / 2 }

    /// A new frame filled with `colour` (black by default). Allocates; a `VideoFramePool` hands out reused frames.
    public init(width: Int, height: Int, colour: YUVColour = .black) {
        precondition(width > 0 && height > 0, "an I420 frame needs a positive size, got \(width)x\(height)")
        self.width = width
        self.height = height
        lumaStride = Self.aligned(width)
        chromaStride = Self.aligned((width + 1) / 2)
        y = [UInt8](repeating: colour.y, count: lumaStride * height)
        u = [UInt8](repeating: colour.u, count: chromaStride * ((height + 1) / 2))
        v = [UInt8](repeating: colour.v, count: chromaStride * ((height + 1) / 2))
    }

    /// Calls `body` with writable Y, U and V samples (sized `lumaStride`×`height` and `chromaStride`×`chromaHeight`).
    public mutating func withMutablePlanes<Result>(
        _ body: (
            _ y: UnsafeMutableBufferPointer<UInt8>, _ u: UnsafeMutableBufferPointer<UInt8>,
            _ v: UnsafeMutableBufferPointer<UInt8>
        ) throws -> Result
    ) rethrows -> Result {
        try y.withUnsafeMutableBufferPointer { y in
            try u.withUnsafeMutableBufferPointer { u in
                try v.withUnsafeMutableBufferPointer { v in try body(y, u, v) }
            }
        }
    }

    /// Whether this frame's buffers already have the layout a `width`×`height` frame needs.
    public func hasGeometry(width: Int, height: Int) -> Bool {
        self.width == width && self.height == height
    }

    /// Sets every sample of the frame to `colour`, keeping its buffers.
    public mutating func fill(_ colour: YUVColour) {
        fill(VideoRect(x: 0, y: 0, width: width, height: height), with: colour)
    }

    /// Sets the samples inside `rect` (clipped to the frame) to `colour`; chroma covers the 2×2 blocks the rect
    /// touches.
    public mutating func fill(_ rect: VideoRect, with colour: YUVColour) {
        let r = rect.clipped(toWidth: width, height: height)
        guard r.width > 0, r.height > 0 else { return }
        let stride = lumaStride
        y.withUnsafeMutableBufferPointer { plane in
            for row in r.y..<(r.y + r.height) {
                let start = row * stride + r.x
                plane[start..<(start + r.width)].update(repeating: colour.y)
            }
        }
        let cx = r.x / 2
        let cy = r.y / 2
        let cw = (r.x + r.width + 1) / 2 - cx
        let ch = (r.y + r.height + 1) / 2 - cy
        let cs = chromaStride
        u.withUnsafeMutableBufferPointer { plane in
            for row in cy..<(cy + ch) { plane[(row * cs + cx)..<(row * cs + cx + cw)].update(repeating: colour.u) }
        }
        v.withUnsafeMutableBufferPointer { plane in
            for row in cy..<(cy + ch) { plane[(row * cs + cx)..<(row * cs + cx + cw)].update(repeating: colour.v) }
        }
    }

    /// The sample values at luma position (`x`, `y`) and its chroma block.
    public func colour(atX x: Int, y row: Int) -> YUVColour {
        YUVColour(
            y: y[row * lumaStride + x], u: u[(row / 2) * chromaStride + x / 2], v: v[(row / 2) * chromaStride + x / 2])
    }

    static func aligned(_ n: Int) -> Int {
        (n + strideAlignment - 1) / strideAlignment * strideAlignment
    }
}
