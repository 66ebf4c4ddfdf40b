import AdminAPI
import ArgumentParser

/// `huiyi room …`: the rooms of the running server, and locking them.
struct RoomCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "room",
        abstract: "List, show, lock and unlock the running server's rooms.",
        subcommands: [List.self, Show.self, Lock.self, Unlock.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the rooms, with who is in them.")

        @Flag(help: "Print JSON instead of a table.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            let rooms: [RoomSummary] = try await admin.client().get("rooms")
            if json {
                try ListingOutput.printJSON(rooms)
                return
            }
            var table = TextTable("NAME", "NUMBER", "ACCESS", "SRTP", "SITES", "PARTICIPANTS", "LOCKED", "TITLE")
            for room in rooms {
                table.append(room.name, room.number, room.access, room.srtp, "\(room.sites.count)",
                             "\(room.participants)/\(room.maxParticipants)", ListingOutput.yesNo(room.locked),
                             room.title)
            }
            print(table.rendered)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one room and its sites.")

        @Argument(help: "The room's name or number.")
        var room: String
        @Flag(help: "Print JSON instead of a table.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            let summary: RoomSummary = try await admin.client().get("rooms", room)
            if json {
                try ListingOutput.printJSON(summary)
                return
            }
            print(ListingOutput.fields([
                "name": summary.name,
                "title": summary.title,
                "number": summary.number,
                "access": summary.access,
                "srtp": summary.srtp,
                "participants": "\(summary.participants) of at most \(summary.maxParticipants)",
                "speakers": "\(summary.speakers)",
                "locked": ListingOutput.yesNo(summary.locked),
            ]))
            guard !summary.sites.isEmpty else { return }
            var sites = TextTable("SITE", "URI", "TITLE")
            for site in summary.sites { sites.append(site.name, site.uri, site.title) }
            print("")
            print(sites.rendered)
        }
    }

    struct Lock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lock a room: no one else joins or is dialled in; those in it stay.")

        @Argument(help: "The room's name or number.")
        var room: String
        @Flag(help: "Print the room as JSON.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            try await RoomCommand.setLocked(true, room, json: json, admin: admin)
        }
    }

    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Unlock a room, so participants can join again.")

        @Argument(help: "The room's name or number.")
        var room: String
        @Flag(help: "Print the room as JSON.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            try await RoomCommand.setLocked(false, room, json: json, admin: admin)
        }
    }

    /// Locks or unlocks `room` and says so, or prints the room as JSON.
    static func setLocked(_ locked: Bool, _ room: String, json: Bool, admin: AdminOptions) async throws(CommandFailure) {
        let summary: RoomSummary = try await admin.client().post("rooms", room, locked ? "lock" : "unlock")
        if json { return try ListingOutput.printJSON(summary) }
        print(locked ? "locked \(summary.name) (\(summary.participants) in it); "
                + "'huiyi room unlock \(summary.name)' opens it"
            : "unlocked \(summary.name)")
    }
}
