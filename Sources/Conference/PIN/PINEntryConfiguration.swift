/// Limits for one caller's PIN entry, with the values conference bridges commonly use.
public struct PINEntryConfiguration: Sendable, Hashable {
    /// Failed attempts (wrong or silent) before the call is ended.
    public var maxAttempts: Int
    /// After a digit, how long a pause ends the entry as if `#` had been pressed.
    public var interDigitTimeout: Duration
    /// After a prompt, how long the caller may wait before the first digit; a silent attempt counts as failed.
    public var firstDigitTimeout: Duration
    /// An entry ends by itself at this many digits.
    public var maxDigits: Int

    public init(
        maxAttempts: Int = 3, interDigitTimeout: Duration = .seconds(5), firstDigitTimeout: Duration = .seconds(15),
        maxDigits: Int = 12
    ) {
        precondition(maxAttempts > 0 && maxDigits > 0, "PIN entry needs at least one attempt and one digit")
        self.maxAttempts = maxAttempts
        self.interDigitTimeout = interDigitTimeout
        self.firstDigitTimeout = firstDigitTimeout
        self.maxDigits = maxDigits
    }
}
