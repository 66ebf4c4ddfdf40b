import Foundation
import XCTest

/// The meeting, CDR and audit commands as an operator's script sees them: the real `huiyi` executable against a
/// running server's admin API, and bookings that survive the server being killed.
final class MeetingCommandLineTests: XCTestCase {
    private var root: URL!
    private var rooms: URL!
    private var server: AdminAPIServerHarness!

    override func setUp() async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("huiyi-meetings-\(UUID().uuidString)")
        rooms = root.appendingPathComponent("rooms")
        try FileManager.default.createDirectory(at: rooms, withIntermediateDirectories: true)
        try """
            name = "boardroom"
            title = "Board room"
            number = "8200"
            access = "open"

            [[sites]]
            name = "shunde"
            uri = "sip:shunde@huiyi.local"

            [[sites]]
            name = "foshan"
            uri = "sip:foshan@huiyi.local"
            """.write(to: rooms.appendingPathComponent("boardroom.toml"), atomically: true, encoding: .utf8)
        server = AdminAPIServerHarness(dataDirectory: root.appendingPathComponent("data").path,
                                       roomsDirectory: rooms.path)
    }

    override func tearDown() async throws {
        await server?.stop()
        try? FileManager.default.removeItem(at: root)
    }

    // MARK: Booking

    func testABookingIsListedAndShownAsScheduled() async throws {
        try await server.start()

        let booked = try await meeting("schedule", "boardroom", "--at", "+1h", "--duration", "90m",
                                       "--title", "Budget review", "--json")
        let id = try XCTUnwrap(booked["id"] as? String)
        XCTAssertEqual(booked["room"] as? String, "boardroom")
        XCTAssertEqual(booked["title"] as? String, "Budget review")
        XCTAssertEqual(booked["duration_s"] as? Int, 5400)
        XCTAssertEqual(booked["time_zone"] as? String, "Asia/Shanghai")

        let listed = try await json([[String: Any]].self, "meeting", "list", "--json")
        XCTAssertEqual(listed.compactMap { $0["id"] as? String }, [id])

        let shown = try await json([String: Any].self, "meeting", "show", id, "--json")
        XCTAssertEqual(shown["state"] as? String, "scheduled")
        XCTAssertEqual(shown["running"] as? Bool, false)
        XCTAssertEqual(shown["repeat"] as? String, "none")
        XCTAssertEqual(shown["alarms"] as? [String], [])
        let sites = try XCTUnwrap(shown["sites"] as? [[String: Any]])
        XCTAssertEqual(sites.compactMap { $0["site"] as? String }, ["shunde", "foshan"])
        XCTAssertEqual(sites.compactMap { $0["state"] as? String }, ["awaiting start", "awaiting start"])
        // About an hour from now, as the server's clock counts it.
        let start = try XCTUnwrap((shown["next_start"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
        XCTAssertEqual(start.timeIntervalSinceNow, 3600, accuracy: 60)

        let table = try await run("meeting", "show", id)
        XCTAssertEqual(table.status, 0, table.standardError)
        let lines = table.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.first, "id        \(id)", table.standardOutput)
        XCTAssertTrue(lines.contains("title     Budget review"), table.standardOutput)
        XCTAssertTrue(lines.contains("duration  1h30m"), table.standardOutput)
        XCTAssertTrue(lines.contains("SITE    STATE           ATTEMPT  REASON  SINCE  ALARM"), table.standardOutput)
        XCTAssertTrue(lines.contains("shunde  awaiting start  -        -       -      -"), table.standardOutput)
    }

    func testALocalTimeInAnotherZoneWithSitesAndRepeat() async throws {
        try await server.start()

        let booked = try await meeting("schedule", "8200", "--at", "2099-12-01 09:00", "--zone", "Europe/Berlin",
                                       "--duration", "1h", "--sites", "foshan", "--repeat", "weekdays", "--json")
        XCTAssertEqual(booked["room"] as? String, "boardroom")
        XCTAssertEqual(booked["start"] as? String, "2099-12-01T09:00:00+01:00")
        XCTAssertEqual(booked["time_zone"] as? String, "Europe/Berlin")
        XCTAssertEqual(booked["repeat"] as? String, "weekdays")
        let sites = try XCTUnwrap(booked["sites"] as? [[String: Any]])
        XCTAssertEqual(sites.map { "\($0["site"]!) \($0["state"]!)" }, ["foshan awaiting start", "shunde not invited"])

        let table = try await run("meeting", "list")
        XCTAssertEqual(table.status, 0, table.standardError)
        let lines = table.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, table.standardOutput)
        XCTAssertTrue(lines[1].contains("boardroom  2099-12-01 09:00:00  Europe/Berlin  1h"), table.standardOutput)
        XCTAssertTrue(lines[1].contains("weekdays  scheduled"), table.standardOutput)
    }

    func testAnOverlappingBookingExits1NamingTheMeetingInTheWay() async throws {
        try await server.start()
        let first = try await meeting("schedule", "boardroom", "--at", "+1h", "--duration", "90m", "--json")
        let id = try XCTUnwrap(first["id"] as? String)

        let overlap = try await run("meeting", "schedule", "boardroom", "--at", "+2h", "--duration", "30m")
        HuiyiExecutable.assertOneLineError(overlap, status: 1, prefix: "room \"boardroom\" is taken at ")
        XCTAssertTrue(overlap.standardError.contains("(meeting \(id), "), overlap.standardError)
        XCTAssertTrue(overlap.standardError.contains("cancel meeting \(id) first"), overlap.standardError)

        let listed = try await json([[String: Any]].self, "meeting", "list", "--json")
        XCTAssertEqual(listed.count, 1, "the refused booking is not listed")
    }

    func testRefusedBookingsExitWithOneLine() async throws {
        try await server.start()

        let past = try await run("meeting", "schedule", "boardroom", "--at", "2020-01-01 09:00", "--duration", "1h")
        HuiyiExecutable.assertOneLineError(past, status: 1, prefix: #"--at "2020-01-01 09:00": is in the past"#)

        let room = try await run("meeting", "schedule", "attic", "--at", "+1h", "--duration", "1h")
        HuiyiExecutable.assertOneLineError(room, status: 1, prefix: "no room attic; see huiyi room list")

        let site = try await run("meeting", "schedule", "boardroom", "--at", "+1h", "--duration", "1h",
                                 "--sites", "shunde,nanhai")
        HuiyiExecutable.assertOneLineError(site, status: 1, prefix: "")
        XCTAssertTrue(site.standardError.contains("nanhai"), site.standardError)

        let duration = try await run("meeting", "schedule", "boardroom", "--at", "+1h", "--duration", "soon")
        HuiyiExecutable.assertOneLineError(duration, status: 1, prefix: #"--duration "soon": "#)

        let recurrence = try await run("meeting", "schedule", "boardroom", "--at", "+1h", "--duration", "1h",
                                       "--repeat", "monthly")
        HuiyiExecutable.assertOneLineError(recurrence, status: 64,
                                           prefix: "The value 'monthly' is invalid for '--repeat")

        let unknown = try await run("meeting", "show", "k3m9x2ab")
        HuiyiExecutable.assertOneLineError(unknown, status: 1, prefix: "no meeting k3m9x2ab; see huiyi meeting list")
    }

    func testACancelledMeetingFreesItsRoom() async throws {
        try await server.start()
        let booked = try await meeting("schedule", "boardroom", "--at", "+1h", "--duration", "1h", "--json")
        let id = try XCTUnwrap(booked["id"] as? String)

        let cancel = try await run("meeting", "cancel", id)
        XCTAssertEqual(cancel.status, 0, cancel.standardError)
        XCTAssertTrue(cancel.standardOutput.hasPrefix("cancelled meeting \(id) in boardroom"), cancel.standardOutput)
        let shown = try await json([String: Any].self, "meeting", "show", id, "--json")
        XCTAssertEqual(shown["state"] as? String, "cancelled")

        let again = try await run("meeting", "schedule", "boardroom", "--at", "+1h", "--duration", "1h")
        XCTAssertEqual(again.status, 0, again.standardError)
        XCTAssertTrue(again.standardOutput.hasPrefix("scheduled meeting "), again.standardOutput)

        let twice = try await run("meeting", "start", id)
        HuiyiExecutable.assertOneLineError(twice, status: 1, prefix: "meeting \(id) is cancelled")

        // Listings by state and room: the cancelled booking, the new one, nothing running.
        func ids(_ arguments: String...) async throws -> [String] {
            try await json([[String: Any]].self, ["meeting", "list", "--json"] + arguments).compactMap {
                $0["id"] as? String
            }
        }
        let all = try await ids()
        XCTAssertEqual(all.count, 2)
        let cancelled = try await ids("--state", "cancelled")
        let scheduled = try await ids("--state", "scheduled")
        let running = try await ids("--state", "running")
        let byNumber = try await ids("--room", "8200")
        XCTAssertEqual(cancelled, [id])
        XCTAssertEqual(scheduled, all.filter { $0 != id })
        XCTAssertEqual(running, [])
        XCTAssertEqual(Set(byNumber), Set(all), "a room by its number")
        let attic = try await run("meeting", "list", "--room", "attic")
        HuiyiExecutable.assertOneLineError(attic, status: 1, prefix: "no room attic; see huiyi room list")
        let state = try await run("meeting", "list", "--state", "over")
        XCTAssertEqual(state.status, 64, state.standardError)
    }

    func testOneDayOfASeriesIsCalledOffAndTheSeriesGoesOn() async throws {
        try await server.start()
        // Weekdays from Tuesday 2099-12-01, 09:00 Shanghai (01:00 UTC).
        let booked = try await meeting("schedule", "boardroom", "--at", "2099-12-01 09:00", "--duration", "1h",
                                       "--repeat", "weekdays", "--json")
        let id = try XCTUnwrap(booked["id"] as? String)
        let skip = try await run("meeting", "cancel", id, "--on", "2099-12-01")
        XCTAssertEqual(skip.status, 0, skip.standardError)
        XCTAssertEqual(skip.standardOutput,
                       "called off meeting \(id) on 2099-12-01; the series goes on; next: 2099-12-02T01:00:00Z\n")
        _ = try await meeting("cancel", id, "--on", "2099-12-03", "--json")
        let shown = try await meeting("show", id, "--json")
        XCTAssertEqual(shown["skipped"] as? [String], ["2099-12-01", "2099-12-03"])
        XCTAssertEqual(shown["state"] as? String, "scheduled")
        let table = try await run("meeting", "show", id)
        XCTAssertTrue(table.standardOutput.contains("skipped   2099-12-01, 2099-12-03"), table.standardOutput)

        let saturday = try await run("meeting", "cancel", id, "--on", "2099-12-05")
        HuiyiExecutable.assertOneLineError(saturday, status: 1,
                                           prefix: "meeting \(id) has no occurrence still to come on 2099-12-05")
        let badDay = try await run("meeting", "cancel", id, "--on", "tomorrow")
        HuiyiExecutable.assertOneLineError(badDay, status: 1, prefix: "\"tomorrow\" is not a day; write YYYY-MM-DD")
        let once = try await meeting("schedule", "boardroom", "--at", "2099-12-05 09:00", "--duration", "1h",
                                     "--json")
        let onceID = try XCTUnwrap(once["id"] as? String)
        let notRepeating = try await run("meeting", "cancel", onceID, "--on", "2099-12-05")
        HuiyiExecutable.assertOneLineError(notRepeating, status: 1, prefix: "meeting \(onceID) does not repeat")

        let audit = try await json([[String: Any]].self, "audit", "list", "--json")
        XCTAssertEqual(audit.filter { $0["action"] as? String == "meeting.skip" }.compactMap { $0["details"] as? String },
                       ["2099-12-03", "2099-12-01"])
    }

    // MARK: Attendance and redials

    func testAttendanceFollowsTheSitesCallsAndOutlivesTheServer() async throws {
        try await server.start()
        let booked = try await meeting("schedule", "boardroom", "--at", "+1h", "--duration", "1h", "--json")
        let id = try XCTUnwrap(booked["id"] as? String)
        let none = try await run("meeting", "attendance", id, "--json")
        XCTAssertEqual(none.standardOutput, "[]\n", "no sitting before the meeting starts; \(none.standardError)")

        // Neither site is registered: each first call fails at once as unreachable and waits 30 s for its redial.
        _ = try await meeting("start", id, "--json")
        let away = try await poll("both sites waiting to redial") {
            let rows = try await self.json([[String: Any]].self, "meeting", "attendance", id, "--json")
            return rows.allSatisfy { $0["last_failure"] as? String == "unreachable" } ? rows : nil
        }
        XCTAssertEqual(away.compactMap { $0["site"] as? String }, ["shunde", "foshan"])
        XCTAssertEqual(away.compactMap { $0["outcome"] as? String }, ["away", "away"])
        XCTAssertEqual(away.compactMap { $0["calls"] as? Int }, [1, 1])
        let running = try await json([String: Any].self, "status", "--json")
        XCTAssertEqual(running["meetings_running"] as? Int, 1)

        // The operator calls shunde again at once: a second call, which fails the same way.
        let redial = try await run("meeting", "redial", id, "shunde")
        XCTAssertEqual(redial.status, 0, redial.standardError)
        XCTAssertTrue(redial.standardOutput.hasPrefix("shunde of meeting \(id): "), redial.standardOutput)
        _ = try await poll("shunde's second call counted") {
            let rows = try await self.json([[String: Any]].self, "meeting", "attendance", id, "--json")
            return rows.first?["calls"] as? Int == 2 ? rows : nil
        }
        let stranger = try await run("meeting", "redial", id, "attic")
        HuiyiExecutable.assertOneLineError(stranger, status: 1, prefix: "site \"attic\" is not invited to meeting \(id); `huiyi meeting show")

        _ = try await meeting("end", id, "--json")
        let over = try await json([String: Any].self, "status", "--json")
        XCTAssertEqual(over["meetings_running"] as? Int, 0)
        let ended = try await json([[String: Any]].self, "meeting", "attendance", id, "--json")
        XCTAssertEqual(ended.compactMap { $0["outcome"] as? String }, ["missed", "missed"])
        let table = try await run("meeting", "attendance", id)
        XCTAssertTrue(table.standardOutput.hasPrefix("SITTING"), table.standardOutput)
        XCTAssertTrue(table.standardOutput.contains("  shunde  missed   2  "), table.standardOutput)

        // After a restart the scheduler has no sitting in memory: the rows come from the store, as they were.
        await server.stopKeepingData()
        try await server.start()
        let stored = try await json([[String: Any]].self, "meeting", "attendance", id, "--json")
        XCTAssertEqual(stored.compactMap { $0["outcome"] as? String }, ["missed", "missed"])
        XCTAssertEqual(stored.compactMap { $0["calls"] as? Int }, [2, 1])
        XCTAssertEqual(stored.compactMap { $0["sitting_start"] as? String }, ended.compactMap {
            $0["sitting_start"] as? String })
        let notRunning = try await run("meeting", "redial", id, "shunde")
        HuiyiExecutable.assertOneLineError(notRunning, status: 1, prefix: "meeting \(id)")
    }

    // MARK: Records and the audit log

    func testCallRecordsAndTheAuditLogParse() async throws {
        try await server.start()
        let booked = try await meeting("schedule", "boardroom", "--at", "+1h", "--duration", "1h", "--json")
        let id = try XCTUnwrap(booked["id"] as? String)

        let records = try await run("cdr", "list", "--room", "boardroom", "--since", "-1h", "--limit", "10", "--json")
        XCTAssertEqual(try XCTUnwrap(records.json() as? [Any]).count, 0)
        XCTAssertEqual(records.standardOutput, "[]\n")
        let recordTable = try await run("cdr", "list")
        XCTAssertTrue(recordTable.standardOutput.hasPrefix("STARTED  ROOM  PARTY"), recordTable.standardOutput)

        let audit = try await json([[String: Any]].self, "audit", "list", "--json")
        let entry = try XCTUnwrap(audit.first { $0["action"] as? String == "meeting.schedule" }, "\(audit)")
        XCTAssertEqual(entry["target"] as? String, "meeting/\(id)")
        XCTAssertEqual(entry["source"] as? String, "127.0.0.1")
        XCTAssertEqual(entry["details"] as? String, "boardroom at +1h for 1h")

        // --since: a time ago keeps the entry, a time to come leaves nothing.
        let recent = try await json([Any].self, "audit", "list", "--since", "-30m", "--json")
        XCTAssertEqual(recent.count, audit.count)
        let future = try await run("audit", "list", "--since", "2099-01-01T00:00:00+08:00", "--json")
        XCTAssertEqual(future.standardOutput, "[]\n", future.standardError)

        let table = try await run("audit", "list", "--limit", "1")
        let lines = table.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, table.standardOutput)
        XCTAssertTrue(lines[1].contains("meeting.schedule  meeting/\(id)  127.0.0.1"), table.standardOutput)
    }

    func testABadSinceOrLimitIsAUsageError() async throws {
        let since = try await run("audit", "list", "--since", "yesterday")
        HuiyiExecutable.assertOneLineError(since, status: 64, prefix: "The value 'yesterday' is invalid for '--since")
        let ago = try await run("cdr", "list", "--since", "-1w")
        HuiyiExecutable.assertOneLineError(ago, status: 64, prefix: "The value '-1w' is invalid for '--since")
        let limit = try await run("cdr", "list", "--limit", "0")
        HuiyiExecutable.assertOneLineError(limit, status: 64, prefix: "--limit must be from 1 to 10000")
    }

    func testShellCompletionScriptsNameTheMeetingCommands() async throws {
        let outcome = try await HuiyiExecutable.run(["--generate-completion-script", "bash"], in: root)
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        for word in ["meeting", "schedule", "cdr", "audit", "--since", "weekdays"] {
            XCTAssertTrue(outcome.standardOutput.contains(word), "no \(word) in the bash completion script")
        }
    }

    // MARK: Durability

    func testBookingsSurviveKill9() async throws {
        let dataDirectory = root.appendingPathComponent("data").path
        let first = try ServerProcess(dataDirectory: dataDirectory, roomsDirectory: rooms.path, in: root)
        var ids: [String] = []
        for booking in [["--at", "+1h", "--duration", "30m", "--title", "Morning"],
                        ["--at", "+3h", "--duration", "1h", "--repeat", "weekdays", "--sites", "shunde"],
                        // A Saturday: the weekday meeting never meets it, whatever the time the test runs.
                        ["--at", "2099-06-06 14:00", "--zone", "Europe/Berlin", "--duration", "45m"]] {
            let outcome = try await run(["meeting", "schedule", "boardroom", "--json", "--server", first.adminURL]
                + booking)
            let booked = try XCTUnwrap(try outcome.json() as? [String: Any], first.log)
            ids.append(try XCTUnwrap(booked["id"] as? String))
        }
        let before = try await run("meeting", "list", "--json", "--server", first.adminURL)
        XCTAssertEqual(before.status, 0, before.standardError)

        first.kill9()
        XCTAssertEqual(first.process.terminationReason, .uncaughtSignal)

        let second = try ServerProcess(dataDirectory: dataDirectory, roomsDirectory: rooms.path, in: root)
        defer { second.kill9() }
        let after = try await run("meeting", "list", "--json", "--server", second.adminURL)
        XCTAssertEqual(after.status, 0, after.standardError)
        let listed = try XCTUnwrap(try after.json() as? [[String: Any]], second.log)
        XCTAssertEqual(Set(listed.compactMap { $0["id"] as? String }), Set(ids), second.log)
        // Every booking as it was: room, title, start, zone, duration, recurrence, sites.
        XCTAssertEqual(after.standardOutput, before.standardOutput)
        XCTAssertTrue(second.log.contains("meetings=3"), second.log)
    }

    // MARK: Helpers

    /// Asks `probe` every 50 ms until it returns a value, for at most 10 s.
    private func poll<T>(_ what: String, file: StaticString = #filePath, line: UInt = #line,
                         _ probe: @escaping () async throws -> T?) async throws -> T {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let value = try await probe() { return value }
            try await Task.sleep(for: .milliseconds(50))
        }
        XCTFail("timed out waiting for \(what)", file: file, line: line)
        throw CancellationError()
    }

    /// Runs `huiyi ARGUMENTS` against the in-process server (unless the arguments name one), the token from the
    /// data directory.
    private func run(_ arguments: String...) async throws -> HuiyiExecutable.Outcome {
        try await run(arguments)
    }

    private func run(_ arguments: [String]) async throws -> HuiyiExecutable.Outcome {
        var arguments = arguments + ["--data-dir", root.appendingPathComponent("data").path]
        if !arguments.contains("--server"), let server, server.adminPort != 0 {
            arguments += ["--server", "http://127.0.0.1:\(server.adminPort)"]
        }
        return try await HuiyiExecutable.run(arguments, in: root)
    }

    /// `huiyi meeting ARGUMENTS`, which must succeed, its JSON answer.
    private func meeting(_ arguments: String..., file: StaticString = #filePath, line: UInt = #line) async throws
        -> [String: Any] {
        try await json([String: Any].self, ["meeting"] + arguments, file: file, line: line)
    }

    /// `huiyi ARGUMENTS`, which must succeed, its JSON answer as a `T`.
    private func json<T>(_ type: T.Type, _ arguments: String..., file: StaticString = #filePath, line: UInt = #line)
        async throws -> T {
        try await json(type, arguments, file: file, line: line)
    }

    private func json<T>(_ type: T.Type, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line)
        async throws -> T {
        let outcome = try await run(arguments)
        let value = try outcome.json(file: file, line: line)
        return try XCTUnwrap(value as? T, outcome.standardOutput + outcome.standardError, file: file, line: line)
    }
}
