/// The embedded SQLite store in the data directory: one file, WAL, shared by the server and the operator CLI.
import Foundation
import GRDB

/// Opens (creating if needed) `<dataDirectory>/huiyi.sqlite` and applies migrations.
///
/// `let db = try HuiyiDatabase(dataDirectory: path)` is all a caller needs; `db.accounts` and `db.bindings` are the
/// stores. Several processes may open the same directory at once (the server and `huiyi account add`): WAL lets
/// readers proceed during a write, and the busy timeout makes a second writer wait instead of failing.
public final class HuiyiDatabase: Sendable {
    public static let fileName = "huiyi.sqlite"

    public let dataDirectory: String
    /// The database file's path.
    public let path: String
    /// The connection pool; later stores (rooms, meetings, CDRs) are built on it.
    public let pool: DatabasePool
    public let accounts: AccountStore
    public let bindings: BindingStore
    /// Call detail records and the audit log.
    public let records: RecordStore
    public let meetings: MeetingStore
    public let rooms: RoomStore

    /// - Parameters:
    ///   - busyTimeout: how long a write waits for another process's write to finish.
    ///   - accountRevalidation: how long a cached account is trusted before the store is asked again (see
    ///     `AccountStore.revalidationInterval`); zero asks on every lookup.
    ///   - clock: wall clock for `created_at` / `updated_at`, injectable for tests.
    ///   - onBackgroundWriteError: told when a queued write fails: a write-behind flush of bindings (retried), a call
    ///     record, an audit entry, a meeting or its attendance.
    public init(
        dataDirectory: String, busyTimeout: Duration = .seconds(5),
        accountRevalidation: Duration = .milliseconds(250),
        clock: @escaping @Sendable () -> Date = { Date() },
        onBackgroundWriteError: @escaping @Sendable (any Error) -> Void = { _ in }
    ) throws(HuiyiDatabaseError) {
        try Self.prepareDirectory(dataDirectory)
        self.dataDirectory = dataDirectory
        self.path = (dataDirectory as NSString).appendingPathComponent(Self.fileName)

        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout.seconds)
        configuration.prepareDatabase { db in
            // WAL + NORMAL: a commit survives a process crash (kill -9); only a power loss may lose the last ones.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
            accounts = try AccountStore(pool: pool, path: path, busyTimeout: busyTimeout,
                                        revalidationInterval: accountRevalidation, clock: clock)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
        bindings = BindingStore(pool: pool, onBackgroundWriteError: onBackgroundWriteError)
        records = RecordStore(pool: pool, onWriteError: onBackgroundWriteError)
        meetings = MeetingStore(pool: pool, clock: clock, onWriteError: onBackgroundWriteError)
        rooms = RoomStore(pool: pool)
    }

    /// Waits for every write queued so far on the database's single writer — call records, audit entries, meetings
    /// and their attendance (GRDB's writes run in order, so one empty write after them is done when they are). The
    /// registrar's write-behind has a timer of its own: `bindings.flush()`. At shutdown, and in tests.
    public func flushQueuedWrites() throws {
        try pool.write { _ in }
    }

    /// Creates the directory (mode 0700: it holds credentials) or checks that the existing path is a directory.
    private static func prepareDirectory(_ path: String) throws(HuiyiDatabaseError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .dataDirectoryIsNotADirectory(path: path) }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
            )
            // The process umask may have narrowed the mode further, never widened it; set it exactly.
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        } catch {
            throw .cannotCreateDataDirectory(path: path, reason: error.localizedDescription)
        }
    }
}

extension Duration {
    /// Seconds as a `TimeInterval`, the unit GRDB and Foundation take.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
