import HuiyiServer

/// A failure the `huiyi` command reports in one line, with the exit status that tells its kind.
struct CommandFailure: Error {
    /// 1 for a refused or failed operation, 3 when the admin API cannot be reached, 4 when it refuses the token;
    /// sysexits(3) 64 (EX_USAGE) for bad usage, 78 (EX_CONFIG) for bad configuration.
    enum Kind: Int32 {
        case operation = 1
        case unreachable = 3
        case authentication = 4
        case usage = 64
        case configuration = 78
    }

    var message: String
    var kind: Kind

    var status: Int32 { kind.rawValue }

    static func configuration(_ error: ConfigurationError) -> CommandFailure {
        CommandFailure(message: error.description, kind: .configuration)
    }

    static func operation(_ error: any Error) -> CommandFailure {
        CommandFailure(message: "\(error)", kind: .operation)
    }

    static func usage(_ message: String) -> CommandFailure {
        CommandFailure(message: message, kind: .usage)
    }
}
