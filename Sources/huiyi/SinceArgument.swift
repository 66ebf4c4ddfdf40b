import ArgumentParser
import Foundation

/// `--since` of the listings: an ISO 8601 time with its offset, or a time before now such as `-1h`, `-30m`,
/// `-2d` or `-1h30m`. A relative time is made absolute here, from this host's clock, so the server receives
/// ISO 8601 UTC either way. The option takes the next word whatever it starts with, so `--since -1h` works.
struct SinceArgument: Equatable {
    var date: Date

    /// The form the admin API's `since=` takes.
    var query: String { date.formatted(.iso8601) }

    static let help = ArgumentHelp(
        "Only entries from this time on: ISO 8601 such as 2026-12-01T09:00:00+08:00, or a time ago such as -1h, "
            + "-30m, -2d.",
        valueName: "time")

    /// Parses `text` against `now`; the error says which forms are understood.
    static func parse(_ text: String, now: Date = Date()) throws -> SinceArgument {
        let written = text.trimmingCharacters(in: .whitespaces)
        if written.hasPrefix("-") {
            guard let seconds = secondsAgo(written.dropFirst().lowercased()) else {
                throw ValidationError("not a time ago; write e.g. -1h, -30m, -2d or -1h30m")
            }
            return SinceArgument(date: now.addingTimeInterval(-TimeInterval(seconds)))
        }
        if let date = ISO8601DateFormatter().date(from: written) { return SinceArgument(date: date) }
        throw ValidationError(
            "not a time; write ISO 8601 with its offset (2026-12-01T09:00:00+08:00 or 2026-12-01T01:00:00Z) "
                + "or a time ago (-1h, -30m)")
    }

    /// `1h30m` → 5400: numbers each followed by d, h, m or s, the units in that order, each at most once.
    private static func secondsAgo(_ text: String) -> Int? {
        let units: [(Character, Int)] = [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]
        var rest = Substring(text), total = 0, nextUnit = 0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 6, let value = Int(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = rest.first,
                  let index = units[nextUnit...].firstIndex(where: { $0.0 == unit }) else { return nil }
            total += value * units[index].1
            nextUnit = index + 1
            rest = rest.dropFirst()
        }
        return total
    }
}
