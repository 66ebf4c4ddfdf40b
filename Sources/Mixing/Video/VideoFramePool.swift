/// Reuses I420 frame buffers so a steady stream of same-sized pictures allocates nothing after warm-up.
///
/// Whoever takes a frame with `frame(width:height:)` hands it back with `recycle(_:)` when done. A recycled frame
/// keeps its buffers (and its last picture: callers overwrite every sample they read). Frames of another size are
/// dropped when the geometry changes, since a stream changes resolution rarely and then for good. Hand frames back
/// with `recycle(consume frame)`: a binding still holding the buffers would make the next writer copy them.
public struct VideoFramePool: Sendable {
    /// How many idle frames the pool keeps; extra recycled frames are freed.
    public let capacity: Int
    /// How many frames this pool has had to allocate: flat in steady state.
    public private(set) var allocations = 0
    private var idle: [I420Frame]

    public init(capacity: Int = 4) {
        precondition(capacity > 0, "a frame pool keeps at least one frame")
        self.capacity = capacity
        idle = []
        idle.reserveCapacity(capacity)
    }

    /// Frames waiting to be reused.
    public var idleCount: Int { idle.count }

    /// A `width`×`height` frame: a recycled one when there is one of that size, else a new black frame.
    public mutating func frame(width: Int, height: Int) -> I420Frame {
        if let last = idle.last, !last.hasGeometry(width: width, height: height) {
            idle.removeAll(keepingCapacity: true)
        }
        if let reused = idle.popLast() { return reused }
        allocations += 1
        return I420Frame(width: width, height: height)
    }

    /// Gives a frame back for reuse.
    public mutating func recycle(_ frame: consuming I420Frame) {
        guard idle.count < capacity else { return }
        if let last = idle.last, !last.hasGeometry(width: frame.width, height: frame.height) {
            idle.removeAll(keepingCapacity: true)
        }
        idle.append(frame)
    }
}
