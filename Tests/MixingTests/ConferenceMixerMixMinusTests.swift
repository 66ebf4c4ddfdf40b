import Testing
@testable import Mixing

/// Mix-minus and shared listener mixes: who hears whom, and how many encodes a tick costs.
struct ConferenceMixerMixMinusTests {
    private static let tones: [UInt32: Double] = [1: 440, 2: 880, 3: 1320]

    private func threeTalkersAndAListener(codec: MixerTestRoom.Codec, amplitude: Double = 0.25) -> MixerTestRoom {
        var room = MixerTestRoom(codec: codec)
        let group = codec == .pcmu ? MixerTestRoom.pcmuGroup : MixerTestRoom.opusGroup
        for raw: UInt32 in 1...3 { room.join(raw, group: group, tone: Self.tones[raw], amplitude: amplitude) }
        room.join(4, group: group)
        room.run(10)
        return room
    }

    private func expectMixMinus(_ received: [UInt32: [Float]], sampleRate: Int) {
        for (speaker, own) in Self.tones {
            let heard = received[speaker]!
            for (other, tone) in Self.tones where other != speaker {
                let ratio = MixerTestAudio.toneRatio(heard, tone, over: own, sampleRate: sampleRate)
                #expect(ratio >= 20, "speaker \(speaker) hears \(tone) Hz \(ratio) dB above its own \(own) Hz")
            }
        }
        let listener = received[4]!
        for tone in [880.0, 1320] {
            let ratio = MixerTestAudio.toneRatio(listener, tone, over: 440, sampleRate: sampleRate)
            #expect(abs(ratio) < 1, "the listener hears all three talkers alike (\(tone) Hz: \(ratio) dB)")
        }
    }

    @Test func eachSpeakerHearsTheOthersButNotItself() {
        var room = threeTalkersAndAListener(codec: .rawFloat)
        #expect(room.speakers == [1, 2, 3])
        expectMixMinus(room.record(20, [1, 2, 3, 4]), sampleRate: 48000)
    }

    @Test func mixMinusSurvivesRealG711() {
        var room = threeTalkersAndAListener(codec: .pcmu)
        let received = room.record(20, [1, 2, 3, 4])
        #expect(received[4]!.count == 20 * 160, "8 kHz G.711 payloads")
        expectMixMinus(received, sampleRate: 8000)
    }

    @Test func listenersShareOneByteIdenticalPayloadWithTheFullMix() {
        // Quiet enough that no output reaches the limiter's knee, so the outputs differ by the subtraction alone.
        var room = threeTalkersAndAListener(codec: .rawFloat, amplitude: 0.15)
        room.join(5)
        room.join(6)
        room.tick()
        let groupPayloads = room.output.payloads.filter { $0.kind == .groupMix }
        #expect(groupPayloads.count == 1)
        #expect(Set(room.output.recipients(of: groupPayloads[0])) == [ParticipantID(4), ParticipantID(5), ParticipantID(6)])
        // The listeners' mix is the speakers' mix-minus plus that speaker's own contribution.
        let full = room.received(4)
        let minusOne = room.received(1)
        let own = zip(full, minusOne).map { $0 - $1 }
        let purity = AudioTone.signalToNoise(own.map(Double.init), frequency: 440, sampleRate: 48000)
        #expect(purity > 60, "the difference is talker 1's 440 Hz alone (\(purity) dB above the rest)")
        #expect(groupPayloads[0].isSilence == false)
    }

