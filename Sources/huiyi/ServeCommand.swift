import ArgumentParser
import HuiyiServer
import Logging

/// `huiyi serve`: load and check the configuration, set up logging, then run until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the SIP server until SIGINT or SIGTERM."
    )

    @OptionGroup var options: ConfigurationOptions

    @Option(name: .customLong("sip"), help: ArgumentHelp(
        "Listen on TRANSPORT:HOST:PORT (udp, tcp, tls; IPv6 as udp:[::1]:5060). Repeatable; replaces sip.listen.",
        valueName: "transport:host:port"))
    var listen: [String] = []

    @Option(name: .customLong("log-level"), help: ArgumentHelp(
        "trace, debug, info, notice, warning, error or critical; overrides log_level.", valueName: "level"))
    var logLevel: String?

    @Flag(name: .customLong("trace-sip"), help: "Log every SIP message sent and received, secrets masked.")
    var traceSIP = false

    @Option(name: .customLong("rooms"), help: ArgumentHelp(
        "Directory of room files (*.toml), overriding rooms_dir (default Rooms/).", valueName: "dir"))
    var roomsDirectory: String?

    @Option(name: .customLong("rtp-ports"), help: ArgumentHelp(
        "RTP port range, overriding media.rtp_ports (default 16384-32767).", valueName: "low-high"))
    var rtpPorts: String?

    @Option(name: .customLong("admin"), help: ArgumentHelp(
        "Admin API address, overriding admin.listen (default 127.0.0.1:8088).", valueName: "host:port"))
    var admin: String?

    func run() async throws {
        let configuration = try options.load(
            ConfigurationOverrides(listen: listen, logLevel: logLevel, traceSIP: traceSIP,
                                   roomsDirectory: roomsDirectory, rtpPorts: rtpPorts, admin: admin)
        )
        // A broken room file stops start-up with one line naming the file, the line and the key (exit 78).
        do {
            _ = try RoomFiles.load(directory: configuration.roomsDirectory)
        } catch {
            throw CommandFailure.configuration(error)
        }
        let logger = LoggingBootstrap.bootstrap(level: configuration.logLevel)
        if configuration.traceSIP && configuration.logLevel > .info {
            // Traces are written at info; say so, whatever the level, rather than leave the operator wondering.
            var notice = logger
            notice.logLevel = .warning
            notice.warning("trace_sip is on but log_level is \(configuration.logLevel): SIP traces need info or lower")
        }
        do {
            try await HuiyiServer.runServer(configuration: configuration, logger: logger)
        } catch {
            throw CommandFailure.operation(error)
        }
    }
}
