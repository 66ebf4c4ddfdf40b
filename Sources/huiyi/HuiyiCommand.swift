import ArgumentParser

/// `huiyi`: the one executable. `huiyi serve` runs the server; `account` and `binding` work directly on the data
/// directory and need no running server; the others are clients of the running server's admin API.
struct HuiyiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huiyi",
        abstract: "Huiyi, a SIP video-conference server.",
        discussion: """
            status, room, participant, dial, meeting, cdr and audit talk to the running server's admin API. They find \
            it with --server URL, else HUIYI_SERVER, else admin.listen of the configuration; and send the token given \
            with --token, else HUIYI_TOKEN, else the one in DATA_DIR/admin.token (DATA_DIR from --data-dir or data_dir).

            Exit status: 0 success; 1 the operation failed or the server refused it (for example the account \
            exists, or no such room); 3 the server cannot be reached; 4 the server refused the admin token; \
            64 bad usage; 78 bad configuration.

            Shell completion: huiyi --generate-completion-script bash (or zsh, fish).
            """,
        subcommands: [
            ServeCommand.self, StatusCommand.self, RoomCommand.self, ParticipantCommand.self, DialCommand.self,
            MeetingCommand.self, CallRecordCommand.self, AuditCommand.self, AccountCommand.self, BindingCommand.self,
            AdminCommand.self,
        ]
    )
}
