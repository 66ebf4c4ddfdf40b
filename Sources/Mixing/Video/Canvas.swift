/// The composed picture of a video layout: a background fill with participants' scaled tiles copied into regions.
///
/// Pure sample copying; scaling a tile to its region's size happens before (a `Scaler` in the codec wrapper). The
/// canvas owns one frame and rewrites it each tick, so composing allocates nothing.
public struct Canvas: Sendable {
    public private(set) var frame: I420Frame
    public var background: YUVColour

    public init(width: Int, height: Int, background: YUVColour = .black) {
        frame = I420Frame(width: width, height: height, colour: background)
        self.background = background
    }

    /// Wraps an existing frame (one taken from a `VideoFramePool`, say) as the canvas.
    public init(frame: I420Frame, background: YUVColour = .black) {
        self.frame = frame
        self.background = background
    }

    public var width: Int { frame.width }
    public var height: Int { frame.height }

    /// Paints the whole canvas with the background colour: the start of every composition.
    public mutating func clear() {
        frame.fill(background)
    }

    /// Fills `region` (clipped to the canvas) with `colour`: an empty slot, a border, a placeholder.
    public mutating func fill(_ region: VideoRect, with colour: YUVColour) {
        frame.fill(region, with: colour)
    }

    /// Copies `tile` with its top-left corner at (`region.x`, `region.y`), cropped to `region` and to the canvas.
    /// Regions should start on even coordinates so chroma lines up; an odd origin rounds the chroma down.
    public mutating func place(_ tile: I420Frame, in region: VideoRect) {
        let area = VideoRect(
            x: region.x, y: region.y, width: min(region.width, tile.width), height: min(region.height, tile.height)
        )
        let target = area.clipped(toWidth: frame.width, height: frame.height)
        guard target.width > 0, target.height > 0 else { return }
        // Where the clipped area starts inside the tile (non-zero when the region hangs off the top or left).
        let offsetX = target.x - area.x
        let offsetY = target.y - area.y
        Self.copy(
            tile.y, tile.lumaStride, (offsetX, offsetY), into: &frame.y, frame.lumaStride, target)
        let chromaTarget = VideoRect(
            x: target.x / 2, y: target.y / 2, width: (target.width + 1) / 2, height: (target.height + 1) / 2
        ).clipped(toWidth: frame.chromaWidth, height: frame.chromaHeight)
        let chromaTile = VideoRect(
            x: offsetX / 2, y: offsetY / 2, width: tile.chromaWidth, height: tile.chromaHeight)
        let chromaArea = VideoRect(
            x: chromaTarget.x, y: chromaTarget.y,
            width: min(chromaTarget.width, chromaTile.width - chromaTile.x),
            height: min(chromaTarget.height, chromaTile.height - chromaTile.y))
        Self.copy(
            tile.u, tile.chromaStride, (chromaTile.x, chromaTile.y), into: &frame.u, frame.chromaStride, chromaArea)
        Self.copy(
            tile.v, tile.chromaStride, (chromaTile.x, chromaTile.y), into: &frame.v, frame.chromaStride, chromaArea)
    }

    /// Copies a `target.width`×`target.height` block starting at `from` in `source` to `target`'s place in
    /// `destination`.
    static func copy(
        _ source: [UInt8], _ sourceStride: Int, _ from: (x: Int, y: Int),
        into destination: inout [UInt8], _ destinationStride: Int, _ target: VideoRect
    ) {
        guard target.width > 0, target.height > 0 else { return }
        source.withUnsafeBufferPointer { src in
            destination.withUnsafeMutableBufferPointer { dst in
                for row in 0..<target.height {
                    let s = (from.y + row) * sourceStride + from.x
                    let d = (target.y + row) * destinationStride + target.x
                    _ = dst[d..<(d + target.width)].update(fromContentsOf: src[s..<(s + target.width)])
                }
            }
        }
    }
}
