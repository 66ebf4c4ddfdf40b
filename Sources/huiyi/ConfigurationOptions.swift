import ArgumentParser
import HuiyiServer

/// The options every subcommand shares: where the configuration and the data are, and the SIP domain.
struct ConfigurationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Configuration file (default: Config/huiyi.toml when it exists).", valueName: "path"))
    var config: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "Data directory, overriding data_dir.", valueName: "dir"))
    var dataDirectory: String?

    @Option(name: .long, help: ArgumentHelp(
        "SIP domain and digest realm, overriding domain.", valueName: "name"))
    var domain: String?

    /// Loads the configuration with these options and `extra` overrides; a problem becomes exit status 78.
    func load(_ extra: ConfigurationOverrides = .init()) throws(CommandFailure) -> ServerConfiguration {
        var overrides = extra
        overrides.dataDirectory = dataDirectory
        overrides.domain = domain
        do {
            return try ServerConfiguration.load(file: config, overrides: overrides)
        } catch {
            throw .configuration(error)
        }
    }
}
