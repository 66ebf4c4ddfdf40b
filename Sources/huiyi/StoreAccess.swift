import HuiyiServer
import Store

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
