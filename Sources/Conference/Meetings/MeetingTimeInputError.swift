/// Why a `--at` or `--duration` value was refused: one line naming the input, what is wrong and a good example.
public struct MeetingTimeInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `--at` or `--duration`.
    public var option: String
    /// The value as typed.
    public var input: String
    /// What is wrong, with an example of a good value.
    public var message: String

    public init(option: String, input: String, message: String) {
        self.option = option
        self.input = input
        self.message = message
    }

    /// `--at "2026-13-01 09:00": there is no month 13; write e.g. "2026-12-01 09:00"`.
    public var description: String { "\(option) \"\(input)\": \(message)" }
}
