import AdminAPI
import ArgumentParser

/// `huiyi meeting …`: booking a room for a meeting whose sites the server calls at its start, and following it.
struct MeetingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting",
        abstract: "Book, list, show, cancel, start and end meetings.",
        discussion: """
            At a meeting's start the server calls every invited site, calls again the ones that do not answer \
            ([scheduler] redial_intervals_s), and raises an alarm for a site still missing after the last call; \
            'huiyi meeting show ID' shows where each site stands. At the end it hangs everyone up.
            """,
        subcommands: [Schedule.self, List.self, Show.self, Attendance.self, Redial.self, Cancel.self, Start.self,
                      End.self]
    )

    struct Schedule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Book a room for a meeting.",
            discussion: """
                --at takes "YYYY-MM-DD HH:MM[:SS]" in the meeting's zone (--zone, else [scheduler] time_zone), \
                ISO 8601 with an offset, or a time from now such as +10m or +5s. --duration takes 90m, 1h30m, 2h \
                or 45s. A time in the past, an unknown room or site, and a booking that overlaps another in the \
                same room are refused (exit 1), the overlap naming the meeting in the way.
                """
        )

        @Argument(help: "The room's name or number.")
        var room: String
        @Option(help: ArgumentHelp(#"When it starts: "2026-12-01 09:00", ISO 8601, or +10m."#, valueName: "time"))
        var at: String
        @Option(help: ArgumentHelp("How long it lasts: 90m, 1h30m, 2h.", valueName: "duration"))
        var duration: String
        @Option(help: ArgumentHelp("The sites to call, comma-separated (default: all the room's sites).",
                                   valueName: "site,site"))
        var sites: String?
        @Option(name: .customLong("repeat"), help: "How it recurs.")
        var recurrence: MeetingRecurrenceArgument?
        @Option(help: "Its title (default: the room's title).")
        var title: String?
        @Option(help: ArgumentHelp("The time zone --at is in, like Asia/Shanghai (default: [scheduler] time_zone).",
                                   valueName: "zone"))
        var zone: String?
        @Flag(help: "Print the meeting as JSON.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func validate() throws {
            if let sites, siteList(sites).isEmpty {
                throw ValidationError("--sites names no site; give site names separated by commas, like a,b")
            }
        }

        func run() async throws {
            let request = MeetingRequest(
                room: room, at: at, duration: duration, title: title, sites: sites.map(siteList),
                repeats: recurrence?.rawValue, timeZone: zone)
            let meeting: MeetingSummary = try await admin.client().post("meetings", body: request)
            if json { return try ListingOutput.printJSON(meeting) }
            print("scheduled meeting \(meeting.id) in \(meeting.room): \(meeting.localStart) \(meeting.timeZone) "
                + "for \(MeetingSummary.duration(seconds: meeting.durationSeconds))"
                + (meeting.repeats == "none" ? "" : ", \(meeting.repeats)")
                + "; 'huiyi meeting show \(meeting.id)' follows it")
        }

        private func siteList(_ text: String) -> [String] {
            text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the meetings booked, running, and recently over or cancelled.")

        @Option(help: "Only the meetings of this room (name or number).")
        var room: String?
        @Option(help: "Only meetings in this state: scheduled, running (now), ended, cancelled.")
        var state: MeetingStateArgument?
        @Flag(help: "Print JSON instead of a table.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            let meetings: [MeetingSummary] = try await admin.client().get(
                "meetings", query: ["room": room, "state": state?.rawValue])
            if json { return try ListingOutput.printJSON(meetings) }
            var table = TextTable("ID", "ROOM", "START", "ZONE", "DURATION", "REPEAT", "STATE", "SITES", "ALARMS",
                                  "TITLE")
            for meeting in meetings {
                table.append(meeting.id, meeting.room, meeting.localStart, meeting.timeZone,
                             MeetingSummary.duration(seconds: meeting.durationSeconds), meeting.repeats,
                             meeting.running ? "running" : meeting.state, meeting.connectedSites,
                             meeting.alarms.isEmpty ? "-" : meeting.alarms.joined(separator: ","), meeting.title)
            }
            print(table.rendered)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a meeting and where each of its sites stands: connected, dialling, redialling, alarm.")

        @Argument(help: "The meeting's id, as 'huiyi meeting list' shows it.")
        var id: String
        @Flag(help: "Print JSON instead of a table.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            let meeting: MeetingSummary = try await admin.client().get("meetings", id)
            if json { return try ListingOutput.printJSON(meeting) }
            print(MeetingCommand.rendered(meeting))
        }
    }

    struct Attendance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show who attended a meeting: each site's calls, time in the room and outcome, per sitting.",
            discussion: """
                A sitting is an occurrence from the moment it started (an occurrence resumed after a server restart \
                is a second sitting). While it runs a site is 'present' or 'away'; once it is over, 'attended' or \
                'missed'. Newest sitting first.
                """)

        @Argument(help: "The meeting's id, as 'huiyi meeting list' shows it.")
        var id: String
        @Option(help: "How many of the newest sittings to show (1-10000).")
        var sittings = 10
        @Flag(help: "Print JSON instead of a table.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            let rows: [AttendanceSummary] = try await admin.client().get(
                "meetings", id, "attendance", query: ["sittings": "\(sittings)"])
            if json { return try ListingOutput.printJSON(rows) }
            var table = TextTable("SITTING", "#", "SITE", "OUTCOME", "CALLS", "JOINED", "LEFT", "PRESENT",
                                  "LAST FAILURE", "ALARM")
            for row in rows {
                table.append(row.sittingStart, "\(row.occurrence)", row.site, row.outcome, "\(row.calls)",
                             row.joinedAt ?? "-", row.leftAt ?? "-",
                             MeetingSummary.duration(seconds: row.secondsPresent), row.lastFailure ?? "-",
                             row.alarmedAt ?? "-")
            }
            print(table.rendered)
        }
    }

    struct Redial: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Call a site missing from a running meeting again now (its redials start over).",
            discussion: """
                For a site in alarm or waiting for its next redial. The alarm stays raised until the site is in; a \
                site already in the meeting or being called is left alone.
                """)

        @Argument(help: "The meeting's id, as 'huiyi meeting list' shows it.")
        var id: String
        @Argument(help: "The site's name, as 'huiyi meeting show ID' lists it.")
        var site: String
        @Flag(help: "Print the meeting as JSON.")
        var json = false
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            let meeting: MeetingSummary = try await admin.client().post(
                "meetings", id, "redial", body: SiteBody(site: site))
            if json { return try ListingOutput.printJSON(meeting) }
            let state = meeting.sites.first { $0.site == site }?.state ?? "?"
            print("\(site) of meeting \(meeting.id): \(state)")
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel a meeting (a running one is ended, its calls hung up), or one day of a series.",
            discussion: """
                With --on, only the occurrence of a repeating meeting that starts that day (in the meeting's zone) \
                is called off, a holiday for instance: the room is free then and the series goes on.
                """)

        @OptionGroup var target: MeetingTarget
        @Option(help: ArgumentHelp("Call off only the occurrence on this day, YYYY-MM-DD.", valueName: "day"))
        var on: String?

        func run() async throws {
            if let on {
                let meeting: MeetingSummary = try await target.admin.client().post(
                    "meetings", target.id, "skip", body: DayBody(on: on))
                if target.json { return try ListingOutput.printJSON(meeting) }
                let next = meeting.nextStart.map { "; next: \($0)" } ?? "; no occurrence is left"
                print("called off meeting \(meeting.id) on \(on); the series goes on\(next)")
                return
            }
            let meeting = try await target.post("cancel")
            if target.json { return try ListingOutput.printJSON(meeting) }
            print("cancelled meeting \(meeting.id) in \(meeting.room) (\(meeting.localStart) \(meeting.timeZone))")
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a meeting now, before its booked time: its sites are called at once.")

        @OptionGroup var target: MeetingTarget

        func run() async throws {
            let meeting = try await target.post("start")
            if target.json { return try ListingOutput.printJSON(meeting) }
            let invited = meeting.sites.filter { $0.state != "not invited" }.count
            print("started meeting \(meeting.id) in \(meeting.room): calling \(invited) site(s); "
                + "'huiyi meeting show \(meeting.id)' shows who answered")
        }
    }

    struct End: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End a running meeting now: every site is hung up.")

        @OptionGroup var target: MeetingTarget

        func run() async throws {
            let meeting = try await target.post("end")
            if target.json { return try ListingOutput.printJSON(meeting) }
            print("ended meeting \(meeting.id) in \(meeting.room); its calls are hung up")
        }
    }

    /// The meeting's fields, then a table of its sites; sites in alarm are marked and listed again at the end,
    /// so they stand out in a long list.
    static func rendered(_ meeting: MeetingSummary) -> String {
        var fields: [(name: String, value: String)] = [
            ("id", meeting.id),
            ("room", meeting.room),
            ("title", meeting.title),
            ("start", "\(meeting.localStart) \(meeting.timeZone)"),
            ("duration", MeetingSummary.duration(seconds: meeting.durationSeconds)),
            ("repeat", meeting.repeats),
            ("state", meeting.running ? "running" : meeting.state),
            ("next", meeting.nextStart.map { "\($0) to \(meeting.nextEnd ?? "?")" } ?? "-"),
        ]
        if !meeting.skipped.isEmpty { fields.append(("skipped", meeting.skipped.joined(separator: ", "))) }
        var lines = [ListingOutput.fields(fields)]
        if !meeting.sites.isEmpty {
            var sites = TextTable("SITE", "STATE", "ATTEMPT", "REASON", "SINCE", "ALARM")
            for site in meeting.sites {
                sites.append(site.site, site.state, site.attempt.map(String.init) ?? "-", site.reason ?? "-",
                             site.since ?? "-", site.alarm ? "ALARM" : "-")
            }
            lines += ["", sites.rendered]
        }
        if !meeting.alarms.isEmpty {
            lines += ["", "ALARM: \(meeting.alarms.joined(separator: ", ")) still missing after every call; "
                + "'huiyi meeting redial \(meeting.id) SITE' calls a site again"]
        }
        return lines.joined(separator: "\n")
    }
}

