/// A member site of a room: an endpoint the room knows by name and can dial (a `sip:` or `sips:` URI, RFC 3261 §19.1).
public struct RoomSite: Sendable, Hashable {
    /// Identifier, unique within its room (same rules as a room name).
    public var name: String
    /// What people see; the name when none was given.
    public var title: String
    /// Where the site is reached, e.g. `sips:boardroom@hq.example.com`.
    public var uri: String

    /// A site as written; `Room` checks it (and says which `sites[i]` key is wrong) when the room is built.
    public init(name: String, title: String? = nil, uri: String) {
        self.name = name
        self.title = title ?? name
        self.uri = uri
    }
}
