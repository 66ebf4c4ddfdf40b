import SIPTransport

extension ServerConfiguration {
    /// Applies command-line values, which win over the file; a bad one is reported against its flag.
    mutating func apply(_ overrides: ConfigurationOverrides) throws(ConfigurationError) {
        typealias Rules = ConfigurationValueRules
        if let value = overrides.dataDirectory { dataDirectory = try Self.flag("--data-dir", value, Rules.nonEmptyPath) }
        if !overrides.listen.isEmpty {
            var listen: [SIPListenerSpec] = []
            for value in overrides.listen { listen.append(try Self.flag("--sip", value, Rules.listenAddress)) }
            sip.listen = listen
        }
        if let value = overrides.domain { domain = try Self.flag("--domain", value, Rules.host) }
        if let value = overrides.logLevel { logLevel = try Self.flag("--log-level", value, Rules.logLevel) }
        if overrides.traceSIP { traceSIP = true }
        if let value = overrides.roomsDirectory { roomsDirectory = try Self.flag("--rooms", value, Rules.nonEmptyPath) }
        if let value = overrides.admin { (admin.host, admin.port) = try Self.flag("--admin", value, Rules.hostPort) }
        if let value = overrides.rtpPorts { media.rtpPorts = try Self.flag("--rtp-ports", value, Rules.portRange) }
    }

    private static func flag<T>(
        _ name: String, _ value: String, _ rule: (String) throws(UnexpectedValue) -> T
    ) throws(ConfigurationError) -> T {
        do {
            return try rule(value)
        } catch {
            throw ConfigurationError(origin: .flag, key: "\(name) \(value)", problem: "expected \(error.expected)")
        }
    }
}
