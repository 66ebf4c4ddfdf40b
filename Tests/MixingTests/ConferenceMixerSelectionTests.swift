import Testing
@testable import Mixing

/// Who is mixed: top-N selection with hysteresis, mute, RFC 6464 levels, encoder reuse, membership changes.
struct ConferenceMixerSelectionTests {
    @Test func equallyLoudTalkersKeepTheirSlots() {
        var configuration = ConferenceMixer.Configuration()
        configuration.speakers = 1
        var room = MixerTestRoom(configuration: configuration, codec: .token)
        room.join(1, tone: 440)
        room.join(2, tone: 660)
        room.join(3)
        var selections: Set<Set<UInt32>> = []
        for _ in 0..<200 {
            room.tick()
            if !room.speakers.isEmpty { selections.insert(room.speakers) }
        }
        #expect(selections.count == 1, "no flapping between two talkers of the same level")
        #expect(room.statistics.totals.speakerChanges == 1)
    }

    @Test func aMuchLouderChallengerTakesTheQuietestSlot() {
        var room = MixerTestRoom(codec: .token)
        for raw: UInt32 in 1...4 { room.join(raw, tone: 300 + 100 * Double(raw), amplitude: 0.05) }
        room.join(5)
        room.run(50)
        #expect(room.speakers == [1, 2, 3], "equal levels: the earlier participants keep the slots")

        // Participant 5 starts talking 12 dB louder than the others: in as soon as its attack has passed.
        room.tones[ParticipantID(5)] = (1500, 0.2)
        room.run(2)
        #expect(room.speakers.contains(5))
        #expect(room.speakers.count == 3)
        let withChallenger = room.speakers
        room.run(50)
        #expect(room.speakers == withChallenger, "and the selection then holds")
    }

    @Test func aStoppedSpeakerLeavesAfterTheHangover() {
        var room = MixerTestRoom(codec: .token)
        room.join(1, tone: 440)
        room.join(2)
        room.run(20)
        room.tones[ParticipantID(1)] = nil
        room.run(14)
        #expect(room.speakers == [1], "280 ms of quiet: still mixed")
        #expect(room.statistics.encoderCalls == 2)
        room.tick()
        #expect(room.speakers.isEmpty, "300 ms: gone")
        #expect(room.statistics.isSilent)
        #expect(room.statistics.encoderCalls == 1, "only the listeners' silence is encoded")
    }

    @Test func aMutedTalkerIsNeverMixedButItsLevelIsStillKnown() {
        var room = MixerTestRoom()
        room.join(1, tone: 440, amplitude: 0.4)
        room.join(2, tone: 880, amplitude: 0.1)
        room.join(3)
        try! room.mixer.setMuted(true, participant: ParticipantID(1))
        let heard = room.record(20, [3])[3]!
        #expect(room.speakers == [2])
        #expect(room.received(3).count == 960)
        let ratio = MixerTestAudio.toneRatio(heard, 880, over: 440)
        #expect(ratio > 50, "nothing of the muted talker reaches the listener (\(ratio) dB below)")
        let status = room.mixer.status(of: ParticipantID(1))!
        #expect(status.isMuted && status.isSpeaking && !status.isSelected, "talking while muted")
        #expect(abs(status.level - -11) < 0.5, "a 0.4 sine is -11 dBov")

        try! room.mixer.setMuted(false, participant: ParticipantID(1))
        room.run(2)
        #expect(room.speakers == [1, 2])
    }

    @Test func anRFC6464LevelIsUsedInsteadOfTheSamples() throws {
        var room = MixerTestRoom(codec: .token)
        room.join(1)
        room.join(2)
        room.join(3)
        let quiet = [Float](repeating: 0.0001, count: 960)
        let loud = MixerTestAudio.tone(440, amplitude: 0.5, tick: 0)
        for _ in 0..<5 {
            // 1 sends near-silence but says -20 dBov; 2 sends a loud tone but says 127 (silence).
            try room.mixer.write(ParticipantID(1), quiet, audioLevel: 20)
            try room.mixer.write(ParticipantID(2), loud, audioLevel: 127)
            room.mixer.tick(into: &room.output)
        }
        #expect(room.mixer.isSpeaking(ParticipantID(1)))
        #expect(!room.mixer.isSpeaking(ParticipantID(2)))
        #expect(room.speakers == [1])
        #expect(room.mixer.status(of: ParticipantID(1))!.level == -20)
    }