/// `ID [--json]`: the meeting an action is for.
struct MeetingTarget: ParsableArguments {
    @Argument(help: "The meeting's id, as 'huiyi meeting list' shows it.")
    var id: String
    @Flag(help: "Print the meeting as JSON.")
    var json = false
    @OptionGroup var admin: AdminOptions

    func post(_ action: String) async throws(CommandFailure) -> MeetingSummary {
        try await admin.client().post("meetings", id, action)
    }
}

/// `--state`: what `huiyi meeting list` can filter on.
enum MeetingStateArgument: String, CaseIterable, ExpressibleByArgument {
    case scheduled, running, ended, cancelled
}

/// `--repeat`: the recurrences the scheduler knows.
enum MeetingRecurrenceArgument: String, CaseIterable, ExpressibleByArgument {
    case none, daily, weekdays, weekly
}

extension MeetingSummary {
    /// The booked start as the operator wrote it, in the meeting's zone: `2026-12-01 09:00:00`.
    var localStart: String {
        // `start` is ISO 8601 with the zone's offset, `2026-12-01T09:00:00+08:00`.
        String(start.prefix(19)).replacingOccurrences(of: "T", with: " ")
    }

    /// The invited sites: while it runs "2/3", those connected of those invited; otherwise how many are invited.
    var connectedSites: String {
        let invited = sites.filter { $0.state != "not invited" }
        guard running else { return "\(invited.count)" }
        return "\(invited.filter { $0.state == "connected" }.count)/\(invited.count)"
    }

    /// "1h30m", "25m", "45s", "2h".
    static func duration(seconds total: Int) -> String {
        let hours = total / 3600, minutes = total / 60 % 60, seconds = total % 60
        var text = ""
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if seconds > 0 || text.isEmpty { text += "\(seconds)s" }
        return text
    }
}
