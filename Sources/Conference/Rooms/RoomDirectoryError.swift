/// Why a room could not join the directory: its number or name is already how another room is dialled.
public struct RoomDirectoryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The room being added.
    public var room: String
    /// The room already in the directory that it collides with.
    public var existingRoom: String
    /// What collides and how to fix it, naming both rooms.
    public var message: String

    public init(room: String, existingRoom: String, message: String) {
        self.room = room
        self.existingRoom = existingRoom
        self.message = message
    }

    public var description: String { message }
}
