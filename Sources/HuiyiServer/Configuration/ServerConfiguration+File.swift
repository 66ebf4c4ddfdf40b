/// Reading `huiyi.toml`: every key the file may hold, and the type and range each accepts.
extension ServerConfiguration {
    /// Every key a configuration file may contain, as dotted paths; anything else is refused.
    static let fileKeys = [
        "domain", "aliases", "data_dir", "log_level", "trace_sip",
        "sip.listen", "sip.t1_ms", "sip.t2_ms", "sip.t4_ms", "sip.max_message_bytes",
        "sip.idle_connection_timeout_s", "sip.max_connections_per_address",
        "tls.certificate", "tls.private_key",
        "registrar.min_expires", "registrar.max_expires", "registrar.default_expires", "registrar.max_contacts_per_aor",
        "auth.nonce_lifetime_s", "auth.algorithms",
        "admin.listen", "scheduler.time_zone", "scheduler.redial_intervals_s", "scheduler.ring_timeout_s", "rooms_dir", "media.rtp_ports", "media.address", "media.timeout_s", "media.threads",
    ]

    /// Overlays the values present in `document` on this configuration; absent keys keep their current value.
    mutating func apply(_ document: TOMLConfigurationDocument) throws(ConfigurationError) {
        try document.rejectUnknownKeys(known: Self.fileKeys)
        let positive = 1...Int.max
        typealias Rules = ConfigurationValueRules

        if let value = try document.string("domain", Rules.host) { domain = value }
        if let value = try document.strings("aliases", Rules.host) { aliases = value }
        if let value = try document.string("data_dir", Rules.nonEmptyPath) { dataDirectory = value }
        if let value = try document.string("log_level", Rules.logLevel) { logLevel = value }
        if let value = try document.bool("trace_sip") { traceSIP = value }

        if let value = try document.strings("sip.listen", Rules.listenAddress) { sip.listen = value }
        if let value = try document.integer("sip.t1_ms", in: positive) { sip.t1Milliseconds = value }
        if let value = try document.integer("sip.t2_ms", in: positive) { sip.t2Milliseconds = value }
        if let value = try document.integer("sip.t4_ms", in: positive) { sip.t4Milliseconds = value }
        // Below 1500 octets even an ordinary INVITE with SDP would not fit; above 16 MiB is a memory hazard.
        if let value = try document.integer("sip.max_message_bytes", in: 1500...16_777_216) { sip.maxMessageBytes = value }
        if let value = try document.integer("sip.idle_connection_timeout_s", in: positive) {
            sip.idleConnectionTimeoutSeconds = value
        }
        if let value = try document.integer("sip.max_connections_per_address", in: positive) {
            sip.maxConnectionsPerAddress = value
        }

        if let value = try document.string("tls.certificate", Rules.nonEmptyPath) { tls.certificatePath = value }
        if let value = try document.string("tls.private_key", Rules.nonEmptyPath) { tls.privateKeyPath = value }

        if let value = try document.integer("registrar.min_expires", in: positive) { registrar.minExpires = value }
        if let value = try document.integer("registrar.max_expires", in: positive) { registrar.maxExpires = value }
        if let value = try document.integer("registrar.default_expires", in: positive) { registrar.defaultExpires = value }
        if let value = try document.integer("registrar.max_contacts_per_aor", in: positive) {
            registrar.maxContactsPerAOR = value
        }

        if let value = try document.integer("auth.nonce_lifetime_s", in: positive) { auth.nonceLifetimeSeconds = value }
        if let value = try document.strings("auth.algorithms", Rules.digestAlgorithm) { auth.algorithms = value }
        if let value = try document.string("rooms_dir", Rules.nonEmptyPath) { roomsDirectory = value }
        if let value = try document.string("scheduler.time_zone", Rules.timeZone) { scheduler.timeZone = value }
        if let value = try document.integers("scheduler.redial_intervals_s", in: 1...86_400) {
            scheduler.redialIntervalsSeconds = value
        }
        if let value = try document.integer("scheduler.ring_timeout_s", in: 5...600) { scheduler.ringTimeoutSeconds = value }
        if let value = try document.string("admin.listen", Rules.hostPort) { (admin.host, admin.port) = value }
        if let value = try document.string("media.rtp_ports", Rules.portRange) { media.rtpPorts = value }
        if let value = try document.string("media.address", Rules.optionalIPAddress) { media.advertisedAddress = value }
        if let value = try document.integer("media.timeout_s", in: 5...3600) { media.mediaTimeoutSeconds = value }
        if let value = try document.integer("media.threads", in: 0...256) { media.threads = value }
    }
}
