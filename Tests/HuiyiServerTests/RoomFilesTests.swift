import Conference
import Foundation
import XCTest

@testable import HuiyiServer

/// `Rooms/*.toml` into rooms; a broken file is one line naming file, line and key (`sites[1].uri`, 0-based).
final class RoomFilesTests: ConfigurationTestCase {
    private var shippedRooms: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Rooms").path
    }

    /// Parses `text` as a room file and returns the error, failing the test when there is none.
    private func roomError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> ConfigurationError? {
        do {
            let room = try RoomFiles.parse(text, path: "Rooms/test.toml")
            XCTFail("expected an error, loaded \(room)", file: file, line: line)
            return nil
        } catch {
            XCTAssertFalse(error.description.contains("\n"), "one line: \(error)", file: file, line: line)
            return error
        }
    }

    /// The error for `text`, checked to name `key` at line `fileLine` of the file.
    private func roomError(_ text: String, key: String, at fileLine: Int?, file: StaticString = #filePath,
                           line: UInt = #line) throws -> ConfigurationError {
        let error = try XCTUnwrap(roomError(text, file: file, line: line), file: file, line: line)
        XCTAssertEqual(error.key, key, file: file, line: line)
        XCTAssertEqual(error.origin, .file(path: "Rooms/test.toml", line: fileLine), file: file, line: line)
        return error
    }

    // MARK: The shipped rooms

    func testShippedRoomsLoad() throws {
        let rooms = try RoomFiles.load(directory: shippedRooms)
        XCTAssertEqual(rooms.map(\.name), ["citywide", "desktop"])

        let citywide = rooms[0]
        XCTAssertEqual(citywide.number, "8000")
        XCTAssertEqual(citywide.title, "City-wide meeting room")
        XCTAssertNil(citywide.pin)
        XCTAssertEqual(citywide.moderatorPin, "5150")
        XCTAssertEqual(citywide.sites.map(\.name),
                       ["cityhall", "shunde", "nanhai", "sanshui", "gaoming", "chengqu", "shiwan"])
        XCTAssertEqual(citywide.sites.first?.uri, "sip:cityhall@huiyi.local")
        XCTAssertEqual(citywide.sites.last?.title, "Shiwan District")

        let desktop = rooms[1]
        XCTAssertEqual(desktop.number, "8100")
        XCTAssertEqual(desktop.pin, "2468")
        XCTAssertEqual(desktop.moderatorPin, "1357")
        XCTAssertEqual(desktop.sites, [])
    }

    func testAMissingDirectoryIsNoRooms() throws {
        XCTAssertEqual(try RoomFiles.load(directory: directory.appendingPathComponent("absent").path), [])
    }

    func testOnlyTOMLFilesAreRoomsInNameOrder() throws {
        try writeFile("name = \"zeta\"\nnumber = \"8200\"\n", named: "a.toml")
        try writeFile("name = \"alpha\"\nnumber = 8300\n", named: "b.toml")
        try writeFile("this is not a room", named: "README.md")
        try writeFile("name = \"old\"\nnumber = \"8200\"\n", named: "a.toml.orig")
        let rooms = try RoomFiles.load(directory: directory.path + "/")
        XCTAssertEqual(rooms.map(\.name), ["zeta", "alpha"], "files in name order")
        XCTAssertEqual(rooms.map(\.number), ["8200", "8300"], "a dial number may be a TOML integer")
    }

    // MARK: Broken files

    func testBadNumberNamesFileLineAndKey() throws {
        let error = try roomError("""
            # A room.
            name = "board"

            number = "80a0"
            """, key: "number", at: 4)
        XCTAssertTrue(error.description.hasPrefix("Rooms/test.toml:4: number: "), error.description)
        XCTAssertTrue(error.problem.contains("80a0"), error.description)
    }

    func testUnknownKeyNamesItsLine() throws {
        let error = try roomError("name = \"board\"\nnumber = \"8000\"\ncolour = \"blue\"\n", key: "colour", at: 3)
        XCTAssertTrue(error.problem.hasPrefix("unknown key; a room file takes name, title, number"), error.description)
    }

    func testAMisspeltSitesTableNamesItsHeaderLine() throws {
        let error = try roomError("""
            name = "board"
            number = "8000"

            [[site]]  # one of the sites
            name = "north"
            uri = "sip:north@example.com"
            """, key: "site", at: 4)
        XCTAssertTrue(error.problem.hasPrefix("unknown key; a room file takes"), error.description)
    }

    func testASiteWithABadURIPointsAtItsLine() throws {
        let error = try roomError("""
            name = "board"
            number = "8000"

            [[sites]]
            name = "north"
            uri = "sip:north@example.com"

            [[sites]]
            name = "south"
            uri = "mailto:south@example.com"
            """, key: "sites[1].uri", at: 10)
        XCTAssertTrue(error.description.hasPrefix("Rooms/test.toml:10: sites[1].uri: "), error.description)
    }

    func testAnUnknownSiteKeyPointsAtItsLine() throws {
        _ = try roomError("""
            name = "board"
            number = "8000"
            [[sites]]
            name = "north"
            url = "sip:north@example.com"
            """, key: "sites[0].url", at: 5)
    }

    func testAPINGivenAsAnIntegerIsRefused() throws {
        // Unquoted, a PIN loses what makes it a string (TOML has no leading zeros); ask for quotes.
        let error = try roomError("name = \"board\"\nnumber = \"8000\"\npin = 2468\n", key: "pin", at: 3)
        XCTAssertEqual(error.problem, "expected a quoted string, got 2468")
    }

    func testMissingNameOrNumberSaysWhatToWrite() throws {
        _ = try roomError("number = \"8000\"\n", key: "name", at: nil)
        let noNumber = try roomError("name = \"board\"\n", key: "number", at: nil)
        XCTAssertTrue(noNumber.problem.contains("number = \"8000\""), noNumber.description)
    }

    func testAnIntegerThatIsNotOneIsRefused() throws {
        _ = try roomError("name = \"board\"\nnumber = \"8000\"\nmax_participants = \"many\"\n", key: "max_participants",
                          at: 3)
    }

    func testNotTOMLNamesTheLine() throws {
        let error = try roomError("name = \"board\"\nnumber = \"8000\"\npin = \"12\n", key: "", at: 3)
        XCTAssertTrue(error.problem.hasPrefix("not valid TOML"), error.description)
    }

    func testTwoFilesWithOneNumberNameTheSecondFileItsLineAndTheOther() throws {
        let first = try writeFile("name = \"east\"\nnumber = \"8000\"\n", named: "east.toml")
        let second = try writeFile("# The west wing.\nname = \"west\"\nnumber = \"8000\"\n", named: "west.toml")
        do {
            let rooms = try RoomFiles.load(directory: directory.path)
            XCTFail("expected an error, loaded \(rooms)")
        } catch {
            XCTAssertEqual(error.key, "number")
            XCTAssertEqual(error.origin, .file(path: second, line: 3))
            XCTAssertTrue(error.problem.contains("\"east\""), error.description)
            XCTAssertTrue(error.problem.contains(first), "names the other file: \(error)")
            XCTAssertFalse(error.description.contains("\n"))
        }
    }

    func testTwoFilesWithOneNameBlameTheName() throws {
        try writeFile("name = \"east\"\nnumber = \"8000\"\n", named: "a.toml")
        let second = try writeFile("name = \"east\"\nnumber = \"8001\"\n", named: "b.toml")
        XCTAssertThrowsError(try RoomFiles.load(directory: directory.path)) { error in
            XCTAssertEqual((error as? ConfigurationError)?.key, "name")
            XCTAssertEqual((error as? ConfigurationError)?.origin, .file(path: second, line: 1))
        }
    }
}
