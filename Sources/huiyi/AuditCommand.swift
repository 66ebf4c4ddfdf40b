import AdminAPI
import ArgumentParser

/// `huiyi audit list`: what operators did through the admin API, when, and from where.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List the audit log of operator actions.",
        subcommands: [List.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List operator actions, newest first: mute, kick, lock, dial, meeting bookings and more.")

        @OptionGroup var window: ListingWindow
        @Flag(help: "Print JSON instead of a table.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            let entries: [AuditSummary] = try await admin.client().get(
                "audit", query: ["since": window.sinceQuery, "limit": window.limitQuery])
            if json { return try ListingOutput.printJSON(entries) }
            var table = TextTable("AT", "ACTOR", "ACTION", "TARGET", "SOURCE", "DETAILS")
            for entry in entries {
                table.append(entry.at, entry.actor, entry.action, entry.target, entry.source,
                             entry.details.isEmpty ? "-" : entry.details)
            }
            print(table.rendered)
        }
    }
}
