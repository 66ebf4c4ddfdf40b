/// The connection line `c=`: where media is sent (RFC 8866 §5.7).

/// `c=<nettype> <addrtype> <connection-address>`, where a multicast address may carry `/<ttl>` (IPv4 only) and
/// `/<number of addresses>`.
public struct ConnectionData: Sendable, Hashable {
    /// `IN` for the Internet.
    public var networkType: String
    public var addressType: AddressType
    /// The host: an address literal or a domain name, without any `/` suffix.
    public var address: String
    /// The multicast time-to-live (IPv4 multicast only).
    public var ttl: Int?
    /// How many consecutive multicast addresses, when more than one.
    public var addressCount: Int?

    public init(
        networkType: String = "IN", addressType: AddressType, address: String, ttl: Int? = nil,
        addressCount: Int? = nil
    ) {
        self.networkType = networkType
        self.addressType = addressType
        self.address = address
        self.ttl = ttl
        self.addressCount = addressCount
    }

    /// Unicast connection data for `address`, its address type inferred from the text.
    public init(address: String) {
        self.init(addressType: AddressType(inferredFrom: address), address: address)
    }

    /// `0.0.0.0`: the RFC 2543 way of putting a stream on hold, still sent by older endpoints (RFC 3264 §8.4).
    public var isHoldAddress: Bool { addressType == .ip4 && address == "0.0.0.0" }

    /// The line's value, without `c=`.
    public var encoded: String {
        var text = "\(networkType) \(addressType.rawValue) \(address)"
        if let ttl { text += "/\(ttl)" }
        if let addressCount { text += "/\(addressCount)" }
        return text
    }

    /// Parses the value of a `c=` line; `nil` when it is malformed.
    init?(parsing value: Substring) {
        let fields = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count == 3, let addressType = AddressType(rawValue: String(fields[1])) else { return nil }
        let parts = fields[2].split(separator: "/", omittingEmptySubsequences: false)
        guard let host = parts.first, !host.isEmpty, parts.count <= 3 else { return nil }
        var numbers: [Int] = []
        for part in parts.dropFirst() {
            guard (1...10).contains(part.count), part.allSatisfy(\.isASCIIDigit), let number = Int(part) else {
                return nil
            }
            numbers.append(number)
        }
        // IPv4 multicast: `/ttl[/count]`; IPv6 has no TTL, so its single suffix is the count.
        let ttl = addressType == .ip4 ? numbers.first : nil
        let count = addressType == .ip4 ? (numbers.count > 1 ? numbers[1] : nil) : numbers.first
        if addressType == .ip6, numbers.count > 1 { return nil }
        self.init(networkType: String(fields[0]), addressType: addressType, address: String(host), ttl: ttl,
                  addressCount: count)
    }
}
