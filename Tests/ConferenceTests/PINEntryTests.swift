import Testing
@testable import Conference

/// One caller keying in a PIN, driven by a test clock: every way in and every way out.
@Suite struct PINEntryTests {
    /// A caller on the line: the entry under test plus the instant it has reached.
    struct Call {
        var entry: PINEntry
        var now = ConferenceInstant.zero

        init(pin: String? = "1234", moderatorPIN: String? = "987654") {
            entry = PINEntry(pin: pin, moderatorPIN: moderatorPIN)!
        }

        mutating func start() -> [PINEntryAction] { entry.start(now: now) }

        /// Keys `keys` one a second (well inside the 5 s inter-digit timeout); the actions of all of them.
        mutating func press(_ keys: String) -> [PINEntryAction] {
            var actions: [PINEntryAction] = []
            for key in keys {
                now = now + .seconds(1)
                actions += entry.digit(key, now: now)
            }
            return actions
        }

        /// Lets `duration` pass, then calls `advance` as a driver would at that time.
        mutating func wait(_ duration: Duration) -> [PINEntryAction] {
            now = now + duration
            return entry.advance(now: now)
        }
    }

    @Test func theRoomPINAdmitsAParticipant() {
        var call = Call()
        #expect(call.start() == [.play(.enterPIN)])
        #expect(call.press("1234") == [])
        #expect(call.press("#") == [.play(.welcome), .admit(role: .participant)])
        #expect(call.entry.state == .admitted(.participant))
        #expect(call.entry.nextDeadline == nil)
    }

    @Test func theModeratorPINAdmitsTheChair() {
        var call = Call()
        _ = call.start()
        #expect(call.press("987654#") == [.play(.welcome), .admit(role: .chair)])
        #expect(call.entry.state == .admitted(.chair))
    }

    @Test func threeWrongPINsHangUp() {
        var call = Call()
        _ = call.start()
        #expect(call.press("1111#") == [.play(.wrongPIN), .play(.enterPIN)])
        #expect(call.entry.state == .collecting(attemptsUsed: 1))
        #expect(call.press("12345#") == [.play(.wrongPIN), .play(.enterPIN)])
        #expect(call.press("123#") == [.play(.wrongPIN), .play(.goodbye), .hangUp(reason: .wrongPIN(attempts: 3))])
        #expect(call.entry.state == .refused(.wrongPIN(attempts: 3)))
        #expect(call.entry.nextDeadline == nil)
        #expect(call.press("1234#") == [], "nothing gets in after the hang-up")
    }

    @Test func aWrongPINThenTheRightOneAdmits() {
        var call = Call()
        _ = call.start()
        _ = call.press("4321#")
        #expect(call.press("1234#") == [.play(.welcome), .admit(role: .participant)])
    }

    @Test func starClearsTheEntry() {
        var call = Call()
        _ = call.start()
        #expect(call.press("99*") == [.play(.enterPIN)])
        #expect(call.entry.state == .collecting(attemptsUsed: 0), "a cleared entry is not a failed attempt")
        #expect(call.press("1234#") == [.play(.welcome), .admit(role: .participant)])
    }

    @Test func anInterDigitPauseEndsTheEntry() {
        var call = Call()
        _ = call.start()
        _ = call.press("1234")
        #expect(call.entry.nextDeadline == call.now + .seconds(5))
        #expect(call.wait(.milliseconds(4_999)) == [])
        #expect(call.wait(.milliseconds(1)) == [.play(.welcome), .admit(role: .participant)])
    }

    @Test func anInterDigitPauseAfterAWrongEntryUsesAnAttempt() {
        var call = Call()
        _ = call.start()
        _ = call.press("12")
        #expect(call.wait(.seconds(5)) == [.play(.wrongPIN), .play(.enterPIN)])
        #expect(call.entry.nextDeadline == call.now + .seconds(15))
    }

    @Test func aLateDigitIsTakenAfterTheDeadlineItMissed() {
        var call = Call()
        _ = call.start()
        _ = call.press("1234")
        call.now = call.now + .seconds(6)
        // The driver never called advance: "1234" ended at the timeout, then "5" begins nothing (caller is in).
        #expect(call.entry.digit("5", now: call.now) == [.play(.welcome), .admit(role: .participant)])
    }

    @Test func theFirstDigitMayTakeFifteenSeconds() {
        var call = Call()
        _ = call.start()
        #expect(call.entry.nextDeadline == .zero + .seconds(15))
        #expect(call.wait(.seconds(13)) == [], "the first key comes at 14 s, pressed 1 s after this")
        #expect(call.press("1234#") == [.play(.welcome), .admit(role: .participant)])
    }

