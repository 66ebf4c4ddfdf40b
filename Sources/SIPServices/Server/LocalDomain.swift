/// Which hosts name this server (RFC 3261 §10.3 step 1, §16.4): the configured domain, its aliases and the
/// server's own addresses. Requests for other hosts are not ours to answer as registrar or conference server.
import SIP

public struct LocalDomain: Sendable, Hashable {
    /// The domain of local AORs and the digest realm.
    public let name: String
    private let hosts: Set<String>

    public init(name: String, aliases: [String] = []) {
        self.name = name.lowercased()
        var hosts: Set<String> = [self.name, "localhost", "127.0.0.1", "::1"]
        for alias in aliases { hosts.insert(Self.normalize(alias)) }
        self.hosts = hosts
    }

    /// A copy that also accepts `addresses` (the listeners' bound addresses, added at start).
    public func adding(_ addresses: [String]) -> LocalDomain {
        LocalDomain(name: name, aliases: Array(hosts) + addresses)
    }

    /// Whether `host` (as written in a URI: brackets allowed, any case) names this server.
    public func contains(_ host: String) -> Bool { hosts.contains(Self.normalize(host)) }

    /// The address-of-record for a local user: `sip:user@domain` whichever local alias the request used.
    public func addressOfRecord(user: String) -> String { "sip:\(user)@\(name)" }

    private static func normalize(_ host: String) -> String {
        var h = host.lowercased()
        if h.hasPrefix("["), h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        return h
    }
}
