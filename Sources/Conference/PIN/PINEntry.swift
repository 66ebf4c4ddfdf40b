/// One caller keying in a room PIN by DTMF (RFC 4733 events or SIP INFO): prompts, attempts, timeouts (sans-IO).
///
/// The driver feeds `start`, each `digit` and, at `nextDeadline`, `advance`; every input returns the actions to take
/// in order. `#` ends an entry, so does a pause of `interDigitTimeout` after a digit or reaching `maxDigits`; `*`
/// clears what was entered. A wrong entry, or a prompt left unanswered for `firstDigitTimeout`, uses up an attempt.
public struct PINEntry: Sendable {
    public enum State: Sendable, Hashable {
        /// `start` has not been called.
        case notStarted
        /// Waiting for digits; `attemptsUsed` attempts have failed so far.
        case collecting(attemptsUsed: Int)
        /// The caller is in (no further input changes anything).
        case admitted(ParticipantRole)
        /// The caller is to be hung up (no further input changes anything).
        case refused(PINEntryFailure)
    }

    public let configuration: PINEntryConfiguration
    public private(set) var state: State = .notStarted
    /// When `advance` must next be called; `nil` before `start` and once the outcome is known.
    public private(set) var nextDeadline: ConferenceInstant?

    private let participantPIN: [UInt8]?
    private let chairPIN: [UInt8]?
    private var entered: [UInt8] = []
    private var attemptsUsed = 0

    /// Entry for a room with these PINs; `nil` when neither is set, as there is then nothing to enter.
    /// With only `moderatorPIN`, only chairs can get in.
    public init?(pin: String?, moderatorPIN: String?, configuration: PINEntryConfiguration = .init()) {
        guard pin != nil || moderatorPIN != nil else { return nil }
        participantPIN = pin.map { Array($0.utf8) }
        chairPIN = moderatorPIN.map { Array($0.utf8) }
        self.configuration = configuration
    }

    /// Entry for `room`'s PINs; `nil` when the room has none.
    public init?(room: Room, configuration: PINEntryConfiguration = .init()) {
        self.init(pin: room.pin, moderatorPIN: room.moderatorPin, configuration: configuration)
    }

    /// The call is answered: ask for the PIN and wait for the first digit.
    public mutating func start(now: ConferenceInstant) -> [PINEntryAction] {
        guard state == .notStarted else { return [] }
        state = .collecting(attemptsUsed: 0)
        return prompt(now: now)
    }

    /// One DTMF key: `0`-`9`, `*` (clear) or `#` (done). Other keys (`A`-`D`) are ignored. A deadline that has
    /// already passed is handled first, so a late driver still sees what a punctual one would.
    public mutating func digit(_ key: Character, now: ConferenceInstant) -> [PINEntryAction] {
        var actions = advance(now: now)
        guard case .collecting = state else { return actions }
        switch key.asciiValue {
        case let byte? where (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte):
            entered.append(byte)
            if entered.count >= configuration.maxDigits {
                actions += finishEntry(now: now)
            } else {
                nextDeadline = now + configuration.interDigitTimeout
            }
        case UInt8(ascii: "#"):
            actions += finishEntry(now: now)
        case UInt8(ascii: "*"):
            entered.removeAll()
            actions += prompt(now: now)
        default:
            break
        }
        return actions
    }

    /// Time has passed: at the inter-digit timeout the entry ends; at the first-digit timeout a silent attempt fails.
    public mutating func advance(now: ConferenceInstant) -> [PINEntryAction] {
        guard case .collecting = state, let deadline = nextDeadline, now >= deadline else { return [] }
        if entered.isEmpty {
            return fail(now: now, failure: .noInput(attempts: attemptsUsed + 1))
        }
        return finishEntry(now: now)
    }

    /// Checks the entry against both PINs (always both, in constant time, so timing tells nothing).
    private mutating func finishEntry(now: ConferenceInstant) -> [PINEntryAction] {
        let isChair = chairPIN.map { ConstantTimeComparison.equal(entered, $0) } ?? false
        let isParticipant = participantPIN.map { ConstantTimeComparison.equal(entered, $0) } ?? false
        entered.removeAll()
        guard isChair || isParticipant else {
            return fail(now: now, failure: .wrongPIN(attempts: attemptsUsed + 1))
        }
        let role: ParticipantRole = isChair ? .chair : .participant
        state = .admitted(role)
        nextDeadline = nil
        return [.play(.welcome), .admit(role: role)]
    }

    private mutating func fail(now: ConferenceInstant, failure: PINEntryFailure) -> [PINEntryAction] {
        attemptsUsed += 1
        var actions: [PINEntryAction] = []
        if case .wrongPIN = failure { actions.append(.play(.wrongPIN)) }
        guard attemptsUsed >= configuration.maxAttempts else {
            state = .collecting(attemptsUsed: attemptsUsed)
            return actions + prompt(now: now)
        }
        state = .refused(failure)
        nextDeadline = nil
        return actions + [.play(.goodbye), .hangUp(reason: failure)]
    }

    private mutating func prompt(now: ConferenceInstant) -> [PINEntryAction] {
        nextDeadline = now + configuration.firstDigitTimeout
        return [.play(.enterPIN)]
    }
}