    @Test func silenceRepromptsThenHangsUpAfterTheAttempts() {
        var call = Call()
        _ = call.start()
        #expect(call.wait(.seconds(15)) == [.play(.enterPIN)])
        #expect(call.wait(.seconds(15)) == [.play(.enterPIN)])
        #expect(call.wait(.seconds(15)) == [.play(.goodbye), .hangUp(reason: .noInput(attempts: 3))])
        #expect(call.entry.state == .refused(.noInput(attempts: 3)))
    }

    @Test func wrongAndSilentAttemptsCountTogether() {
        var call = Call()
        _ = call.start()
        _ = call.press("0000#")
        _ = call.wait(.seconds(15))
        #expect(call.press("0000#") == [.play(.wrongPIN), .play(.goodbye), .hangUp(reason: .wrongPIN(attempts: 3))])
    }

    @Test func anEmptyEntryIsAWrongPIN() {
        var call = Call()
        _ = call.start()
        #expect(call.press("#") == [.play(.wrongPIN), .play(.enterPIN)])
    }

    @Test func theEntryEndsByItselfAtTwelveDigits() {
        var call = Call(pin: "123456789012", moderatorPIN: nil)
        _ = call.start()
        #expect(call.press("12345678901") == [])
        #expect(call.press("2") == [.play(.welcome), .admit(role: .participant)])
    }

    @Test func otherKeysAreIgnored() {
        var call = Call()
        _ = call.start()
        #expect(call.press("12A3BD\u{663}4") == [], "letters and non-ASCII digits are not PIN digits")
        #expect(call.press("#") == [.play(.welcome), .admit(role: .participant)])
    }

    @Test func aModeratorOnlyRoomAdmitsOnlyChairs() {
        var call = Call(pin: nil, moderatorPIN: "5555")
        _ = call.start()
        #expect(call.press("#") == [.play(.wrongPIN), .play(.enterPIN)], "an empty entry is no participant PIN")
        #expect(call.press("5555#") == [.play(.welcome), .admit(role: .chair)])
    }

    @Test func aRoomWithoutPINsNeedsNoEntry() throws {
        #expect(PINEntry(pin: nil, moderatorPIN: nil) == nil)
        #expect(PINEntry(room: try Room(name: "open", number: "8100", access: .open)) == nil)
        #expect(PINEntry(room: try Room(name: "locked", number: "8101", pin: "2468")) != nil)
    }

    @Test func inputBeforeStartAndASecondStartDoNothing() {
        var call = Call()
        #expect(call.press("1234#") == [])
        #expect(call.wait(.seconds(60)) == [])
        #expect(call.start() == [.play(.enterPIN)])
        #expect(call.start() == [])
    }

    @Test func theLimitsAreConfigurable() {
        var entry = PINEntry(
            pin: "1234", moderatorPIN: nil,
            configuration: PINEntryConfiguration(maxAttempts: 1, firstDigitTimeout: .seconds(3))
        )!
        _ = entry.start(now: .zero)
        #expect(entry.nextDeadline == .zero + .seconds(3))
        #expect(entry.advance(now: .zero + .seconds(3)) == [.play(.goodbye), .hangUp(reason: .noInput(attempts: 1))])
    }

    @Test func instantsAdvanceByWholeNanoseconds() {
        #expect((ConferenceInstant.zero + .milliseconds(1_500)).nanoseconds == 1_500_000_000)
        #expect((ConferenceInstant(nanoseconds: 7) + .nanoseconds(5)).nanoseconds == 12)
        #expect(ConferenceInstant(nanoseconds: 1) < ConferenceInstant(nanoseconds: 2))
    }

    @Test func secretsCompareEqualOnlyWhenEveryByteMatches() {
        #expect(ConstantTimeComparison.equal(Array("1234".utf8), Array("1234".utf8)))
        #expect(!ConstantTimeComparison.equal(Array("1234".utf8), Array("1235".utf8)))
        #expect(!ConstantTimeComparison.equal(Array("1234".utf8), Array("12340".utf8)))
        #expect(!ConstantTimeComparison.equal(Array("1234".utf8), Array("123".utf8)))
        #expect(!ConstantTimeComparison.equal([], Array("1".utf8)))
        #expect(ConstantTimeComparison.equal([], []))
    }
}
