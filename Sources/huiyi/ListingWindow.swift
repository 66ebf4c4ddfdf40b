import ArgumentParser

/// `--since` and `--limit` of the listings of records (`cdr list`, `audit list`), as the admin API's query.
struct ListingWindow: ParsableArguments {
    @Option(parsing: .unconditional, help: SinceArgument.help, transform: { try SinceArgument.parse($0) })
    var since: SinceArgument?
    @Option(help: "At most this many, newest first: 1–10000 (default 100).")
    var limit: Int?

    func validate() throws {
        if let limit, !(1...10_000).contains(limit) { throw ValidationError("--limit must be from 1 to 10000") }
    }

    var sinceQuery: String? { since?.query }
    var limitQuery: String? { limit.map(String.init) }
}
