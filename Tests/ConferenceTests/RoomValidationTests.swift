import SDP
import Testing
@testable import Conference

/// Room definitions as the loader hands them over: defaults, and an error naming the TOML key for every rule.
@Suite struct RoomValidationTests {
    @Test func aMinimalRoomTakesTheDefaults() throws {
        let room = try Room.validated(name: "cityhall", number: "8000")
        #expect(room.title == "cityhall")
        #expect(room.access == .account, "no PIN and no access key: secure by default, never open")
        #expect(room.srtp == .optional)
        #expect(room.maxParticipants == 50)
        #expect(room.speakers == 3)
        #expect(room.sites.isEmpty)
    }

    @Test func aRoomWithAPINDefaultsToPINAccess() throws {
        #expect(try Room.validated(name: "a", number: "80", pin: "1234").access == .pin)
        #expect(try Room.validated(name: "a", number: "80", moderatorPin: "9876").access == .pin)
    }

    @Test func everyKeyIsRead() throws {
        let room = try Room.validated(
            name: "board_room-2", title: "Board Room", number: "123456789012345", pin: "1234",
            moderatorPin: "123456789012", access: "Open", srtp: "required", maxParticipants: 1000, speakers: 10,
            sites: [RoomSite(name: "hq", title: "Headquarters", uri: "sips:board@hq.example.com"),
                    RoomSite(name: "lab", uri: "SIP:10.0.0.7:5062;transport=tcp")]
        )
        #expect(room.title == "Board Room")
        #expect(room.access == .open)
        #expect(room.srtp == .required)
        #expect(room.maxParticipants == 1000)
        #expect(room.speakers == 10)
        #expect(room.sites.map(\.title) == ["Headquarters", "lab"])
    }

    /// The error a definition fails with, or nil if it was accepted.
    static func failure(_ build: () throws -> Room) -> RoomDefinitionError? {
        do {
            _ = try build()
            return nil
        } catch {
            return error as? RoomDefinitionError
        }
    }

    /// Each broken definition and the key its error must name.
    static let brokenDefinitions: [(String, RoomDefinitionError?)] = [
        ("name", failure { try Room.validated(name: "City Hall", number: "8000") }),
        ("name", failure { try Room.validated(name: "", number: "8000") }),
        ("name", failure { try Room.validated(name: String(repeating: "a", count: 33), number: "8000") }),
        ("title", failure { try Room.validated(name: "a", title: "  ", number: "8000") }),
        ("title", failure { try Room.validated(name: "a", title: "two\nlines", number: "8000") }),
        ("title", failure { try Room.validated(name: "a", title: String(repeating: "t", count: 101), number: "8000") }),
        ("number", failure { try Room.validated(name: "a", number: "80a0") }),
        ("number", failure { try Room.validated(name: "a", number: "8") }),
        ("number", failure { try Room.validated(name: "a", number: "1234567890123456") }),
        ("number", failure { try Room.validated(name: "a", number: "+8000") }),
        ("pin", failure { try Room.validated(name: "a", number: "8000", pin: "123") }),
        ("pin", failure { try Room.validated(name: "a", number: "8000", pin: "12a4") }),
        ("pin", failure { try Room.validated(name: "a", number: "8000", pin: "1234567890123") }),
        ("moderator_pin", failure { try Room.validated(name: "a", number: "8000", moderatorPin: "12 34") }),
        ("moderator_pin", failure { try Room.validated(name: "a", number: "8000", pin: "1234", moderatorPin: "1234") }),
        ("access", failure { try Room.validated(name: "a", number: "8000", access: "guest") }),
        ("access", failure { try Room.validated(name: "a", number: "8000", access: "pin") }),
        ("srtp", failure { try Room.validated(name: "a", number: "8000", srtp: "yes") }),
        ("max_participants", failure { try Room.validated(name: "a", number: "8000", maxParticipants: 1) }),
        ("max_participants", failure { try Room.validated(name: "a", number: "8000", maxParticipants: 1001) }),
        ("speakers", failure { try Room.validated(name: "a", number: "8000", speakers: 0) }),
        ("speakers", failure { try Room.validated(name: "a", number: "8000", speakers: 11) }),
        ("sites[0].name", failure { try Room.validated(name: "a", number: "8000", sites: [RoomSite(name: "HQ", uri: "sip:hq")]) }),
        ("sites[1].name", failure {
            try Room.validated(
                name: "a", number: "8000", sites: [RoomSite(name: "hq", uri: "sip:a"), RoomSite(name: "hq", uri: "sip:b")]
            )
        }),
        ("sites[0].title", failure {
            try Room.validated(name: "a", number: "8000", sites: [RoomSite(name: "hq", title: "", uri: "sip:hq")])
        }),
        ("sites[2].uri", failure {
            try Room.validated(
                name: "a", number: "8000",
                sites: [RoomSite(name: "x", uri: "sip:x"), RoomSite(name: "y", uri: "sips:y"),
                        RoomSite(name: "z", uri: "h323:z@example.com")]
            )
        }),
        ("sites[0].uri", failure { try Room.validated(name: "a", number: "8000", sites: [RoomSite(name: "x", uri: "sip:")]) }),
        ("sites[0].uri", failure { try Room.validated(name: "a", number: "8000", sites: [RoomSite(name: "x", uri: "sip:@host")]) }),
        ("sites[0].uri", failure {
            try Room.validated(name: "a", number: "8000", sites: [RoomSite(name: "x", uri: "sip:a b@host")])
        }),
    ]

