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

        @Option(parsing: .unconditional, help: SinceArgument.help, transform: { try SinceArgument.parse($0) })
        var since: SinceArgument?
        @Option(help: "At most this many entries, 1–10000 (default 100).")
        var limit: Int?
        @Flag(help: "Print JSON instead of a table.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func validate() throws {
            if let limit, !(1...10_000).contains(limit) { throw ValidationError("--limit must be from 1 to 10000") }
        }

        func run() async throws {
            let entries: [AuditSummary] = try await admin.client().get(
                "audit", query: ["since": since?.query, "limit": limit.map(String.init)])
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
