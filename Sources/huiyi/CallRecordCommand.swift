import AdminAPI
import ArgumentParser

/// `huiyi cdr list`: the call detail records, one per call leg, written when each call ends.
struct CallRecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cdr",
        abstract: "List call detail records.",
        subcommands: [List.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the records of ended calls, newest first: party, answer, end, reason, codec, quality.",
            discussion: "A call never answered (a dialled site that was busy or did not answer) has no answer time."
        )

        @Option(help: "Only calls in this room (its name).")
        var room: String?
        @OptionGroup var window: ListingWindow
        @Flag(help: "Print JSON instead of a table.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            let records: [CallRecordSummary] = try await admin.client().get(
                "cdrs", query: ["room": room, "since": window.sinceQuery, "limit": window.limitQuery])
            if json { return try ListingOutput.printJSON(records) }
            var table = TextTable("STARTED", "ROOM", "PARTY", "DIRECTION", "ANSWERED", "ENDED", "REASON", "CODEC",
                                  "SRTP", "LOSS", "JITTER", "RTT")
            for record in records {
                table.append(record.startedAt, record.room, record.party, record.direction, record.answeredAt ?? "-",
                             record.endedAt, record.endReason, record.codec ?? "-", ListingOutput.yesNo(record.srtp),
                             ListingOutput.loss(lost: record.lost, received: record.packetsIn),
                             "\(Int(record.jitterMilliseconds.rounded())) ms",
                             record.roundTripMilliseconds.map { "\(Int($0.rounded())) ms" } ?? "-")
            }
            print(table.rendered)
        }
    }
}

