import ArgumentParser
import HuiyiServer

/// `huiyi admin …`: the admin API's own settings.
struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Manage the admin API's token.",
        subcommands: [RotateToken.self]
    )

    struct RotateToken: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-token",
            abstract: "Write a new admin token to DATA_DIR/admin.token.",
            discussion: """
                The server reads its token only when it starts: restart 'huiyi serve' afterwards; until then it \
                accepts the old token only. The file is replaced at once (mode 0600); the token is not printed.
                """
        )

        @OptionGroup var options: ConfigurationOptions

        func run() throws {
            let path = try options.load().adminTokenPath
            do {
                try AdminToken.rotate(at: path)
            } catch {
                throw CommandFailure(message: "cannot write \(path): \(error)", kind: .operation)
            }
            print("wrote a new admin token to \(path); restart 'huiyi serve' to use it "
                + "(a running server still accepts only the old one)")
        }
    }
}
