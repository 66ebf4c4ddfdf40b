/// The `a=rtcp` attribute: an RTCP port (and address) other than the RTP port plus one (RFC 3605 §2.1).

/// `a=rtcp:<port> [<nettype> <addrtype> <connection-address>]`.
public struct RTCPAttribute: Sendable, Hashable {
    public static let attributeName = "rtcp"

    public var port: UInt16
    /// The address, when it differs from the stream's connection address.
    public var connection: ConnectionData?

    public init(port: UInt16, connection: ConnectionData? = nil) {
        self.port = port
        self.connection = connection
    }

    public var encoded: String { String(port) + (connection.map { " " + $0.encoded } ?? "") }

    public var attribute: Attribute { Attribute(Self.attributeName, encoded) }

    /// Parses an attribute value; `nil` when it is malformed.
    public init?(parsing value: some StringProtocol) {
        let trimmed = value.trimmingSpaces
        let portText = trimmed.prefix(while: { $0 != " " && $0 != "\t" })
        guard let port = UInt16(decimal: portText) else { return nil }
        let rest = trimmed[portText.endIndex...].trimmingSpaces
        if rest.isEmpty {
            self.init(port: port)
        } else {
            guard let connection = ConnectionData(parsing: Substring(rest)) else { return nil }
            self.init(port: port, connection: connection)
        }
    }
}
