/// The standing rooms, found by what a caller dialled: the Request-URI user part (RFC 3261 §19.1.1) as number or name.
public struct RoomDirectory: Sendable {
    private var roomsByName: [String: Room] = [:]
    /// Every dialable string (numbers and names share one namespace) to the name of the room it reaches.
    private var nameByDialString: [String: String] = [:]

    public init() {}

    /// A directory of `rooms`, failing on the first collision.
    public init(_ rooms: [Room]) throws(RoomDirectoryError) {
        for room in rooms { try add(room) }
    }

    /// Every room, ordered by name.
    public var rooms: [Room] { roomsByName.values.sorted { $0.name < $1.name } }

    public var count: Int { roomsByName.count }

    /// Adds `room`; neither its number nor its name may be the number or name of a room already here, because a
    /// dialled `8000` or `cityhall` must reach exactly one room.
    public mutating func add(_ room: Room) throws(RoomDirectoryError) {
        for (what, dialString) in [("number", room.number), ("name", room.name)] {
            guard let existingName = nameByDialString[dialString], let existing = roomsByName[existingName] else {
                continue
            }
            let theirs = existing.number == dialString ? "number" : "name"
            throw RoomDirectoryError(
                room: room.name, existingRoom: existing.name,
                message: "room \"\(room.name)\" has \(what) \(dialString), which is already the \(theirs) of room "
                    + "\"\(existing.name)\"; give one of them another \(what == theirs ? what : "number or name")"
            )
        }
        roomsByName[room.name] = room
        nameByDialString[room.number] = room.name
        nameByDialString[room.name] = room.name
    }

    /// Removes the room called `name` and returns it, if it was here.
    @discardableResult
    public mutating func remove(named name: String) -> Room? {
        guard let room = roomsByName.removeValue(forKey: name.lowercased()) else { return nil }
        nameByDialString[room.number] = nil
        nameByDialString[room.name] = nil
        return room
    }

    /// The room a Request-URI user part reaches: a dial number, or a name in any case. User parameters after `;`
    /// (RFC 3261 §19.1.6, e.g. `8000;phone-context=example.com`) are ignored.
    public func room(forUser user: String) -> Room? {
        let dialled = user.prefix { $0 != ";" }.lowercased()
        guard let name = nameByDialString[dialled] else { return nil }
        return roomsByName[name]
    }

    /// The room called `name` (any case).
    public func room(named name: String) -> Room? { roomsByName[name.lowercased()] }
}
