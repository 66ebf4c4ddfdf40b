/// Values given on the command line; each one, when present, wins over the file.
///
/// They are kept as the operator typed them so that a bad value is reported against its flag (`--sip tcp:x: ...`)
/// by the same validation that checks the file.
public struct ConfigurationOverrides: Sendable, Equatable {
    /// `--data-dir`.
    public var dataDirectory: String?
    /// `--sip`, repeatable; a non-empty list replaces the file's `sip.listen`.
    public var listen: [String]
    /// `--domain`.
    public var domain: String?
    /// `--log-level`.
    public var logLevel: String?
    /// `--trace-sip`; only ever switches tracing on.
    public var traceSIP: Bool
    /// `--rooms`.
    public var roomsDirectory: String?
    /// `--rtp-ports LOW-HIGH`.
    public var rtpPorts: String?
    /// `--admin HOST:PORT`.
    public var admin: String?

    public init(
        dataDirectory: String? = nil, listen: [String] = [], domain: String? = nil, logLevel: String? = nil,
        traceSIP: Bool = false, roomsDirectory: String? = nil, rtpPorts: String? = nil, admin: String? = nil
    ) {
        self.admin = admin
        self.roomsDirectory = roomsDirectory
        self.rtpPorts = rtpPorts
        self.dataDirectory = dataDirectory
        self.listen = listen
        self.domain = domain
        self.logLevel = logLevel
        self.traceSIP = traceSIP
    }
}
