/// A standing room as defined in `Rooms/<name>.toml`: how it is dialled, who may enter, and how its media is secured.
import SDP

public struct Room: Sendable, Hashable {
    /// Identifier: 1-32 lowercase letters, digits, `-` or `_`; also dialable as the Request-URI user part.
    public let name: String
    /// What people see; the name when none was given.
    public let title: String
    /// Dial number: 2-15 digits.
    public let number: String
    /// The participants' PIN (4-12 digits), if any.
    public let pin: String?
    /// The chair's PIN (4-12 digits, never equal to `pin`), if any.
    public let moderatorPin: String?
    public let access: RoomAccess
    public let srtp: SRTPPolicy
    /// Most callers in the room at once, chairs included.
    public let maxParticipants: Int
    /// How many of the loudest talkers are mixed at once.
    public let speakers: Int
    public let sites: [RoomSite]

    public static let defaultMaxParticipants = 50
    public static let maxParticipantsRange = 2...1000
    public static let defaultSpeakers = 3
    public static let speakersRange = 1...10

    /// A checked room. `access` defaults to `.pin` when a PIN is set and to `.account` otherwise, so a room with no
    /// `access` key is never open by accident. A `.pin` room with only `moderatorPin` admits chairs only.
    public init(
        name: String, title: String? = nil, number: String, pin: String? = nil, moderatorPin: String? = nil,
        access: RoomAccess? = nil, srtp: SRTPPolicy = .optional, maxParticipants: Int = Room.defaultMaxParticipants,
        speakers: Int = Room.defaultSpeakers, sites: [RoomSite] = []
    ) throws(RoomDefinitionError) {
        try Self.checkIdentifier(name, key: "name", example: "cityhall")
        let title = title ?? name
        try Self.checkTitle(title, key: "title")
        try Self.checkNumber(number)
        if let pin { try Self.checkPIN(pin, key: "pin") }
        if let moderatorPin { try Self.checkPIN(moderatorPin, key: "moderator_pin") }
        if let pin, pin == moderatorPin {
            throw RoomDefinitionError(
                key: "moderator_pin",
                message: "is the same as pin; give the chair a PIN of its own, or chairs cannot be told apart"
            )
        }
        let access = access ?? (pin == nil && moderatorPin == nil ? .account : .pin)
        if access == .pin, pin == nil, moderatorPin == nil {
            throw RoomDefinitionError(
                key: "access",
                message: #""pin" needs a PIN to enter; set pin (or moderator_pin), or use access = "account" or "open""#
            )
        }
        try Self.checkRange(
            maxParticipants, Self.maxParticipantsRange, Self.defaultMaxParticipants, key: "max_participants"
        )
        try Self.checkRange(speakers, Self.speakersRange, Self.defaultSpeakers, key: "speakers")
        try Self.checkSites(sites)

        self.name = name
        self.title = title
        self.number = number
        self.pin = pin
        self.moderatorPin = moderatorPin
        self.access = access
        self.srtp = srtp
        self.maxParticipants = maxParticipants
        self.speakers = speakers
        self.sites = sites
    }

    /// A room from the values its TOML file holds (absent keys as `nil`); `access` and `srtp` are checked as words.
    public static func validated(
        name: String, title: String? = nil, number: String, pin: String? = nil, moderatorPin: String? = nil,
        access: String? = nil, srtp: String? = nil, maxParticipants: Int? = nil, speakers: Int? = nil,
        sites: [RoomSite] = []
    ) throws(RoomDefinitionError) -> Room {
        let accessWord = try access.map { word throws(RoomDefinitionError) in
            try parseWord(word, key: "access", as: RoomAccess.self)
        }
        let srtpWord = try srtp.map { word throws(RoomDefinitionError) in
            try parseWord(word, key: "srtp", as: SRTPPolicy.self)
        }
        return try Room(
            name: name, title: title, number: number, pin: pin, moderatorPin: moderatorPin, access: accessWord,
            srtp: srtpWord ?? .optional, maxParticipants: maxParticipants ?? defaultMaxParticipants,
            speakers: speakers ?? defaultSpeakers, sites: sites
        )
    }
}
