/// The origin line `o=`: who made the session description and which version of it this is (RFC 8866 §5.2).

/// `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>`.
public struct Origin: Sendable, Hashable {
    /// The originator's login, `-` when it has none.
    public var username: String
    /// A numeric string that, with the username and address, identifies the session. Kept as written: some
    /// endpoints use more digits than a 64-bit integer holds.
    public var sessionID: String
    /// Increases whenever the description changes (RFC 3264 §8).
    public var sessionVersion: UInt64
    /// `IN` for the Internet.
    public var networkType: String
    public var addressType: AddressType
    /// The originator's address or host name.
    public var address: String

    public init(
        username: String = "-", sessionID: String, sessionVersion: UInt64, networkType: String = "IN",
        addressType: AddressType, address: String
    ) {
        self.username = username
        self.sessionID = sessionID
        self.sessionVersion = sessionVersion
        self.networkType = networkType
        self.addressType = addressType
        self.address = address
    }

    /// An origin at `address`, its address type inferred from the text (a colon means IPv6).
    public init(username: String = "-", sessionID: String, sessionVersion: UInt64, address: String) {
        self.init(username: username, sessionID: sessionID, sessionVersion: sessionVersion,
                  addressType: AddressType(inferredFrom: address), address: address)
    }

    /// The line's value, without `o=`.
    public var encoded: String {
        "\(username) \(sessionID) \(sessionVersion) \(networkType) \(addressType.rawValue) \(address)"
    }

    /// Parses the value of an `o=` line; `nil` when it does not have six fields or a numeric version.
    init?(parsing value: Substring) {
        let fields = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count == 6,
              fields[1].allSatisfy(\.isASCIIDigit),
              fields[2].allSatisfy(\.isASCIIDigit), let version = UInt64(fields[2]),
              let addressType = AddressType(rawValue: String(fields[4]))
        else { return nil }
        self.init(username: String(fields[0]), sessionID: String(fields[1]), sessionVersion: version,
                  networkType: String(fields[3]), addressType: addressType, address: String(fields[5]))
    }
}

/// The address types SDP defines for the `IN` network type (RFC 8866 §5.7).
public enum AddressType: String, Sendable, Hashable {
    case ip4 = "IP4"
    case ip6 = "IP6"

    /// `IP6` when the text holds a colon (only IPv6 literals do), `IP4` otherwise.
    public init(inferredFrom address: String) {
        self = address.contains(":") ? .ip6 : .ip4
    }
}
