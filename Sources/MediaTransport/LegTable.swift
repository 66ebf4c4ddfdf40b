/// A room's legs in one contiguous array, found by participant id: the tick walks the array and changes each leg in
/// place, so no leg (with its buffers and codec references) is copied per packet or per tick.
import Mixing

struct LegTable {
    private(set) var storage: [AudioLeg] = []
    private var slots: [ParticipantID: Int] = [:]

    var count: Int { storage.count }

    /// A copy of the leg, for occasional reads (status, tests); the hot path uses `indices` and `storage[i]`.
    subscript(id: ParticipantID) -> AudioLeg? { slots[id].map { storage[$0] } }

    func index(of id: ParticipantID) -> Int? { slots[id] }

    var indices: Range<Int> { storage.indices }

    /// Adds a leg (replacing one with the same id).
    mutating func insert(_ leg: AudioLeg) {
        if let index = slots[leg.id] {
            storage[index] = leg
        } else {
            slots[leg.id] = storage.count
            storage.append(leg)
        }
    }

    @discardableResult
    mutating func remove(_ id: ParticipantID) -> Bool {
        guard let index = slots.removeValue(forKey: id) else { return false }
        storage.remove(at: index)
        for later in index..<storage.count { slots[storage[later].id] = later }
        return true
    }

    /// Runs `body` on the leg in place.
    @discardableResult
    mutating func modify<R>(_ id: ParticipantID, _ body: (inout AudioLeg) throws -> R) rethrows -> R? {
        guard let index = slots[id] else { return nil }
        return try body(&storage[index])
    }

    /// Runs `body` on the leg at `index` in place.
    mutating func modify<R>(at index: Int, _ body: (inout AudioLeg) throws -> R) rethrows -> R {
        try body(&storage[index])
    }
}
