import AdminAPI
import ArgumentParser

/// `huiyi room …`: the rooms of the running server, and locking them.
struct RoomCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "room",
        abstract: "List, show, create, change, remove, lock and unlock the running server's rooms.",
        subcommands: [List.self, Show.self, Create.self, Update.self, Remove.self, Lock.self, Unlock.self]
    )

    /// The options of `room create` and `room update`: a room file's keys (Rooms/README.md).
    struct RoomOptions: ParsableArguments {
        @Option(help: "Dial number, 2-15 digits.") var number: String?
        @Option(help: "What operators see.") var title: String?
        @Option(help: "PIN callers enter (digits).") var pin: String?
        @Option(name: .customLong("moderator-pin"), help: "PIN that makes the caller the chair.") var moderatorPin: String?
        @Option(help: "pin, account or open.") var access: String?
        @Option(help: "required, optional or off.") var srtp: String?
        @Option(name: .customLong("max-participants"), help: "Callers at once (2-1000).") var maxParticipants: Int?
        @Option(help: "Loudest talkers mixed at once (1-10).") var speakers: Int?
        @Option(name: .customLong("site"), help: ArgumentHelp(
            "A site of the room, NAME=SIP-URI (repeatable; replaces the room's sites).", valueName: "name=uri"))
        var sites: [String] = []

        func siteList() throws(CommandFailure) -> [SiteSummary]? {
            guard !sites.isEmpty else { return nil }
            return try sites.map { (text) throws(CommandFailure) -> SiteSummary in
                let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw .usage("--site \(text): write NAME=SIP-URI, such as --site shunde=sip:shunde@huiyi.local")
                }
                return SiteSummary(name: parts[0], title: parts[0], uri: parts[1])
            }
        }

        /// These options over `base` (what the room is now, for `update`).
        func request(name: String?, base: RoomSummary?) throws(CommandFailure) -> RoomRequest {
            guard let number = number ?? base?.number else {
                throw .usage("--number is required: the room's dial number, such as --number 8300")
            }
            return RoomRequest(
                name: name, title: title ?? base?.title, number: number,
                pin: pin, moderatorPin: moderatorPin, access: access ?? base?.access, srtp: srtp ?? base?.srtp,
                maxParticipants: maxParticipants ?? base?.maxParticipants, speakers: speakers ?? base?.speakers,
                sites: try siteList() ?? base?.sites)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a room (kept in the server's store, beside the rooms of Rooms/*.toml).")

        @Argument(help: "The room's name: lowercase letters, digits, - or _.")
        var name: String
        @OptionGroup var room: RoomOptions
        @Flag(help: "Print the room as JSON.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            let summary: RoomSummary = try await admin.client().post("rooms", body: room.request(name: name, base: nil))
            if json { return try ListingOutput.printJSON(summary) }
            print("created room \(summary.name), dial \(summary.number)")
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a room: the options given replace those values, the others stay (--pin \"\" removes the PIN).")

        @Argument(help: "The room's name or number.")
        var name: String
        @OptionGroup var room: RoomOptions
        @Flag(help: "Print the room as JSON.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            let client = try admin.client()
            let current: RoomSummary = try await client.get("rooms", name)
            let summary: RoomSummary = try await client.put(
                "rooms", current.name, body: room.request(name: current.name, base: current))
            if json { return try ListingOutput.printJSON(summary) }
            print("updated room \(summary.name), dial \(summary.number)")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a room with nobody in it (a room of Rooms/*.toml comes back at the next start).")

        @Argument(help: "The room's name or number.")
        var name: String
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            let _: [String: String] = try await admin.client().delete("rooms", name)
            print("removed room \(name)")
        }
    }

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