    @Test func tenPartiesThreeTalkingTwoCodecGroupsCostFiveEncodes() {
        var room = MixerTestRoom(codec: .token)
        for raw: UInt32 in 1...10 {
            room.join(raw, group: raw % 2 == 0 ? MixerTestRoom.opusGroup : MixerTestRoom.pcmuGroup,
                      tone: raw <= 3 ? 300 + 200 * Double(raw) : nil)
        }
        room.run(5)
        let callsBefore = room.log.calls
        room.tick()
        #expect(room.statistics.encoderCalls == 5)
        #expect(room.log.calls - callsBefore == 5, "the statistics match the encoders' own count")
        #expect(room.statistics.selectedSpeakers == 3)
        #expect(room.statistics.encodedGroups == 2)
        let kinds = room.output.payloads.map(\.kind)
        #expect(kinds.filter { $0 == .mixMinus }.count == 3)
        let listeners = room.output.payloads.filter { $0.kind == .groupMix }.flatMap { room.output.recipients(of: $0) }
        #expect(Set(listeners.map(\.rawValue)) == Set(4...10))
        for payload in room.output.payloads where payload.kind == .groupMix {
            let expected = payload.group == MixerTestRoom.opusGroup ? [4, 6, 8, 10] : [5, 7, 9]
            #expect(room.output.recipients(of: payload).map(\.rawValue).sorted() == expected.map(UInt32.init))
        }
    }

    @Test func fiveHundredListenersAndThreeSpeakersCostFourEncodes() {
        var room = MixerTestRoom(codec: .token)
        for raw: UInt32 in 1...3 { room.join(raw, tone: 300 * Double(raw)) }
        for raw: UInt32 in 100..<600 { room.join(raw) }
        room.run(5)
        #expect(room.statistics.encoderCalls == 4)
        #expect(room.statistics.totals.encodersCreated == 4, "one group encoder, three speaker encoders")
        let group = room.output.payloads.first { $0.kind == .groupMix }!
        #expect(room.output.recipients(of: group).count == 500)
    }

    @Test func aGroupWithOnlySpeakersIsNotEncoded() {
        var room = MixerTestRoom(codec: .token)
        for raw: UInt32 in 1...3 { room.join(raw, group: MixerTestRoom.pcmuGroup, tone: 300 * Double(raw)) }
        room.join(4)
        room.join(5)
        room.run(5)
        #expect(room.statistics.encodedGroups == 1)
        #expect(room.statistics.encoderCalls == 4)
        #expect(!room.output.payloads.contains { $0.kind == .groupMix && $0.group == MixerTestRoom.pcmuGroup })
    }

    @Test func aLoneTalkerGetsSilenceAndTheListenersGetItsVoice() {
        var room = MixerTestRoom()
        room.join(1, tone: 440)
        room.join(2)
        room.run(5)
        let alone = room.output.payload(for: ParticipantID(1))!
        #expect(alone.kind == .mixMinus)
        #expect(alone.isSilence)
        #expect(room.received(1).allSatisfy { $0 == 0 })
        #expect(!room.statistics.isSilent)
        #expect(room.received(2).contains { $0 != 0 })
    }
}

extension ConferenceMixerMixMinusTests {
    @Test func aFailingEncoderLosesOnlyItsOwnPayloadAndIsCounted() {
        var room = MixerTestRoom()
        room.join(1, tone: 440)
        room.join(2)
        room.join(3, group: MixerTestRoom.pcmuGroup)
        // Raw float needs 3840 bytes; with 1500 every encode fails.
        room.output = MixerOutput(maximumPayloadBytes: 1500)
        room.run(5)
        #expect(room.statistics.encoderCalls == 3)
        #expect(room.statistics.encoderFailures == 3)
        #expect(room.output.payloads.isEmpty)
        #expect(room.output.recipientStorage.isEmpty, "no recipients left without a payload")
        #expect(room.statistics.totals.encoderFailures == room.statistics.totals.encoderCalls)
        #expect(room.statistics.totals.encoderCalls == 14, "two groups from the first tick, the speaker from the second")
        #expect(room.statistics.totals.lastEncoderError
            == .outputBufferTooSmall(codec: "X-F32", needed: 3840, available: 1500))
        room.output = MixerOutput(maximumPayloadBytes: 4000)
        room.tick()
        #expect(room.output.payloads.count == 3, "the next tick with room recovers")
    }
}
