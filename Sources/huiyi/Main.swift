import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses the command line and runs the chosen subcommand, turning every failure into one line on stderr
/// (`huiyi: …`) and a sysexits-style status, so scripts can tell a typo from a refused operation.
@main
enum Main {
    static func main() async {
        do {
            var command = try HuiyiCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            fail(failure.message, status: failure.status)
        } catch {
            let status = HuiyiCommand.exitCode(for: error)
            // Help, version and completion scripts arrive as "errors" with a success status: print them in full.
            guard status != .success else { HuiyiCommand.exit(withError: error) }
            let message = HuiyiCommand.message(for: error)
                .split(whereSeparator: \.isNewline).map(String.init).joined(separator: "; ")
            let usageHint = status == .validationFailure ? " (see --help)" : ""
            fail(message + usageHint, status: status.rawValue)
        }
    }

    private static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data("huiyi: \(message)\n".utf8))
        exit(status)
    }
}
