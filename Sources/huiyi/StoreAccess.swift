import HuiyiServer
import Store

extension AdminOptions {
    /// Runs `server` against the running server's admin API; when no server answers there, runs `store` on the data
    /// directory instead (what `huiyi account` and `huiyi binding` do). The configuration is checked first either way.
    func serverOrStore<T>(
        server: (AdminClient) async throws(CommandFailure) -> T,
        store: (HuiyiDatabase, ServerConfiguration) throws -> T
    ) async throws(CommandFailure) -> T {
        let configuration = try self.configuration.load()
        let client = try self.client()
        do {
            return try await server(client)
        } catch where error.kind == .unreachable {
            let database = try StoreAccess.open(configuration)
            do {
                return try store(database, configuration)
            } catch {
                throw .operation(error)
            }
        }
    }
}

/// Opening the data directory for an operator command.
enum StoreAccess {
    static func open(_ configuration: ServerConfiguration) throws(CommandFailure) -> HuiyiDatabase {
        do {
            return try HuiyiDatabase(dataDirectory: configuration.dataDirectory)
        } catch {
            throw .operation(error)
        }
    }
}
