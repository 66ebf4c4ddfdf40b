import ArgumentParser

/// `huiyi`: the one executable. `huiyi serve` runs the server; the other subcommands are the operator's tools and
/// work directly on the data directory, so they need no running server.
struct HuiyiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huiyi",
        abstract: "Huiyi, a SIP video-conference server.",
        discussion: """
            Exit status: 0 success, 1 the operation failed (for example the account exists), 64 bad usage, \
            78 bad configuration.
            """,
        subcommands: [ServeCommand.self, AccountCommand.self, BindingCommand.self]
    )
}
