import Foundation
import GRDB
import Store
import XCTest

/// Stored data survives `kill -9`: accounts added with the CLI while the server runs and registrar bindings written by
/// the server are still there, and the database is intact, after the server process is killed without warning.
final class DurabilityTests: XCTestCase {
    func testAccountsAndBindingsSurviveKill9() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("huiyi-durability-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let dataDirectory = root.appendingPathComponent("data").path
        let binary = try Self.huiyiBinary()

        let server = Process()
        server.executableURL = binary
        server.arguments = ["serve", "--data-dir", dataDirectory, "--sip", "udp:127.0.0.1:0", "--log-level", "info"]
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        server.currentDirectoryURL = root
        let log = Pipe()
        server.standardError = log
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30) { if server.isRunning { server.terminate() } }

        // Readiness: the log line that names the bound UDP port.
        var text = ""
        while !text.contains("huiyi ready"), server.isRunning {
            text += String(decoding: log.fileHandleForReading.availableData, as: UTF8.self)
        }
        let port = try XCTUnwrap(text.components(separatedBy: "udp:127.0.0.1:").dropFirst().last
            .flatMap { Int($0.prefix { $0.isNumber }) }, "no bound port in: \(text)")

        // The operator adds an account with the CLI while the server runs; the account registers at once.
        let add = Process()
        add.executableURL = binary
        add.arguments = ["account", "add", "gaoming", "--password", "g40ming", "--data-dir", dataDirectory]
        add.currentDirectoryURL = root
        try add.run()
        add.waitUntilExit()
        XCTAssertEqual(add.terminationStatus, 0)
        let client = try UDPClient(serverPort: port)
        var cseq = 0
        XCTAssertEqual(try client.register(user: "gaoming", password: "g40ming", cseq: &cseq).statusCode, 200)

        // Bindings are written behind: wait (bounded) until the server has committed this one, then kill it.
        let database = try HuiyiDatabase(dataDirectory: dataDirectory)
        let deadline = Date().addingTimeInterval(5)
        while try database.bindings.listBindings(aor: "sip:gaoming@huiyi.local").isEmpty, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        XCTAssertEqual(server.terminationReason, .uncaughtSignal)

        let reopened = try HuiyiDatabase(dataDirectory: dataDirectory)
        XCTAssertEqual(try reopened.accounts.list().map(\.username), ["gaoming"])
        XCTAssertEqual(try reopened.bindings.listBindings(aor: "sip:gaoming@huiyi.local").map(\.contact),
                       ["<sip:gaoming@127.0.0.1:\(client.localPort)>"])
        XCTAssertEqual(try reopened.pool.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }, "ok")
    }

    /// The `huiyi` executable built next to the test bundle.
    static func huiyiBinary() throws -> URL {
        let directory = Bundle.main.executableURL?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let binary = candidate.appendingPathComponent("huiyi")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        throw XCTSkip("no huiyi binary next to \(directory.path); run swift build first")
    }
}