    @Test func aLevelFromOneSixtyMillisecondPacketCoversThreeTicks() throws {
        var room = MixerTestRoom(codec: .token)
        room.join(1)
        try room.mixer.write(ParticipantID(1), [Float](repeating: 0, count: 2880), audioLevel: 10)
        for _ in 0..<3 { room.mixer.tick(into: &room.output) }
        #expect(room.mixer.status(of: ParticipantID(1))!.level == -10)
        room.mixer.tick(into: &room.output)
        #expect(room.mixer.status(of: ParticipantID(1))!.level == Decibels.floor, "then the samples speak again")
    }

    @Test func aReturningSpeakerReusesItsEncoderWithinTheRetentionWindow() {
        var configuration = ConferenceMixer.Configuration()
        configuration.encoderRetentionTicks = 30
        var room = MixerTestRoom(configuration: configuration, codec: .token)
        room.join(1, tone: 440)
        room.join(2)
        room.run(10)
        #expect(room.log.created.count == 2)
        room.tones[ParticipantID(1)] = nil
        room.run(15 + 20)
        #expect(room.speakers.isEmpty)
        #expect(room.mixer.status(of: ParticipantID(1))!.hasPrivateEncoder)
        room.tones[ParticipantID(1)] = (440, 0.25)
        room.run(5)
        #expect(room.speakers == [1])
        #expect(room.log.created.count == 2, "re-elected within the window: same encoder")

        room.tones[ParticipantID(1)] = nil
        room.run(15 + 31)
        #expect(!room.mixer.status(of: ParticipantID(1))!.hasPrivateEncoder, "dropped after the window")
        room.tones[ParticipantID(1)] = (440, 0.25)
        room.run(5)
        #expect(room.log.created.count == 3)
    }

    @Test func removingASpeakerKeepsEveryoneElsesMixRight() {
        var room = MixerTestRoom()
        room.join(1, tone: 440)
        room.join(2, tone: 880)
        room.join(3, tone: 1320)
        room.join(4)
        room.run(10)
        room.leave(1)
        let received = room.record(20, [2, 3, 4])
        #expect(room.speakers == [2, 3])
        #expect(MixerTestAudio.toneRatio(received[2]!, 1320, over: 880) > 20)
        #expect(MixerTestAudio.toneRatio(received[3]!, 880, over: 1320) > 20)
        #expect(MixerTestAudio.toneRatio(received[4]!, 880, over: 440) > 50, "the one who left is gone from the mix")
        #expect(room.output.payload(for: ParticipantID(4))?.kind == .groupMix)
        #expect(room.statistics.encoderCalls == 3)
    }

    @Test func callsNamingUnknownParticipantsOrForeignFramesAreTypedErrors() {
        var room = MixerTestRoom()
        room.join(1)
        #expect(throws: ConferenceMixerError.duplicateParticipant(ParticipantID(1))) {
            try room.mixer.add(participant: ParticipantID(1), group: MixerTestRoom.opusGroup)
        }
        #expect(throws: ConferenceMixerError.unknownParticipant(ParticipantID(9))) {
            try room.mixer.write(ParticipantID(9), [0])
        }
        let narrowband = AudioFrame(sampleRate: 8000, channels: 1, samplesPerChannel: 160)
        #expect(throws: ConferenceMixerError.unsupportedFrame(ParticipantID(1), sampleRate: 8000, channels: 1)) {
            try room.mixer.write(participant: ParticipantID(1), frame: narrowband)
        }
    }
}
