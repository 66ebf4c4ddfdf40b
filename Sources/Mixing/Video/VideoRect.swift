/// A rectangle of luma samples in a video frame: where a tile sits on a composed canvas.
public struct VideoRect: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The part of this rect inside a `width`×`height` frame (empty when it lies outside).
    public func clipped(toWidth frameWidth: Int, height frameHeight: Int) -> VideoRect {
        let left = max(0, x), top = max(0, y)
        let right = min(frameWidth, x + width), bottom = min(frameHeight, y + height)
        return VideoRect(x: left, y: top, width: max(0, right - left), height: max(0, bottom - top))
    }
}
