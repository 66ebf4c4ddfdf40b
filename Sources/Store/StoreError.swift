/// Errors of the SQLite store, each saying what to fix.
public enum HuiyiDatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The data directory could not be created (permissions, a read-only file system, …).
    case cannotCreateDataDirectory(path: String, reason: String)
    /// Something other than a directory exists at the data directory path.
    case dataDirectoryIsNotADirectory(path: String)
    /// SQLite could not open the database or apply the migrations.
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreateDataDirectory(let path, let reason):
            "cannot create the data directory \(path): \(reason); create it or choose another --data-dir"
        case .dataDirectoryIsNotADirectory(let path):
            "the data directory \(path) exists but is not a directory; choose another --data-dir"
        case .cannotOpen(let path, let reason):
            "cannot open the database \(path): \(reason)"
        }
    }
}

public enum AccountStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidUsername(String, reason: String)
    case emptyPassword(username: String)
    case emptyRealm
    case duplicateAccount(username: String)
    case noSuchAccount(username: String)
    /// The database refused the operation; `reason` is SQLite's message.
    case database(reason: String)

    public var description: String {
        switch self {
        case .invalidUsername(let username, let reason):
            "invalid username '\(username)': \(reason)"
        case .emptyPassword(let username):
            "the password for '\(username)' is empty; give a non-empty password"
        case .emptyRealm:
            "the realm is empty; configure the SIP domain (e.g. huiyi.local)"
        case .duplicateAccount(let username):
            "account '\(username)' already exists; remove it first or change its password"
        case .noSuchAccount(let username):
            "there is no account '\(username)'"
        case .database(let reason):
            "the account database refused the change: \(reason)"
        }
    }
}

public enum BindingStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database refused to read or write bindings; `reason` is SQLite's message.
    case database(reason: String)

    public var description: String {
        switch self {
        case .database(let reason): "the binding database refused the operation: \(reason)"
        }
    }
}
