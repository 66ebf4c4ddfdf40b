import Foundation
import Testing
@testable import Mixing

/// What the outputs sound like: limiting, level normalization, announcements and silence.
struct ConferenceMixerSignalTests {
    @Test func eightFullScaleTalkersStayInsideFullScaleWithoutHardClipping() {
        var configuration = ConferenceMixer.Configuration()
        configuration.speakers = 8
        configuration.normalizer = nil
        var room = MixerTestRoom(configuration: configuration)
        for raw: UInt32 in 1...8 { room.join(raw, tone: 200 + 110 * Double(raw), amplitude: 1) }
        room.join(9)
        room.run(5)
        #expect(room.speakers.count == 8)
        let received = room.record(50, [1, 9])
        for (recipient, samples) in received {
            let peak = samples.map(abs).max()!
            #expect(peak < 1, "recipient \(recipient): peak \(peak) within full scale")
            #expect(peak > 0.9, "recipient \(recipient): still loud (peak \(peak))")
            #expect(samples.filter { abs($0) >= 0.999 }.isEmpty, "recipient \(recipient): no sample pinned at full scale")
        }
    }

    @Test func theLimiterIsTransparentBelowItsKneeAndBendsSmoothlyAbove() {
        var limiter = SoftLimiter()
        var quiet: [Float] = (0..<960).map { 0.7 * sin(Float($0) * 0.1) }
        let original = quiet
        quiet.withUnsafeMutableBufferPointer { limiter.process($0) }
        #expect(quiet == original)

        var loud: [Float] = [0.5, 0.8, 2, 8, 100]
        loud.withUnsafeMutableBufferPointer { limiter.process($0) }
        #expect(loud[0] == 0.5)
        #expect(loud[1] > 0.75 && loud[1] < 0.8)
        #expect(loud[2] < loud[3] && loud[3] < loud[4], "louder stays louder: no flat top")
        #expect(loud[4] < 1)
    }

    @Test func theLimiterRecoversAfterAPeak() {
        var limiter = SoftLimiter()
        var block: [Float] = [4] + [Float](repeating: 0.5, count: 48000 / 2)
        block.withUnsafeMutableBufferPointer { limiter.process($0) }
        #expect(block[1] < 0.3, "just after the peak the gain is still down")
        #expect(block.last == 0.5, "half a second later it is back to unity")
    }

    @Test func normalizationBringsQuietAndLoudTalkersTowardsTheTargetWithinTwelveDecibels() {
        var room = MixerTestRoom()
        room.join(1, tone: 440, amplitude: 0.02)  // -37 dBov
        room.join(2, tone: 880, amplitude: 0.9)  // -3.9 dBov
        room.join(3, tone: 1320, amplitude: 0.1)  // -23 dBov
        room.join(4)
        var gains: [[Float]] = []
        for _ in 0..<200 {
            room.tick()
            gains.append((1...3).map { room.mixer.status(of: ParticipantID($0))!.gain })
        }
        #expect(gains.allSatisfy { $0.allSatisfy { abs($0) <= 12 } }, "never beyond ±12 dB")
        #expect(gains[10][0] < 1.2, "slow: at most 0.1 dB per tick")
        let last = gains.last!
        #expect(last[0] == 12 && last[1] == -12, "clamped for the extremes")
        #expect(abs(last[2] - 3) < 0.05, "-23 dBov gets its 3 dB")
        let heard = room.record(20, [4])[4]!
        let quietInLoud = MixerTestAudio.toneRatio(heard, 880, over: 440)
        #expect(abs(quietInLoud - (33.1 - 24)) < 1, "33 dB apart at the source, 24 dB closer in the mix")
    }

    @Test func normalizationHoldsWhileTheSourceIsSilent() {
        var room = MixerTestRoom()
        room.join(1, tone: 440, amplitude: 0.02)
        room.join(2)
        room.run(50)
        let gain = room.mixer.status(of: ParticipantID(1))!.gain
        #expect(gain > 4)
        room.tones[ParticipantID(1)] = nil
        room.run(100)
        #expect(room.mixer.status(of: ParticipantID(1))!.gain == gain)
        #expect(room.mixer.status(of: ParticipantID(2))!.gain == 0, "a listener who never spoke keeps unity gain")
    }