    @Test(arguments: brokenDefinitions)
    func aBrokenKeyIsNamed(key: String, error: RoomDefinitionError?) throws {
        let error = try #require(error, "a definition with a bad \(key) was accepted")
        #expect(error.key == key)
        #expect(error.description == "\(key): \(error.message)")
        #expect(!error.message.contains("\n"), "one line, so the loader can prefix file and line")
        #expect(error.message.contains("; "), "the message says what is wrong, then how to fix it")
    }

    @Test func aBadNumberSaysWhatADialNumberIs() {
        #expect(throws: RoomDefinitionError(
            key: "number", message: #""80a0" is not a dial number; use 2-15 digits such as 8000"#
        )) { try Room.validated(name: "a", number: "80a0") }
    }

    @Test func aBadNameSuggestsAUsableOne() {
        #expect(throws: RoomDefinitionError(
            key: "name",
            message: #""City Hall" is not a valid name; use 1-32 lowercase letters, digits, "-" or "_" such as city-hall"#
        )) { try Room.validated(name: "City Hall", number: "8000") }
    }

    @Test func aBadPINIsNeverEchoed() {
        do {
            _ = try Room.validated(name: "a", number: "8000", pin: "98x7")
            Issue.record("a PIN with a letter was accepted")
        } catch {
            #expect(!error.description.contains("98x7"), "the PIN must not reach logs")
        }
        do {
            _ = try Room.validated(name: "a", number: "8000", pin: "4242", moderatorPin: "4242")
            Issue.record("equal PINs were accepted")
        } catch {
            #expect(error.key == "moderator_pin")
            #expect(!error.description.contains("4242"))
        }
    }

    @Test func aWordKeyListsItsChoices() {
        #expect(throws: RoomDefinitionError(
            key: "srtp", message: #""yes" is not allowed here; use "required", "optional" or "off""#
        )) { try Room.validated(name: "a", number: "8000", srtp: "yes") }
    }

    @Test func aTypedRoomIsCheckedTheSameWay() {
        #expect(throws: RoomDefinitionError.self) { try Room(name: "a", number: "8000", access: .pin) }
        #expect(throws: RoomDefinitionError.self) { try Room(name: "a", number: "8000", speakers: 20) }
    }
}

/// A room written to a log shows its settings but never its PINs.
@Suite struct RoomDescriptionTests {
    @Test func pinsAreRedacted() throws {
        let room = try Room(name: "cityhall", title: "City Hall", number: "8000", pin: "2468", moderatorPin: "13579")
        #expect(room.description == #"room cityhall ("City Hall") number 8000, access pin with pin and moderator_pin set, "#
            + "srtp optional, up to 50 participants, 3 speakers, 0 sites")
        #expect(!String(reflecting: room).contains("2468"))
        #expect(!"\(room)".contains("13579"))
    }
}
