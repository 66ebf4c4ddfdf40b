import AdminAPI
import ArgumentParser

/// `huiyi status`: whether the server runs, and what it is doing, as its admin API reports it.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the running server's version, uptime, rooms, participants, meetings and alarms."
    )

    @Flag(help: "Print JSON instead of a table.")
    var json = false
    @OptionGroup var admin: AdminOptions

    func run() async throws {
        let client = try admin.client()
        let status: ServerStatus = try await client.get("status")
        if json {
            try ListingOutput.printJSON(status)
            return
        }
        print(ListingOutput.fields([
            "server": client.server.url.absoluteString,
            "version": status.version,
            "domain": status.domain,
            "uptime": Self.duration(seconds: status.uptimeSeconds),
            "rooms": "\(status.rooms) (\(status.liveRooms) live)",
            "participants": "\(status.participants)",
            "calls": "\(status.calls)",
            "meetings": "\(status.meetingsRunning) running",
            "alarms": status.alarms.isEmpty ? "none" : "\(status.alarms.count): " + status.alarms.joined(separator: ", "),
        ]))
    }

    /// "3d 4h 05m", "2h 03m 04s", "5m 06s", "7s".
    static func duration(seconds total: Int) -> String {
        let days = total / 86_400, hours = total / 3600 % 24, minutes = total / 60 % 60, seconds = total % 60
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        if days > 0 { return "\(days)d \(hours)h \(two(minutes))m" }
        if hours > 0 { return "\(hours)h \(two(minutes))m \(two(seconds))s" }
        if minutes > 0 { return "\(minutes)m \(two(seconds))s" }
        return "\(seconds)s"
    }
}
