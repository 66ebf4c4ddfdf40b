import Testing
@testable import Mixing

/// A rough CPU figure per participant per tick, printed (not asserted: machines differ). Run it with `-c release`.
struct ConferenceMixerCostTests {
    /// Times `ticks` ticks (each member's 20 ms write, then the tick) after a warm-up; µs per participant-tick. The
    /// input is generated beforehand: one second of each talker's tone, looped (whole periods, so it joins up).
    private func cost(of room: inout MixerTestRoom, ticks: Int) -> Double {
        let silence = [Float](repeating: 0, count: MixerTestAudio.tick)
        let input: [(ParticipantID, [[Float]])] = room.members.map { id in
            guard let tone = room.tones[id] else { return (id, [silence]) }
            return (id, (0..<50).map { MixerTestAudio.tone(tone.frequency, amplitude: tone.amplitude, tick: $0) })
        }
        func run(_ count: Int) {
            for tick in 0..<count {
                for (id, blocks) in input { try! room.mixer.write(id, blocks[tick % blocks.count]) }
                room.mixer.tick(into: &room.output)
            }
        }
        run(50)
        let elapsed = ContinuousClock().measure { run(ticks) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return seconds * 1e6 / Double(ticks * room.mixer.participantCount)
    }

    @Test func fiveHundredListenersAndThreeSpeakers() {
        var room = MixerTestRoom(codec: .token)
        for raw: UInt32 in 1...3 { room.join(raw, tone: 300 * Double(raw)) }
        for raw: UInt32 in 100..<600 { room.join(raw) }
        let perParticipant = cost(of: &room, ticks: 500)
        #expect(room.statistics.encoderCalls == 4)
        #expect(room.statistics.selectedSpeakers == 3)
        print("mixer cost, 503 participants (3 speaking), fake encoder: \(perParticipant) µs per participant per tick")
    }

    @Test func tenPartiesWithG711() {
        var room = MixerTestRoom(codec: .pcmu)
        for raw: UInt32 in 1...10 {
            room.join(raw, group: MixerTestRoom.pcmuGroup, tone: raw <= 3 ? 300 * Double(raw) : nil)
        }
        let perParticipant = cost(of: &room, ticks: 500)
        #expect(room.statistics.encoderCalls == 4)
        print("mixer cost, 10 participants (3 speaking), G.711 behind the tests' allocating decimator: "
            + "\(perParticipant) µs per participant per tick")
    }
}
