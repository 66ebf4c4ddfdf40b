/// Why a room definition was refused: the key as written in the room's TOML file and a one-line fix.
public struct RoomDefinitionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The TOML key at fault, e.g. `number`, `moderator_pin` or `sites[2].uri` (site indices count from 0).
    public var key: String
    /// What is wrong and how to fix it, without the key,
    /// e.g. `"80a0" is not a dial number; use 2-15 digits such as 8000`.
    public var message: String

    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    /// `key: message`, ready for the loader to prefix with file and line.
    public var description: String { "\(key): \(message)" }
}
