/// The admin API's bearer token (docs/ADMIN-API.md): 32 random bytes as 64 hex digits in `DATA_DIR/admin.token`,
/// created with mode 0600 at the first start and read at every later one.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public enum AdminToken {
    /// The token at `path`, created first when the file does not exist.
    public static func loadOrCreate(at path: String) throws -> String {
        if let data = FileManager.default.contents(atPath: path),
           let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
           !text.isEmpty {
            return text
        }
        return try rotate(at: path)
    }

    /// Writes a new token to `path` (mode 0600, replacing any old one) and returns it.
    @discardableResult
    public static func rotate(at path: String) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let token = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }
            .joined()
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = path + ".new"
        guard FileManager.default.createFile(atPath: temporary, contents: Data((token + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary])
        }
        // rename(2) replaces the old token atomically: a reader sees the old file or the new one, never half of one.
        guard rename(temporary, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return token
    }
}
