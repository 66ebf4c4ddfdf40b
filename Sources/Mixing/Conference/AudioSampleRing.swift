/// A fixed-capacity FIFO of 48 kHz mono samples between a leg's decoder (any ptime) and the mixer's 20 ms tick.
///
/// Writes of any size go in; every tick reads exactly one tick of samples. A short ring plays what it has and then
/// silence (an underrun, counted); the silence inserted delays that leg's playout by the missing amount, which is what
/// lines up 30 ms or 60 ms packets with 20 ms ticks after the first few ticks. A writer that gets more than `capacity`
/// samples ahead loses the oldest ones (an overflow, counted), which bounds the leg's added latency. Nothing is
/// allocated after `init`.
public struct AudioSampleRing: Sendable {
    private var storage: [Float]
    /// Index of the oldest unread sample.
    private var head = 0
    /// Unread samples.
    public private(set) var count = 0

    /// Reads that found fewer samples than asked for.
    public private(set) var underruns = 0
    /// Samples of silence those reads played in place of audio.
    public private(set) var missingSamples = 0
    /// Writes that pushed the ring past its capacity.
    public private(set) var overflows = 0
    /// Unread samples those writes discarded (the oldest ones).
    public private(set) var droppedSamples = 0

    /// A ring holding at most `capacity` unread samples (200 ms at 48 kHz by default).
    public init(capacity: Int = 9600) {
        precondition(capacity > 0, "a sample ring needs room for at least one sample")
        storage = [Float](repeating: 0, count: capacity)
    }

    public var capacity: Int { storage.count }

    /// Appends float samples (full scale ±1.0), discarding the oldest unread ones if they no longer fit.
    public mutating func write(_ samples: UnsafeBufferPointer<Float>) {
        write(count: samples.count) { destination, sourceOffset in
            for index in destination.indices { destination[index] = samples[sourceOffset + index] }
        }
    }

    /// Appends 16-bit samples, converted to float.
    public mutating func write(_ samples: UnsafeBufferPointer<Int16>) {
        write(count: samples.count) { destination, sourceOffset in
            for index in destination.indices {
                destination[index] = AudioSampleConversion.float(samples[sourceOffset + index])
            }
        }
    }

    /// Reads exactly `destination.count` samples: what is there, then zeros for the rest. Returns the samples of audio
    /// delivered (the rest were silence).
    @discardableResult
    public mutating func read(into destination: UnsafeMutableBufferPointer<Float>) -> Int {
        let wanted = destination.count
        let delivered = min(wanted, count)
        storage.withUnsafeBufferPointer { ring in
            let firstPart = min(delivered, ring.count - head)
            for index in 0..<firstPart { destination[index] = ring[head + index] }
            for index in firstPart..<delivered { destination[index] = ring[index - firstPart] }
        }
        for index in delivered..<wanted { destination[index] = 0 }
        head = (head + delivered) % storage.count
        count -= delivered
        if delivered < wanted {
            underruns += 1
            missingSamples += wanted - delivered
        }
        return delivered
    }

    /// Forgets all unread samples (the counters stay).
    public mutating func removeAll() {
        head = 0
        count = 0
    }

    /// Makes room for `total` new samples, then lets `copy` fill the ring's free spans: `copy(span, sourceOffset)`.
    private mutating func write(
        count total: Int, _ copy: (UnsafeMutableBufferPointer<Float>, Int) -> Void
    ) {
        guard total > 0 else { return }
        let capacity = storage.count
        // Only the newest `capacity` samples of an oversized write can survive.
        let skipped = max(0, total - capacity)
        let kept = total - skipped
        let excess = count + kept - capacity
        if excess > 0 || skipped > 0 {
            let discarded = max(0, excess)
            head = (head + discarded) % capacity
            count -= discarded
            overflows += 1
            droppedSamples += discarded + skipped
        }
        var tail = (head + count) % capacity
        var written = 0
        storage.withUnsafeMutableBufferPointer { ring in
            while written < kept {
                let span = min(kept - written, capacity - tail)
                copy(UnsafeMutableBufferPointer(rebasing: ring[tail..<(tail + span)]), skipped + written)
                written += span
                tail = (tail + span) % capacity
            }
        }
        count += kept
    }
}
