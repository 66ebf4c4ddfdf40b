/// Queued prompt audio (join and leave tones, recorded messages) played into a mix, one block per tick, in order.
public struct AnnouncementQueue: Sendable {
    private var samples: [Float] = []
    private var position = 0

    public init() {}

    /// Samples still to play.
    public var remaining: Int { samples.count - position }
    public var isPlaying: Bool { position < samples.count }

    /// Queues `audio` (48 kHz mono float) after what is already queued.
    public mutating func append<S: Sequence<Float>>(_ audio: S) { samples.append(contentsOf: audio) }

    /// Adds the next `mix.count` queued samples onto `mix`; returns whether any were added.
    @discardableResult
    public mutating func play(into mix: UnsafeMutableBufferPointer<Float>) -> Bool {
        guard isPlaying else { return false }
        let played = min(mix.count, remaining)
        samples.withUnsafeBufferPointer { queued in
            for index in 0..<played { mix[index] += queued[position + index] }
        }
        position += played
        if position == samples.count {
            samples.removeAll(keepingCapacity: true)
            position = 0
        }
        return true
    }

    /// Drops everything queued.
    public mutating func removeAll() {
        samples.removeAll(keepingCapacity: true)
        position = 0
    }
}
