/// Why a booking was refused before any room was checked: the field at fault and a one-line fix.
public struct MeetingDefinitionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `title`, `duration`, `sites` or `recurrence`.
    public var field: String
    /// What is wrong, naming the value and how to fix it.
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
