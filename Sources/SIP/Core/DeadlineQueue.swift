/// One queue of deadlines for many timers (RFC 3261 §17 transaction timers, dialog timers), so the adapter keeps a
/// single real timer: a binary min-heap of (deadline, key) with lazy deletion. A timer whose deadline moves gets a
/// new entry; the old one stays until it reaches the top and is recognised as stale by its owner, which keeps every
/// operation O(log n) without an index from key to heap slot.
public struct DeadlineQueue<Key: Sendable>: Sendable {
    public struct Entry: Sendable {
        public var deadline: SIPInstant
        public var key: Key
    }

    private var heap: [Entry] = []

    public init() {}

    public var count: Int { heap.count }
    public var isEmpty: Bool { heap.isEmpty }

    /// The earliest entry's deadline. It may belong to a stale entry, so it is never later than the true next
    /// deadline: at worst the owner wakes once for nothing.
    public var earliest: SIPInstant? { heap.first?.deadline }

    public mutating func push(_ deadline: SIPInstant, _ key: Key) {
        heap.append(Entry(deadline: deadline, key: key))
        siftUp(heap.count - 1)
    }

    /// Removes and returns the earliest entry if it is due at `now`.
    public mutating func popDue(_ now: SIPInstant) -> Entry? {
        guard let first = heap.first, first.deadline <= now else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        return first
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        let entry = heap[child]
        while child > 0 {
            let parent = (child - 1) / 2
            guard entry.deadline < heap[parent].deadline else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = entry
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let entry = heap[parent]
        let count = heap.count
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count, heap[child + 1].deadline < heap[child].deadline { child += 1 }
            guard heap[child].deadline < entry.deadline else { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = entry
    }
}

/// The transaction layer's queue: one entry per pending transaction deadline.
typealias TransactionTimerQueue = DeadlineQueue<TransactionKey>
