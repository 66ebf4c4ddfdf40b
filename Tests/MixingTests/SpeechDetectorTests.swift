import Testing
@testable import Mixing

/// Voice activity with hysteresis: two loud ticks to start, 300 ms of quiet to stop, RFC 6464 levels accepted.
struct SpeechDetectorTests {
    @Test func speechStartsAfterTheAttackAndEndsAfterTheHangover() {
        var detector = SpeechDetector()
        detector.update(level: -20)
        #expect(!detector.isSpeaking, "one loud tick is not speech")
        detector.update(level: -20)
        #expect(detector.isSpeaking)
        for _ in 0..<14 { detector.update(level: -70) }
        #expect(detector.isSpeaking, "a 280 ms pause does not end the turn")
        detector.update(level: -70)
        #expect(!detector.isSpeaking, "15 quiet ticks (300 ms) do")
    }

    @Test func aSingleLoudTickBetweenQuietOnesNeverStartsSpeech() {
        var detector = SpeechDetector()
        for tick in 0..<40 { detector.update(level: tick % 2 == 0 ? -10 : -80) }
        #expect(!detector.isSpeaking)
    }

    @Test func levelsBetweenTheThresholdsKeepTheCurrentState() {
        var speaking = SpeechDetector()
        speaking.update(level: -30)
        speaking.update(level: -30)
        var quiet = SpeechDetector()
        for _ in 0..<50 {
            speaking.update(level: -44)
            quiet.update(level: -44)
        }
        #expect(speaking.isSpeaking)
        #expect(!quiet.isSpeaking)
    }

    @Test func pausesInsideTheHangoverRestartIt() {
        var detector = SpeechDetector()
        detector.update(level: -20)
        detector.update(level: -20)
        for _ in 0..<5 {
            for _ in 0..<10 { detector.update(level: -70) }
            detector.update(level: -30)
        }
        #expect(detector.isSpeaking)
    }

    @Test func rfc6464LevelsAreMinusDBov() {
        var detector = SpeechDetector()
        detector.update(audioLevel: 25)
        detector.update(audioLevel: 25)
        #expect(detector.isSpeaking)
        #expect(detector.level == -25)
        var silent = SpeechDetector()
        for _ in 0..<10 { silent.update(audioLevel: 127) }
        #expect(!silent.isSpeaking)
        #expect(silent.smoothedLevel == -127)
    }

    @Test func theSmoothedLevelRisesFastAndFallsSlowly() {
        var detector = SpeechDetector()
        for _ in 0..<5 { detector.update(level: -60) }
        detector.update(level: -20)
        detector.update(level: -20)
        #expect(detector.smoothedLevel == -20, "a rise shows at once")
        detector.update(level: -60)
        #expect(detector.smoothedLevel == -22, "one quiet tick takes 5 % of a fall")
        for _ in 0..<20 { detector.update(level: -60) }
        #expect(detector.smoothedLevel < -45, "0.4 s of quiet takes two thirds of it")
    }
}
