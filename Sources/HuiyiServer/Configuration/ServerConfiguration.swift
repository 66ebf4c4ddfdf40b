import Logging
import SIPServices
import SIPTransport

/// Everything `huiyi serve` needs to know before it starts, with the defaults that `Config/huiyi.toml` documents.
///
/// Built by `ServerConfiguration.load(file:overrides:)`: embedded defaults, then the TOML file, then command-line
/// flags, then cross-key validation. Paths in a loaded configuration are absolute.
public struct ServerConfiguration: Sendable, Equatable {
    /// The realm and the host part of local AORs (`sip:alice@huiyi.local`).
    public var domain = "huiyi.local"
    /// Further host names or addresses accepted as local in AORs and Request-URIs. The listeners' own addresses,
    /// `localhost`, `127.0.0.1` and `::1` are always local and need not be listed.
    public var aliases: [String] = []
    /// Where the database lives.
    public var dataDirectory = "data"
    public var logLevel: Logger.Level = .info
    /// Log every SIP message sent and received at `info`, with digest responses masked.
    public var traceSIP = false
    public var sip = SIPSettings()
    public var tls = TLSSettings()
    public var registrar = RegistrarSettings()
    public var auth = AuthSettings()
    /// The directory of standing room files (`Rooms/*.toml`), loaded at start.
    public var roomsDirectory = "Rooms"
    public var media = MediaSettings()
    public var admin = AdminSettings()
    public var scheduler = SchedulerSettings()

    /// The embedded defaults.
    public init() {}

    /// `[sip]`: listeners, transaction timers (RFC 3261 §17.1.1.1) and connection limits.
    public struct SIPSettings: Sendable, Equatable {
        public var listen = [
            SIPListenerSpec(transport: .udp, host: "0.0.0.0", port: 5060),
            SIPListenerSpec(transport: .tcp, host: "0.0.0.0", port: 5060),
        ]
        /// T1, the RTT estimate that scales every retransmission timer.
        public var t1Milliseconds = 500
        /// T2, the cap on non-INVITE request and INVITE response retransmission intervals.
        public var t2Milliseconds = 4000
        /// T4, how long the network may keep a message in flight.
        public var t4Milliseconds = 5000
        /// Larger messages are refused (413 on streams, dropped on UDP) instead of being buffered without bound.
        public var maxMessageBytes = 65_536
        /// A TCP/TLS connection that carries nothing for this long is closed.
        public var idleConnectionTimeoutSeconds = 600
        /// Connections accepted from one remote IP address before new ones are refused.
        public var maxConnectionsPerAddress = 64

        public init() {}

        public var t1: Duration { .milliseconds(t1Milliseconds) }
        public var t2: Duration { .milliseconds(t2Milliseconds) }
        public var t4: Duration { .milliseconds(t4Milliseconds) }
        public var idleConnectionTimeout: Duration { .seconds(idleConnectionTimeoutSeconds) }
    }

    /// `[tls]`: the certificate chain and key presented by `tls:` listeners.
    public struct TLSSettings: Sendable, Equatable {
        /// PEM certificate chain, leaf first.
        public var certificatePath = "Config/dev-tls/cert.pem"
        /// PEM private key of the leaf certificate.
        public var privateKeyPath = "Config/dev-tls/key.pem"

        public init() {}
    }

    /// `[registrar]`: binding lifetimes (RFC 3261 §10.3) and how many contacts one AOR may hold.
    public struct RegistrarSettings: Sendable, Equatable {
        /// Shorter requested expirations are answered with 423 Interval Too Brief and this Min-Expires.
        public var minExpires = 60
        /// Longer requested expirations are shortened to this.
        public var maxExpires = 7200
        /// Used when a REGISTER names no expiration.
        public var defaultExpires = 3600
        public var maxContactsPerAOR = 10

        public init() {}
    }

    /// `[media]`: RTP ports, the address written in SDP, and when a silent leg is dropped.
    public struct MediaSettings: Sendable, Equatable {
        /// RTP/RTCP port pairs are taken from this range (even RTP port, RTCP on the next).
        public var rtpPorts = 16384...32767
        /// The address written in SDP `c=` lines and in Contact for calls; empty: the address the caller reached
        /// this server on (the Request-URI host when it is an IP address, else the listener's address).
        public var advertisedAddress = ""
        /// A leg that sends no RTP or RTCP for this many seconds is hung up.
        public var mediaTimeoutSeconds = 30
        /// Event loops (threads) for rooms' media; 0 means one per CPU core.
        public var threads = 0

        public init() {}
    }

    /// `[admin]`: the operator API (docs/ADMIN-API.md).
    public struct AdminSettings: Sendable, Equatable {
        /// Where the admin API listens; port 0 picks a free one. Loopback by default: the API is for this host.
        public var host = "127.0.0.1"
        public var port = 8088

        public init() {}

        /// `http://HOST:PORT`, IPv6 in brackets: where the `huiyi` operator commands find the server.
        public var url: String { "http://" + (host.contains(":") ? "[\(host)]" : host) + ":\(port)" }
    }

    /// `[scheduler]`: meetings' time zone and how sites that do not answer are called again.
    public struct SchedulerSettings: Sendable, Equatable {
        /// The zone of meeting times written without an offset.
        public var timeZone = "Asia/Shanghai"
        /// One redial per entry, each this many seconds after the previous call failed; empty: no redial.
        public var redialIntervalsSeconds = [30, 60, 120]
        /// A site that rings this long without answering counts as "no answer".
        public var ringTimeoutSeconds = 45

        public init() {}
    }

    /// `DATA_DIR/admin.token`: the admin API's bearer token, created at first start.
    public var adminTokenPath: String { dataDirectory + "/admin.token" }

    /// `[auth]`: digest authentication (RFC 7616, RFC 8760).
    public struct AuthSettings: Sendable, Equatable {
        /// How long a nonce stays valid after it is issued.
        public var nonceLifetimeSeconds = 300
        /// Offered in this order, one challenge each; a client should pick the first it supports (RFC 8760 §2.4).
        /// MD5 alone by default, as Kamailio, Asterisk and FreeSWITCH do: widely deployed clients break on a SHA-256
        /// challenge instead of skipping it (baresip 1.0 gives up on any; SIPp 3.6 answers the first with MD5).
        /// Turn SHA-256 on with `["SHA-256", "MD5"]` once every client of a deployment knows RFC 8760.
        public var algorithms: [DigestAlgorithm] = [.md5]

        public init() {}

        public var nonceLifetime: Duration { .seconds(nonceLifetimeSeconds) }
    }
}
