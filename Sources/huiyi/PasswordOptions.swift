import ArgumentParser
import Foundation

/// `--password PASS` or `--password-stdin`: the second keeps the password out of `ps` and shell history.
struct PasswordOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The password (visible to other local users in ps; prefer --password-stdin).",
                               valueName: "password"))
    var password: String?

    @Flag(name: .customLong("password-stdin"), help: "Read the password from the first line of standard input.")
    var passwordFromStandardInput = false

    func validate() throws {
        switch (password, passwordFromStandardInput) {
        case (nil, false): throw ValidationError("give --password PASS or --password-stdin")
        case (.some, true): throw ValidationError("give either --password or --password-stdin, not both")
        default: break
        }
    }

    func read() throws(CommandFailure) -> String {
        if let password { return password }
        guard let line = readLine(strippingNewline: true) else {
            throw .usage("--password-stdin: standard input ended before a password line")
        }
        return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }
}
