import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The `huiyi` executable as a script runs it: in a directory of the test's own (no Config/huiyi.toml there),
/// without the HUIYI_SERVER or HUIYI_TOKEN of the environment running the tests.
enum HuiyiExecutable {
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String

        /// Standard output parsed as JSON.
        func json(file: StaticString = #filePath, line: UInt = #line) throws -> Any {
            XCTAssertEqual(status, 0, standardError, file: file, line: line)
            return try JSONSerialization.jsonObject(with: Data(standardOutput.utf8))
        }
    }

    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) async throws
        -> Outcome {
        let process = Process()
        process.executableURL = try DurabilityTests.huiyiBinary()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var inherited = ProcessInfo.processInfo.environment
        inherited["HUIYI_SERVER"] = nil
        inherited["HUIYI_TOKEN"] = nil
        process.environment = inherited.merging(environment) { $1 }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Reading and waiting block: off the concurrency pool, which an in-process server also runs on.
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let outputData = output.fileHandleForReading.readDataToEndOfFile()
                let errorData = error.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: Outcome(
                    status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
                    standardError: String(decoding: errorData, as: UTF8.self)))
            }
        }
    }

    /// The command failed with `status` and one line on stderr starting `huiyi: prefix`, nothing on stdout.
    static func assertOneLineError(_ outcome: Outcome, status: Int32, prefix: String,
                                   file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(outcome.status, status, outcome.standardError, file: file, line: line)
        let error = outcome.standardError
        XCTAssertTrue(error.hasPrefix("huiyi: \(prefix)"), error, file: file, line: line)
        XCTAssertEqual(error.filter { $0 == "\n" }.count, 1, error, file: file, line: line)
        XCTAssertEqual(outcome.standardOutput, "", file: file, line: line)
    }
}

/// `huiyi serve` as a separate process on loopback (SIP and the admin API on ports the system picks), so a test
/// can kill it with SIGKILL and start another on the same data directory. Its log is kept for failure messages.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var logText = ""
    /// The admin API's URL, read from the "admin API ready" log line.
    private(set) var adminURL = ""

    var log: String { lock.withLock { logText } }

    /// Starts the server and returns once its admin API listens, or throws after `seconds`.
    init(dataDirectory: String, roomsDirectory: String, in directory: URL, seconds: TimeInterval = 20) throws {
        process.executableURL = try DurabilityTests.huiyiBinary()
        process.arguments = ["serve", "--data-dir", dataDirectory, "--rooms", roomsDirectory,
                             "--sip", "udp:127.0.0.1:0", "--admin", "127.0.0.1:0", "--log-level", "info"]
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        // Drained all along, so the server never blocks on a full pipe.
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            guard let self else { return }
            self.lock.withLock { self.logText += text }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while adminURL.isEmpty {
            let text = log
            if let line = text.split(separator: "\n").first(where: { $0.contains("admin API ready") }),
               let start = line.range(of: "url=")?.upperBound {
                adminURL = String(line[start...].prefix { !$0.isWhitespace })
            } else if !process.isRunning || Date() > deadline {
                kill9()
                throw ServerProcessError(message: "the server's admin API was not ready within \(seconds) s:\n\(text)")
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// Kills the server without warning, as a crash or a power cut would, and waits until it is gone.
    func kill9() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    struct ServerProcessError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
