import AdminAPI
import ArgumentParser
import Foundation

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
        @Option(parsing: .unconditional, help: SinceArgument.help, transform: { try SinceArgument.parse($0) })
        var since: SinceArgument?
        @Option(help: "At most this many records, 1–10000 (default 100).")
        var limit: Int?
        @Flag(help: "Print JSON instead of a table.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func validate() throws {
            if let limit, !(1...10_000).contains(limit) { throw ValidationError("--limit must be from 1 to 10000") }
        }

        func run() async throws {
            let records: [CallRecordSummary] = try await admin.client().get(
                "cdrs", query: ["room": room, "since": since?.query, "limit": limit.map(String.init)])
            if json { return try ListingOutput.printJSON(records) }
            var table = TextTable("STARTED", "ROOM", "PARTY", "DIRECTION", "ANSWERED", "ENDED", "REASON", "CODEC",
                                  "SRTP", "LOSS", "JITTER", "RTT")
            for record in records {
                table.append(record.startedAt, record.room, record.party, record.direction, record.answeredAt ?? "-",
                             record.endedAt, record.endReason, record.codec ?? "-", ListingOutput.yesNo(record.srtp),
                             record.loss, "\(Int(record.jitterMilliseconds.rounded())) ms",
                             record.roundTripMilliseconds.map { "\(Int($0.rounded())) ms" } ?? "-")
            }
            print(table.rendered)
        }
    }
}

extension CallRecordSummary {
    /// Lost packets as a share of those expected (received + lost), or "-" for a call that carried none.
    var loss: String {
        let expected = packetsIn + lost
        guard expected > 0 else { return "-" }
        let percent = Double(lost) * 100 / Double(expected)
        return "\((percent * 10).rounded() / 10)%"
    }
}
