import SIP

/// What the SIP transports listen on and how they treat connections (RFC 3261 §18).
public struct SIPTransportConfiguration: Sendable {
    /// Addresses to listen on; several transports and both address families may be combined.
    public var listeners: [SIPListenerSpec]
    /// Certificate and key for TLS; required when any listener uses TLS, and used for outbound TLS connections.
    public var tls: TLSFiles?
    /// Largest message accepted on a stream, and the receive buffer size of a datagram socket.
    public var maxMessageSize: Int = 65_536
    /// Largest header section accepted on a stream before its end is seen.
    public var maxHeaderSectionSize: Int = 16_384
    /// A TCP or TLS connection with no traffic either way for this long is closed.
    public var idleConnectionTimeout: Duration = .seconds(600)
    /// Inbound TCP/TLS connections accepted from one remote IP address at a time; further ones are closed at once.
    public var maxConnectionsPerAddress: Int = 64
    /// Socket receive buffer for UDP listeners, large so bursts of datagrams are not dropped by the kernel.
    public var udpReceiveBufferSize: Int = 4 << 20

    public init(listeners: [SIPListenerSpec], tls: TLSFiles? = nil) {
        self.listeners = listeners
        self.tls = tls
    }

    /// PEM files for SIP over TLS (RFC 3261 §26.2.1, RFC 5630).
    public struct TLSFiles: Sendable, Hashable {
        /// The server's certificate chain, leaf first.
        public var certificateChainPath: String
        /// The private key matching the leaf certificate.
        public var privateKeyPath: String
        /// Certificates trusted when this server connects out over TLS; nil trusts the system store.
        public var trustRootsPath: String?
        /// Whether outbound TLS connections verify the peer's certificate and name. Turn off only for tests.
        public var verifiesPeers: Bool

        public init(
            certificateChainPath: String,
            privateKeyPath: String,
            trustRootsPath: String? = nil,
            verifiesPeers: Bool = true
        ) {
            self.certificateChainPath = certificateChainPath
            self.privateKeyPath = privateKeyPath
            self.trustRootsPath = trustRootsPath
            self.verifiesPeers = verifiesPeers
        }
    }
}
