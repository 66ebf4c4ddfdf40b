import Testing
@testable import Conference

/// Finding a room from what the caller dialled, and refusing a second room that would be reached the same way.
@Suite struct RoomDirectoryTests {
    let cityHall = try! Room(name: "cityhall", title: "City Hall", number: "8000", pin: "1234")
    let lab = try! Room(name: "lab", number: "8001")

    @Test func aDialNumberReachesItsRoom() throws {
        let directory = try RoomDirectory([cityHall, lab])
        #expect(directory.room(forUser: "8000")?.name == "cityhall")
        #expect(directory.room(forUser: "8001")?.name == "lab")
        #expect(directory.room(forUser: "8002") == nil)
    }

    @Test func aNameReachesItsRoomInAnyCase() throws {
        let directory = try RoomDirectory([cityHall, lab])
        #expect(directory.room(forUser: "cityhall")?.number == "8000")
        #expect(directory.room(forUser: "CityHall")?.number == "8000")
        #expect(directory.room(named: "LAB")?.number == "8001")
        #expect(directory.room(forUser: "city") == nil)
    }

    @Test func userParametersAreIgnored() throws {
        let directory = try RoomDirectory([cityHall])
        #expect(directory.room(forUser: "8000;phone-context=example.com")?.name == "cityhall")
    }

    @Test func aSecondRoomWithTheSameNumberIsRefusedNamingBoth() throws {
        var directory = try RoomDirectory([cityHall])
        let clash = try Room(name: "annex", number: "8000")
        #expect(throws: RoomDirectoryError.self) { try directory.add(clash) }
        do {
            try directory.add(clash)
        } catch {
            #expect(error.room == "annex")
            #expect(error.existingRoom == "cityhall")
            #expect(error.message.contains("\"annex\"") && error.message.contains("\"cityhall\""))
            #expect(error.message.contains("number 8000"))
        }
        #expect(directory.room(forUser: "8000")?.name == "cityhall", "the first room keeps its number")
        #expect(directory.room(named: "annex") == nil)
    }

    @Test func aSecondRoomWithTheSameNameIsRefused() throws {
        var directory = try RoomDirectory([cityHall])
        #expect(throws: RoomDirectoryError.self) { try directory.add(try Room(name: "cityhall", number: "9000")) }
        #expect(directory.room(forUser: "9000") == nil)
    }

    @Test func aNameThatIsAnotherRoomsNumberIsRefused() throws {
        var directory = try RoomDirectory([cityHall])
        let numberLike = try Room(name: "8000", number: "9000")
        do {
            try directory.add(numberLike)
            Issue.record("room named 8000 was added beside the room numbered 8000")
        } catch {
            #expect(error.existingRoom == "cityhall")
            #expect(error.message.contains("name 8000, which is already the number of room \"cityhall\""))
        }
    }

    @Test func aNumberThatIsAnotherRoomsNameIsRefused() throws {
        var directory = try RoomDirectory([try Room(name: "9000", number: "9100")])
        #expect(throws: RoomDirectoryError.self) { try directory.add(try Room(name: "other", number: "9000")) }
    }

    @Test func aRemovedRoomFreesItsNumberAndName() throws {
        var directory = try RoomDirectory([cityHall, lab])
        #expect(directory.remove(named: "CityHall")?.number == "8000")
        #expect(directory.room(forUser: "8000") == nil)
        #expect(directory.room(forUser: "cityhall") == nil)
        try directory.add(try Room(name: "cityhall", number: "8000"))
        #expect(directory.rooms.map(\.name) == ["cityhall", "lab"])
        #expect(directory.count == 2)
    }
}