    @Test func aRoomAnnouncementReachesListenersAndSpeakersThenStops() {
        var room = MixerTestRoom()
        room.join(1, tone: 440)
        room.join(2)
        room.run(5)
        let chime = (0..<10).flatMap { MixerTestAudio.tone(2000, amplitude: 0.2, tick: $0) }
        room.mixer.playToAll(samples: chime)
        let during = room.record(10, [1, 2])
        #expect(MixerTestAudio.toneRatio(during[1]!, 2000, over: 440) > 40, "the speaker hears the chime, not itself")
        #expect(abs(MixerTestAudio.toneRatio(during[2]!, 2000, over: 440) + 1.9) < 1, "the listener hears both")
        #expect(room.statistics.encoderCalls == 2, "no extra encode: the chime is in the shared mix")
        room.tick()
        #expect(room.output.payload(for: ParticipantID(1))!.isSilence, "after the chime the lone talker hears nothing")
        #expect(room.received(1).allSatisfy { $0 == 0 })
    }

    @Test func aRoomAnnouncementMakesAnEmptyRoomAudible() {
        var room = MixerTestRoom()
        room.join(1)
        room.join(2)
        room.run(3)
        #expect(room.statistics.isSilent)
        room.mixer.playToAll(samples: [Float](repeating: 0.1, count: 1440))
        room.tick()
        #expect(!room.statistics.isSilent)
        #expect(!room.output.payloads[0].isSilence)
        room.tick()
        #expect(!room.statistics.isSilent, "the last 480 samples play in the second tick")
        #expect(Array(room.received(1)[480...]).allSatisfy { $0 == 0 })
        room.tick()
        #expect(room.statistics.isSilent)
    }

    @Test func aPromptForOneLegIsEncodedForItAlone() {
        var room = MixerTestRoom()
        room.join(1, tone: 440)
        room.join(2)
        room.join(3)
        room.run(5)
        let prompt = (0..<5).flatMap { MixerTestAudio.tone(2000, amplitude: 0.2, tick: $0) }
        try! room.mixer.play(samples: prompt, to: ParticipantID(2))
        let during = room.record(5, [2, 3])
        #expect(room.output.payload(for: ParticipantID(2))!.kind == .privateMix)
        #expect(room.statistics.encoderCalls == 3, "group + speaker + the prompted leg")
        #expect(abs(MixerTestAudio.toneRatio(during[2]!, 2000, over: 440) + 1.9) < 1, "the prompted leg hears both")
        #expect(MixerTestAudio.toneRatio(during[3]!, 440, over: 2000) > 50, "the others do not hear the prompt")
        room.tick()
        #expect(room.output.payload(for: ParticipantID(2))!.kind == .groupMix, "back in the shared mix")
        #expect(room.statistics.encoderCalls == 2)
    }

    @Test func anEmptyRoomStillSendsEncodedSilenceFlaggedAsSuch() {
        var room = MixerTestRoom()
        for raw: UInt32 in 1...5 { room.join(raw) }
        room.run(3)
        #expect(room.statistics.isSilent)
        #expect(room.statistics.encoderCalls == 1)
        #expect(room.output.payloads.count == 1)
        #expect(room.output.payloads[0].isSilence)
        #expect(room.output.recipients(of: room.output.payloads[0]).count == 5)
        #expect(room.received(3) == [Float](repeating: 0, count: 960))
    }
}

extension ConferenceMixerSignalTests {
    @Test func aSpeakersPromptIsAddedToItsMixMinus() {
        var room = MixerTestRoom()
        room.join(1, tone: 440)
        room.join(2, tone: 880)
        room.join(3)
        room.run(5)
        let prompt = (0..<5).flatMap { MixerTestAudio.tone(2000, amplitude: 0.2, tick: $0) }
        try! room.mixer.play(samples: prompt, to: ParticipantID(1))
        let heard = room.record(5, [1])[1]!
        #expect(room.output.payload(for: ParticipantID(1))!.kind == .mixMinus)
        #expect(room.statistics.encoderCalls == 3, "no extra encode: the speaker is encoded alone anyway")
        #expect(abs(MixerTestAudio.toneRatio(heard, 2000, over: 880) + 1.9) < 1)
        #expect(MixerTestAudio.toneRatio(heard, 880, over: 440) > 40, "still without its own voice")
    }

    @Test func sixteenBitFramesAreAcceptedAndMeasured() throws {
        var room = MixerTestRoom(codec: .token)
        room.join(1)
        room.join(2)
        for tick in 0..<3 {
            let frame = AudioTone.frame(
                frequency: 440, amplitude: 0.1, sampleRate: 48000, samplesPerChannel: 960, offset: tick * 960)
            try room.mixer.write(participant: ParticipantID(1), frame: frame)
            room.mixer.tick(into: &room.output)
        }
        #expect(room.speakers == [1])
        #expect(abs(room.mixer.status(of: ParticipantID(1))!.level - -23) < 0.1, "a 0.1 sine is -23 dBov")
        #expect(room.mixer.status(of: ParticipantID(1))!.underruns == 0)
    }
}
