import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The operator commands as a script sees them: the real `huiyi` executable against a running server's admin API,
/// finding the server and the token the documented ways, with the documented exit statuses.
final class OperatorCommandLineTests: XCTestCase {
    private var root: URL!
    private var server: AdminAPIServerHarness!

    override func setUp() async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("huiyi-operator-\(UUID().uuidString)")
        let rooms = root.appendingPathComponent("rooms")
        try FileManager.default.createDirectory(at: rooms, withIntermediateDirectories: true)
        try """
            name = "boardroom"
            title = "Board room"
            number = "8200"
            access = "open"

            [[sites]]
            name = "shunde"
            title = "Shunde"
            uri = "sip:shunde@huiyi.local"
            """.write(to: rooms.appendingPathComponent("boardroom.toml"), atomically: true, encoding: .utf8)
        try """
            name = "plaza"
            title = "Plaza"
            number = "8300"
            access = "open"
            """.write(to: rooms.appendingPathComponent("plaza.toml"), atomically: true, encoding: .utf8)
        server = AdminAPIServerHarness(dataDirectory: root.appendingPathComponent("data").path, roomsDirectory: rooms.path)
    }

    override func tearDown() async throws {
        await server?.stop()
        try? FileManager.default.removeItem(at: root)
    }

    private var dataDirectory: String { server.dataDirectory }
    private var serverURL: String { "http://127.0.0.1:\(server.adminPort)" }

    // MARK: Finding the server and the token

    func testStatusFindsTheTokenFileThroughTheDataDirectory() async throws {
        try await server.start()

        let table = try await huiyi("status", "--server", serverURL, "--data-dir", dataDirectory)
        XCTAssertEqual(table.status, 0, table.standardError)
        let lines = table.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.first, "server        \(serverURL)", table.standardOutput)
        XCTAssertTrue(lines.contains("domain        huiyi.local"), table.standardOutput)
        XCTAssertTrue(lines.contains("rooms         2 (0 live)"), table.standardOutput)
        XCTAssertTrue(lines.contains("participants  0"), table.standardOutput)
        XCTAssertTrue(lines.contains("meetings      0 running"), table.standardOutput)
        XCTAssertTrue(lines.contains("alarms        none"), table.standardOutput)

        // The same through HUIYI_SERVER, as JSON.
        let json = try await huiyi("status", "--json", "--data-dir", dataDirectory,
                                   environment: ["HUIYI_SERVER": serverURL])
        XCTAssertEqual(json.status, 0, json.standardError)
        let status = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        XCTAssertEqual(status["domain"] as? String, "huiyi.local")
        XCTAssertEqual(status["rooms"] as? Int, 2)
        XCTAssertEqual(status["live_rooms"] as? Int, 0)
        XCTAssertNotNil(status["uptime_s"] as? Int)
        XCTAssertEqual(status["meetings_running"] as? Int, 0)
        XCTAssertEqual(status["alarms"] as? [String], [])
    }

    func testTheConfigurationNamesTheServerAndTheDataDirectory() async throws {
        try await server.start()
        let configuration = root.appendingPathComponent("huiyi.toml")
        try """
            data_dir = "\(dataDirectory)"

            [admin]
            listen = "127.0.0.1:\(server.adminPort)"
            """.write(to: configuration, atomically: true, encoding: .utf8)

        let outcome = try await huiyi("room", "list", "--json", "--config", configuration.path)
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        XCTAssertEqual(try roomNames(outcome.standardOutput), ["boardroom", "plaza"])
    }

    func testTheTokenFromHUIYITOKENIsSent() async throws {
        try await server.start()
        let token = try String(contentsOfFile: dataDirectory + "/admin.token", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // A data directory without a token file: the variable alone must do.
        let outcome = try await huiyi("status", "--server", serverURL, "--data-dir",
                                      root.appendingPathComponent("elsewhere").path, environment: ["HUIYI_TOKEN": token])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
    }

    func testFlagsWinOverTheEnvironmentAndTheEnvironmentOverTheConfiguration() async throws {
        try await server.start()
        let closed = "http://127.0.0.1:\(try Self.closedPort())"
        let token = try String(contentsOfFile: dataDirectory + "/admin.token", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let configuration = root.appendingPathComponent("elsewhere.toml")
        try """
            data_dir = "\(root.appendingPathComponent("elsewhere").path)"

            [admin]
            listen = "\(closed.dropFirst("http://".count))"
            """.write(to: configuration, atomically: true, encoding: .utf8)

        let flags = try await huiyi("status", "--server", serverURL, "--token", token, "--config", configuration.path,
                                    environment: ["HUIYI_SERVER": closed, "HUIYI_TOKEN": "0123"])
        XCTAssertEqual(flags.status, 0, flags.standardError)

        let variables = try await huiyi("status", "--config", configuration.path,
                                        environment: ["HUIYI_SERVER": serverURL, "HUIYI_TOKEN": token])
        XCTAssertEqual(variables.status, 0, variables.standardError)

        let configured = try await huiyi("status", "--config", configuration.path, environment: ["HUIYI_TOKEN": token])
        assertOneLineError(configured, status: 3, prefix: "cannot reach the server at \(closed) (connection refused)")
    }

    // MARK: Failures and their exit statuses

    func testAWrongTokenExits4SayingWhichTokenWasRefused() async throws {
        try await server.start()

        let option = try await huiyi("status", "--server", serverURL, "--token", "0123", "--data-dir", dataDirectory)
        assertOneLineError(option, status: 4, prefix: "the server refused the token given with --token; ")

        let variable = try await huiyi("status", "--server", serverURL, environment: ["HUIYI_TOKEN": "0123"])
        assertOneLineError(variable, status: 4, prefix: "the server refused the token in HUIYI_TOKEN; ")

        let elsewhere = root.appendingPathComponent("elsewhere").path
        let missing = try await huiyi("status", "--server", serverURL, "--data-dir", elsewhere)
        assertOneLineError(missing, status: 4, prefix: "no admin token: \(elsewhere)/admin.token does not exist")
    }

    func testNoServerExits3SayingWhatToDo() async throws {
        let port = try Self.closedPort()
        let outcome = try await huiyi("status", "--server", "http://127.0.0.1:\(port)", "--token", "0123")
        assertOneLineError(outcome, status: 3, prefix: """
            cannot reach the server at http://127.0.0.1:\(port) (connection refused); is 'huiyi serve' running? \
            (--server, HUIYI_SERVER)
            """)

        // Without a token file as well: the server being down is what the operator needs to hear.
        let alone = try await huiyi("room", "list", "--data-dir", root.appendingPathComponent("none").path,
                                    environment: ["HUIYI_SERVER": "127.0.0.1:\(port)"])
        assertOneLineError(alone, status: 3, prefix: "cannot reach the server at http://127.0.0.1:\(port) ")
    }

    func testABadServerURLIsAUsageError() async throws {
        let outcome = try await huiyi("status", "--server", "ftp://127.0.0.1:21", "--token", "0123")
        assertOneLineError(outcome, status: 64, prefix: "--server 'ftp://127.0.0.1:21' is not an admin API URL")
    }

    // MARK: Rooms

    func testRoomListJSONListsTheRoomsDirectory() async throws {
        try await server.start()

        let json = try await huiyi("room", "list", "--json", "--server", serverURL, "--data-dir", dataDirectory)
        XCTAssertEqual(json.status, 0, json.standardError)
        XCTAssertEqual(try roomNames(json.standardOutput), ["boardroom", "plaza"])
        let rooms = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8))
            as? [[String: Any]])
        let boardroom = try XCTUnwrap(rooms.first { $0["name"] as? String == "boardroom" })
        XCTAssertEqual(boardroom["number"] as? String, "8200")
        XCTAssertEqual(boardroom["access"] as? String, "open")
        XCTAssertEqual(boardroom["locked"] as? Bool, false)
        XCTAssertEqual(boardroom["participants"] as? Int, 0)
        XCTAssertEqual((boardroom["sites"] as? [[String: String]])?.map { $0["uri"] }, ["sip:shunde@huiyi.local"])

        let table = try await huiyi("room", "list", "--server", serverURL, "--data-dir", dataDirectory)
        let lines = table.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.count, 3, table.standardOutput)
        XCTAssertTrue(lines[0].hasPrefix("NAME       NUMBER  ACCESS  SRTP"), table.standardOutput)
        XCTAssertEqual(lines.dropFirst().compactMap { $0.split(separator: " ").first }.sorted(), ["boardroom", "plaza"])
    }

    func testRoomsCreatedChangedAndRemovedThroughTheAPIOutliveARestartBesideTheFileRooms() async throws {
        try await server.start()
        func run(_ arguments: String...) async throws -> Outcome {
            try await huiyi(arguments: arguments + ["--server", serverURL, "--data-dir", dataDirectory])
        }
        let created = try await run("room", "create", "adhoc", "--number", "8400", "--title", "Ad hoc", "--pin", "2468",
                                    "--site", "nanhai=sip:nanhai@huiyi.local")
        XCTAssertEqual(created.status, 0, created.standardError)
        XCTAssertEqual(created.standardOutput, "created room adhoc, dial 8400\n")

        let taken = try await run("room", "create", "other", "--number", "8200")
        XCTAssertEqual(taken.status, 1)
        XCTAssertTrue(taken.standardError.contains("already the number of room \"boardroom\""), taken.standardError)
        let badName = try await run("room", "create", "Ad Hoc", "--number", "8500")
        XCTAssertEqual(badName.status, 1)
        XCTAssertTrue(badName.standardError.hasPrefix("huiyi: name: \"Ad Hoc\" is not a valid name"), badName.standardError)

        // An update without --pin keeps the PIN (access stays "pin", which needs one).
        let updated = try await run("room", "update", "8400", "--title", "Ad hoc room")
        XCTAssertEqual(updated.status, 0, updated.standardError)

        // Restart with plaza.toml deleted: its room goes, the created one stays as changed.
        await server.stopKeepingData()
        try FileManager.default.removeItem(at: root.appendingPathComponent("rooms/plaza.toml"))
        try await server.start()
        let listed = try await run("room", "list", "--json")
        let rooms = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8))
            as? [[String: Any]])
        XCTAssertEqual(rooms.compactMap { $0["name"] as? String }, ["adhoc", "boardroom"])
        let adhoc = try XCTUnwrap(rooms.first { $0["name"] as? String == "adhoc" })
        XCTAssertEqual(adhoc["title"] as? String, "Ad hoc room")
        XCTAssertEqual(adhoc["access"] as? String, "pin")
        XCTAssertEqual((adhoc["sites"] as? [[String: Any]])?.first?["uri"] as? String, "sip:nanhai@huiyi.local")

        let removed = try await run("room", "remove", "adhoc")
        XCTAssertEqual(removed.status, 0, removed.standardError)
        let gone = try await run("room", "show", "adhoc")
        XCTAssertEqual(gone.status, 1)
    }

    func testAccountsGoThroughTheRunningServerAndAreAudited() async throws {
        try await server.start()
        func run(_ arguments: String...) async throws -> Outcome {
            try await huiyi(arguments: arguments + ["--server", serverURL, "--data-dir", dataDirectory])
        }
        let added = try await run("account", "add", "erin", "--password", "s3cret")
        XCTAssertEqual(added.status, 0, added.standardError)
        XCTAssertEqual(added.standardOutput, "added erin@huiyi.local\n")
        let duplicate = try await run("account", "add", "erin", "--password", "x")
        assertOneLineError(duplicate, status: 1, prefix: "account 'erin' already exists")
        let changed = try await run("account", "passwd", "erin", "--password", "n3w")
        XCTAssertEqual(changed.status, 0, changed.standardError)
        let listed = try await run("account", "list", "--json")
        let accounts = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8))
            as? [[String: Any]])
        XCTAssertEqual(accounts.compactMap { $0["username"] as? String }, ["erin"])
        XCTAssertNil(accounts.first?["password"], "no secret ever comes back")

        // Through the API, so the audit log has them, without the password.
        let audit = try await run("audit", "list", "--json")
        XCTAssertTrue(audit.standardOutput.contains("account.add"), audit.standardOutput)
        XCTAssertTrue(audit.standardOutput.contains("account.passwd"), audit.standardOutput)
        XCTAssertFalse(audit.standardOutput.contains("s3cret") || audit.standardOutput.contains("n3w"))

        let refused = try await huiyi(arguments: ["account", "list", "--server", serverURL, "--data-dir", dataDirectory,
                                                  "--token", String(repeating: "f", count: 64)])
        XCTAssertEqual(refused.status, 4, "a running server that refuses the token is not bypassed")
        let removed = try await run("account", "remove", "erin")
        XCTAssertEqual(removed.status, 0, removed.standardError)
    }

    func testALockedRoomIsShownLockedUntilUnlocked() async throws {
        try await server.start()

        let lock = try await huiyi("room", "lock", "boardroom", "--server", serverURL, "--data-dir", dataDirectory)
        XCTAssertEqual(lock.status, 0, lock.standardError)
        XCTAssertTrue(lock.standardOutput.hasPrefix("locked boardroom"), lock.standardOutput)

        // By its number too.
        let shown = try await huiyi("room", "show", "8200", "--json", "--server", serverURL, "--data-dir", dataDirectory)
        XCTAssertEqual(shown.status, 0, shown.standardError)
        let room = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(shown.standardOutput.utf8)) as? [String: Any])
        XCTAssertEqual(room["name"] as? String, "boardroom")
        XCTAssertEqual(room["locked"] as? Bool, true)

        let table = try await huiyi("room", "show", "boardroom", "--server", serverURL, "--data-dir", dataDirectory)
        XCTAssertTrue(table.standardOutput.split(separator: "\n").contains("locked        yes"), table.standardOutput)
        XCTAssertTrue(table.standardOutput.contains("shunde  sip:shunde@huiyi.local  Shunde"), table.standardOutput)

        let unlock = try await huiyi("room", "unlock", "8200", "--json", "--server", serverURL,
                                     "--data-dir", dataDirectory)
        XCTAssertEqual(unlock.status, 0, unlock.standardError)
        let unlocked = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(unlock.standardOutput.utf8))
            as? [String: Any])
        XCTAssertEqual(unlocked["locked"] as? Bool, false)
    }

    func testAnUnknownRoomExits1WithTheServersMessage() async throws {
        try await server.start()
        let outcome = try await huiyi("room", "show", "attic", "--server", serverURL, "--data-dir", dataDirectory)
        assertOneLineError(outcome, status: 1, prefix: "no room attic; see huiyi room list")
    }

    // MARK: Participants and dial-out

    func testTheParticipantsOfAnEmptyRoomAreAnEmptyTable() async throws {
        try await server.start()

        let table = try await huiyi("participant", "list", "plaza", "--server", serverURL, "--data-dir", dataDirectory)
        XCTAssertEqual(table.status, 0, table.standardError)
        XCTAssertEqual(table.standardOutput,
                       "ID  NAME/URI  ROLE  CODEC  SRTP  TALKING  MUTED  LOSS  JITTER  RTT  CONNECTED SINCE\n")

        let json = try await huiyi("participant", "list", "plaza", "--json", "--server", serverURL,
                                   "--data-dir", dataDirectory)
        XCTAssertEqual(json.status, 0, json.standardError)
        XCTAssertEqual(json.standardOutput, "[]\n")

        let mute = try await huiyi("participant", "mute", "plaza", "7", "--server", serverURL,
                                   "--data-dir", dataDirectory)
        assertOneLineError(mute, status: 1, prefix: "no participant 7 in plaza; see huiyi participant list plaza")
    }

    func testDialingAnUnregisteredSiteExits1WithTheServersMessage() async throws {
        try await server.start()
        let outcome = try await huiyi("dial", "boardroom", "sip:shunde@huiyi.local", "--server", serverURL,
                                      "--data-dir", dataDirectory)
        assertOneLineError(outcome, status: 1, prefix: "sip:shunde@huiyi.local is not registered")

        let notSIP = try await huiyi("dial", "boardroom", "shunde", "--server", serverURL, "--data-dir", dataDirectory)
        assertOneLineError(notSIP, status: 1, prefix: "shunde is not a SIP URI; use sip:user@host")
    }

    // MARK: The token file

    func testARotatedTokenIsRefusedUntilTheServerRestarts() async throws {
        try await server.start()
        let path = dataDirectory + "/admin.token"
        let before = try String(contentsOfFile: path, encoding: .utf8)

        let rotate = try await huiyi("admin", "rotate-token", "--data-dir", dataDirectory)
        XCTAssertEqual(rotate.status, 0, rotate.standardError)
        XCTAssertTrue(rotate.standardOutput.contains("restart 'huiyi serve'"), rotate.standardOutput)
        let after = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertNotEqual(after, before)
        XCTAssertEqual(after.trimmingCharacters(in: .whitespacesAndNewlines).count, 64)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)

        let refused = try await huiyi("status", "--server", serverURL, "--data-dir", dataDirectory)
        assertOneLineError(refused, status: 4, prefix: "the server refused the token in \(path): ")

        await server.stopKeepingData()
        try await server.start()
        let accepted = try await huiyi("status", "--server", serverURL, "--data-dir", dataDirectory)
        XCTAssertEqual(accepted.status, 0, accepted.standardError)
    }

    func testShellCompletionScriptsNameTheOperatorCommands() async throws {
        let outcome = try await huiyi("--generate-completion-script", "bash")
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        for command in ["status", "room", "participant", "dial", "rotate-token"] {
            XCTAssertTrue(outcome.standardOutput.contains(command), "no \(command) in the bash completion script")
        }
    }

    // MARK: Helpers

    private typealias Outcome = HuiyiExecutable.Outcome

    /// Runs the `huiyi` executable in the test's directory (no Config/huiyi.toml there), without any HUIYI_SERVER
    /// or HUIYI_TOKEN of the environment running the tests, and with `environment` added.
    private func huiyi(_ arguments: String..., environment: [String: String] = [:]) async throws -> Outcome {
        try await huiyi(arguments: arguments, environment: environment)
    }

    private func huiyi(arguments: [String], environment: [String: String] = [:]) async throws -> Outcome {
        try await HuiyiExecutable.run(arguments, in: root, environment: environment)
    }

    private func assertOneLineError(_ outcome: Outcome, status: Int32, prefix: String,
                                    file: StaticString = #filePath, line: UInt = #line) {
        HuiyiExecutable.assertOneLineError(outcome, status: status, prefix: prefix, file: file, line: line)
    }

    private func roomNames(_ json: String) throws -> [String] {
        let rooms = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]], json)
        return rooms.compactMap { $0["name"] as? String }.sorted()
    }

    /// A loopback TCP port nothing listens on: bound, read back and closed again.
    private static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
