/// RFC 3261 §22.4: the lookup a registrar makes to verify a digest — who may register, with which HA1.
public protocol AccountDirectory: Sendable {
    /// The account's credentials for `realm`, or `nil` when there is no such user in that realm.
    /// Called on the SIP event loop for every authenticated request, so it must be synchronous and cheap.
    func credentials(username: String, realm: String) -> AccountCredentials?
}

/// A fixed set of accounts held in memory: for tests and for configurations that do not use the store.
public struct StaticAccountDirectory: AccountDirectory {
    private let accounts: [String: AccountCredentials]

    public init(_ accounts: [AccountCredentials]) {
        var byKey: [String: AccountCredentials] = [:]
        for account in accounts { byKey[Self.key(account.username, account.realm)] = account }
        self.accounts = byKey
    }

    public func credentials(username: String, realm: String) -> AccountCredentials? {
        accounts[Self.key(username, realm)]
    }

    private static func key(_ username: String, _ realm: String) -> String { "\(username)\u{0}\(realm)" }
}
