import Foundation
import XCTest

/// Test helper: ffmpeg running beside the test (an RTP sender or receiver), its stderr kept in a file for failure
/// messages, every wait bounded.
final class BackgroundFFmpeg {
    private let process = Process()
    private let log: URL

    /// Starts ffmpeg with `arguments` (after `-hide_banner -nostdin -y`); skips the test when ffmpeg is absent.
    init(_ arguments: [String], logIn directory: URL) throws {
        guard let executable = FFmpegCLI.executable else { throw XCTSkip("the ffmpeg command-line tool is not installed") }
        log = directory.appendingPathComponent("ffmpeg-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-hide_banner", "-nostdin", "-y", "-loglevel", "info"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
    }

    deinit { stop() }

    var isRunning: Bool { process.isRunning }

    /// Waits up to `timeout` seconds for ffmpeg to exit; true when it did.
    @discardableResult
    func waitForExit(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        return !process.isRunning
    }

    /// Asks ffmpeg to finish its outputs (SIGINT), then kills it if it has not within two seconds.
    func stop() {
        guard process.isRunning else { return }
        process.interrupt()
        if !waitForExit(timeout: 2) {
            process.terminate()
            waitForExit(timeout: 2)
        }
    }

    /// Exit status once it has exited.
    var status: Int32? { process.isRunning ? nil : process.terminationStatus }

    /// Everything ffmpeg wrote to stderr so far, for assertion messages.
    var stderr: String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return "ffmpeg \(process.arguments?.joined(separator: " ") ?? "") said:\n\(text.suffix(4000))"
    }
}
