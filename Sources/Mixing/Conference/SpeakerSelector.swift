/// Chooses the N loudest eligible talkers to mix, with a switching margin so that equally loud talkers never flap.
///
/// A selected speaker keeps its slot while it stays eligible (speaking and not muted); a challenger takes the slot of
/// the quietest selected speaker only when it is louder by `switchMargin` dB. Free slots go to the loudest eligible
/// candidates, the earlier index first on equal levels. Works on candidate indices, allocates nothing after `init`.
public struct SpeakerSelector: Sendable {
    /// How many talkers are mixed at once.
    public let capacity: Int
    /// How much louder (dB) a challenger must be than the quietest selected speaker to take its slot.
    public let switchMargin: Float
    /// The selected candidate indices, in the order they were selected.
    public private(set) var selected: [Int]

    public init(capacity: Int = 3, switchMargin: Float = 6) {
        precondition(capacity >= 0 && switchMargin >= 0, "invalid speaker selection settings")
        self.capacity = capacity
        self.switchMargin = switchMargin
        selected = []
        selected.reserveCapacity(capacity)
    }

    /// Updates the selection from the candidates' eligibility and levels (dBov), both indexed alike.
    public mutating func update(eligible: UnsafeBufferPointer<Bool>, levels: UnsafeBufferPointer<Float>) {
        selected.removeAll { $0 >= eligible.count || !eligible[$0] }
        while selected.count < capacity, let loudest = loudestUnselected(eligible, levels) {
            selected.append(loudest)
        }
        // At most one swap per slot per update; each swap raises the quietest selected level by the margin.
        for _ in 0..<selected.count {
            guard let challenger = loudestUnselected(eligible, levels) else { return }
            var quietestSlot = 0
            for slot in selected.indices where levels[selected[slot]] < levels[selected[quietestSlot]] {
                quietestSlot = slot
            }
            guard levels[challenger] > levels[selected[quietestSlot]] + switchMargin else { return }
            selected[quietestSlot] = challenger
        }
    }

    public func isSelected(_ index: Int) -> Bool { selected.contains(index) }

    /// Forgets `index` and renumbers the candidate that moved into its place (`movedFrom`), after a swap-removal.
    public mutating func remove(_ index: Int, movedFrom: Int?) {
        selected.removeAll { $0 == index }
        if let movedFrom, let slot = selected.firstIndex(of: movedFrom) { selected[slot] = index }
    }

    private func loudestUnselected(_ eligible: UnsafeBufferPointer<Bool>, _ levels: UnsafeBufferPointer<Float>) -> Int? {
        var best: Int?
        for index in eligible.indices where eligible[index] && !selected.contains(index) {
            if let current = best, levels[current] >= levels[index] { continue }
            best = index
        }
        return best
    }
}
