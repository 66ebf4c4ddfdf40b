import Testing
@testable import Mixing

/// Top-N talker selection with a switching margin.
struct SpeakerSelectorTests {
    private func update(_ selector: inout SpeakerSelector, eligible: [Bool], levels: [Float]) {
        eligible.withUnsafeBufferPointer { e in levels.withUnsafeBufferPointer { selector.update(eligible: e, levels: $0) } }
    }

    @Test func theLoudestEligibleFillTheSlots() {
        var selector = SpeakerSelector(capacity: 2)
        update(&selector, eligible: [true, true, false, true], levels: [-30, -20, -5, -25])
        #expect(Set(selector.selected) == [1, 3], "the loudest, but not the ineligible one")
    }

    @Test func equallyLoudTalkersDoNotFlap() {
        var selector = SpeakerSelector(capacity: 2)
        let eligible = [true, true, true, true]
        var history: Set<[Int]> = []
        for step in 0..<200 {
            // Four talkers within ±2 dB of each other, the loudest changing every tick.
            let levels: [Float] = (0..<4).map { -25 + Float((step + $0) % 4) - 2 }
            update(&selector, eligible: eligible, levels: levels)
            history.insert(selector.selected.sorted())
        }
        #expect(history.count == 1)
    }

    @Test func aMuchLouderChallengerTakesTheQuietestSlot() {
        var selector = SpeakerSelector(capacity: 2, switchMargin: 6)
        update(&selector, eligible: [true, true, true], levels: [-20, -30, -40])
        #expect(selector.selected == [0, 1])
        update(&selector, eligible: [true, true, true], levels: [-20, -30, -25])
        #expect(selector.selected == [0, 1], "5 dB louder is within the margin")
        update(&selector, eligible: [true, true, true], levels: [-20, -30, -23])
        #expect(selector.selected == [0, 2], "7 dB louder replaces the quietest")
    }

    @Test func aSpeakerWhoStopsLeavesItsSlotToTheNextLoudest() {
        var selector = SpeakerSelector(capacity: 1)
        update(&selector, eligible: [true, true], levels: [-20, -40])
        #expect(selector.selected == [0])
        update(&selector, eligible: [false, true], levels: [-20, -40])
        #expect(selector.selected == [1])
    }

    @Test func removalRenumbersTheCandidateThatMoved() {
        var selector = SpeakerSelector(capacity: 2)
        update(&selector, eligible: [true, false, true], levels: [-20, -20, -20])
        #expect(selector.selected == [0, 2])
        selector.remove(0, movedFrom: 2)
        #expect(selector.selected == [0])
    }
}
