import Foundation
import XCTest

/// The `huiyi` executable end to end: configuration errors, operator commands and exit statuses, as a script sees them.
final class ConfigurationCommandLineTests: ConfigurationTestCase {
    private struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The `huiyi` binary built next to this test bundle.
    private var executable: URL {
        get throws {
            let directory = Bundle.main.executableURL?.deletingLastPathComponent()
                ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            for candidate in [directory, directory.deletingLastPathComponent()] {
                let binary = candidate.appendingPathComponent("huiyi")
                if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
            }
            throw XCTSkip("no huiyi binary next to \(directory.path); run swift build first")
        }
    }

    private var dataDirectory: String { directory.appendingPathComponent("data").path }

    @discardableResult
    private func huiyi(_ arguments: String..., input: String? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = try executable
        process.arguments = arguments
        // A directory without Config/huiyi.toml, so only the embedded defaults and the flags count.
        process.currentDirectoryURL = directory
        let output = Pipe(), error = Pipe(), standardInput = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(Data(input.utf8)) }
        try standardInput.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self)
        )
    }

    private func assertOneLineError(_ outcome: Outcome, status: Int32, prefix: String, line: UInt = #line) {
        XCTAssertEqual(outcome.status, status, outcome.standardError, line: line)
        XCTAssertTrue(outcome.standardError.hasPrefix("huiyi: \(prefix)"), outcome.standardError, line: line)
        XCTAssertEqual(outcome.standardError.filter { $0 == "\n" }.count, 1, outcome.standardError, line: line)
    }

    func testAccountLifecycle() throws {
        let added = try huiyi("account", "add", "alice", "--password", "wonderland", "--data-dir", dataDirectory)
        XCTAssertEqual(added.status, 0, added.standardError)
        XCTAssertEqual(added.standardOutput, "added alice@huiyi.local\n")

        let duplicate = try huiyi("account", "add", "alice", "--password", "x", "--data-dir", dataDirectory)
        assertOneLineError(duplicate, status: 1, prefix: "account 'alice' already exists")

        let fromStandardInput = try huiyi(
            "account", "add", "bob", "--password-stdin", "--domain", "conf.example", "--data-dir", dataDirectory,
            input: "builder\n"
        )
        XCTAssertEqual(fromStandardInput.standardOutput, "added bob@conf.example\n", fromStandardInput.standardError)

        let table = try huiyi("account", "list", "--data-dir", dataDirectory)
        let lines = table.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.count, 3, table.standardOutput)
        XCTAssertTrue(lines[0].hasPrefix("USERNAME  REALM"), table.standardOutput)
        XCTAssertTrue(lines[1].hasPrefix("alice     huiyi.local   "), table.standardOutput)
        XCTAssertTrue(lines[2].hasPrefix("bob       conf.example  "), table.standardOutput)

        let json = try huiyi("account", "list", "--json", "--data-dir", dataDirectory)
        let accounts = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: String]]
        XCTAssertEqual(accounts?.map { $0["username"] }, ["alice", "bob"])
        XCTAssertEqual(accounts?.map { $0["realm"] }, ["huiyi.local", "conf.example"])

        XCTAssertEqual(try huiyi("account", "passwd", "alice", "--password", "y", "--data-dir", dataDirectory).status, 0)
        assertOneLineError(
            try huiyi("account", "passwd", "carol", "--password", "y", "--data-dir", dataDirectory),
            status: 1, prefix: "there is no account 'carol'"
        )
        XCTAssertEqual(try huiyi("account", "remove", "alice", "--data-dir", dataDirectory).status, 0)
        assertOneLineError(
            try huiyi("account", "remove", "alice", "--data-dir", dataDirectory), status: 1,
            prefix: "there is no account 'alice'"
        )
        let remaining = try huiyi("account", "list", "--json", "--data-dir", dataDirectory)
        XCTAssertFalse(remaining.standardOutput.contains("alice"), remaining.standardOutput)
    }

    func testUsageErrorsExitWith64() throws {
        assertOneLineError(try huiyi("account", "add", "alice", "--data-dir", dataDirectory), status: 64,
                           prefix: "give --password PASS or --password-stdin")
        assertOneLineError(try huiyi("account", "frobnicate"), status: 64, prefix: "")
        assertOneLineError(try huiyi("serve", "--no-such-flag"), status: 64, prefix: "Unknown option '--no-such-flag'")
    }

    func testConfigurationErrorsExitWith78() throws {
        assertOneLineError(try huiyi("serve", "--sip", "tcp:x", "--data-dir", dataDirectory), status: 78,
                           prefix: #"--sip tcp:x: expected "udp|tcp|tls:HOST:PORT""#)
        assertOneLineError(try huiyi("serve", "--log-level", "loud"), status: 78, prefix: "--log-level loud: expected")
        assertOneLineError(try huiyi("serve", "--rtp-ports", "5000-4000"), status: 78,
                           prefix: #"--rtp-ports 5000-4000: expected "LOW-HIGH" with 1024 ≤ LOW < HIGH ≤ 65535"#)
        assertOneLineError(try huiyi("serve", "--rooms", ""), status: 78, prefix: "--rooms : expected a path")
        let rooms = directory.appendingPathComponent("rooms").path
        try FileManager.default.createDirectory(atPath: rooms, withIntermediateDirectories: true)
        _ = try writeFile("name = \"cityhall\"\nnumber = \"80a0\"\n", named: "rooms/cityhall.toml")
        assertOneLineError(try huiyi("serve", "--rooms", rooms, "--data-dir", dataDirectory, "--sip", "udp:127.0.0.1:0",
                                     "--admin", "127.0.0.1:0"), status: 78,
                           prefix: "\(rooms)/cityhall.toml:2: number: \"80a0\" is not a dial number")

        let file = try writeFile("[registrar]\nmin_expires = -5\n", named: "bad.toml")
        assertOneLineError(try huiyi("serve", "--config", file), status: 78,
                           prefix: "\(file):2: registrar.min_expires: expected an integer ≥ 1, got -5")
        assertOneLineError(try huiyi("account", "list", "--config", directory.appendingPathComponent("none.toml").path),
                           status: 78, prefix: directory.appendingPathComponent("none.toml").path + ": no such file")
    }

    func testEmptyBindingListing() throws {
        let json = try huiyi("binding", "list", "--json", "--data-dir", dataDirectory)
        XCTAssertEqual(json.status, 0, json.standardError)
        XCTAssertEqual(json.standardOutput, "[]\n")
        let table = try huiyi("binding", "list", "--data-dir", dataDirectory)
        XCTAssertEqual(table.standardOutput, "AOR  CONTACT  EXPIRES  FROM\n")
    }

    func testServeRunsUntilSIGTERM() throws {
        let process = Process()
        process.executableURL = try executable
        process.arguments = ["serve", "--data-dir", dataDirectory, "--sip", "udp:127.0.0.1:0", "--log-level", "info"]
        process.currentDirectoryURL = directory
        let error = Pipe()
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // A server that never gets ready is stopped, which ends the blocking reads below.
        DispatchQueue.global().asyncAfter(deadline: .now() + 20) { if process.isRunning { process.terminate() } }
        // The server reports readiness on stderr once its listeners are bound.
        var log = ""
        while !log.contains("huiyi ready"), process.isRunning {
            log += String(decoding: error.fileHandleForReading.availableData, as: UTF8.self)
        }
        XCTAssertTrue(log.contains("huiyi ready"), log)

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit)
        XCTAssertEqual(process.terminationStatus, 0, log)
    }
}
