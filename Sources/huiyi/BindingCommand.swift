import AdminAPI
import ArgumentParser
import Foundation
import HuiyiServer

/// `huiyi binding …`: what the registrar holds (RFC 3261 §10.3). The running server's live bindings through the
/// admin API; with no server running, the bindings it last wrote to the store.
struct BindingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "binding",
        abstract: "Inspect registrar bindings.",
        subcommands: [List.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List registrar bindings.",
            discussion: """
                From the running server when it answers; otherwise from the data directory, as the server last wrote \
                them (it writes a few milliseconds after each REGISTER).
                """
        )

        @Flag(help: "Print JSON instead of a table.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            let now = Date()
            let bindings = try await admin.serverOrStore(server: { (client) throws(CommandFailure) in
                let bindings: [BindingSummary] = try await client.get("bindings")
                return bindings
            }, store: { database, _ in
                BindingSummary.list(try database.bindings.listBindings().filter { $0.expiresAt > now }, now: now)
            })
            if json { return try ListingOutput.printJSON(bindings) }
            var table = TextTable("AOR", "CONTACT", "EXPIRES", "FROM")
            for binding in bindings {
                table.append(binding.aor, binding.contact, "in \(binding.expiresInSeconds) s", binding.flow ?? "-")
            }
            print(table.rendered)
        }
    }
}
