import Conference
import Foundation
import GRDB
@testable import Store
import XCTest

/// Call detail records and the audit log: appended without blocking, listed newest first, kept across a reopen
/// (MigrationFromEveryVersionTests adds them to databases of every earlier version).
final class RecordStoreTests: StoreTestCase {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func record(_ call: String, room: String, endedAfter seconds: Double, answered: Bool = true) -> CallRecord {
        CallRecord(call: call, room: room, party: "sip:shunde@huiyi.local", direction: .outgoing, startedAt: t0,
                   answeredAt: answered ? t0 + 1 : nil, endedAt: t0 + seconds,
                   endReason: answered ? "hung up by the caller" : "486 Busy Here", codec: answered ? "opus" : nil,
                   srtp: answered, packetsIn: 100, packetsOut: 99, lost: 1, jitterMilliseconds: 2.5,
                   roundTripMilliseconds: answered ? 0.8 : nil)
    }

    func testRecordsAreListedNewestFirstByRoomAndSince() throws {
        let database = try openDatabase()
        database.records.append(record("a", room: "citywide", endedAfter: 10))
        database.records.append(record("b", room: "desktop", endedAfter: 20, answered: false))
        database.records.append(record("c", room: "citywide", endedAfter: 30))
        try database.flushQueuedWrites()

        XCTAssertEqual(try database.records.callRecords(room: nil, since: nil, limit: 10).map(\.call), ["c", "b", "a"])
        XCTAssertEqual(try database.records.callRecords(room: "citywide", since: nil, limit: 10).map(\.call), ["c", "a"])
        XCTAssertEqual(try database.records.callRecords(room: nil, since: t0 + 20, limit: 10).map(\.call), ["c", "b"])
        XCTAssertEqual(try database.records.callRecords(room: nil, since: nil, limit: 1).map(\.call), ["c"])
        let unanswered = try XCTUnwrap(database.records.callRecords(room: "desktop", since: nil, limit: 1).first)
        XCTAssertEqual(unanswered, record("b", room: "desktop", endedAfter: 20, answered: false), "every field back")
    }

    func testAuditEntriesSurviveAReopen() throws {
        do {
            let database = try openDatabase()
            database.records.append(AuditEntry(at: t0, actor: "admin-api", action: "lock", target: "room/citywide",
                                               source: "127.0.0.1"))
            database.records.append(AuditEntry(at: t0 + 5, actor: "admin-api", action: "dial",
                                               target: "room/citywide", source: "127.0.0.1",
                                               details: "sip:shunde@huiyi.local"))
            try database.flushQueuedWrites()
        }
        let reopened = try openDatabase()
        let entries = try reopened.records.auditEntries(since: nil, limit: 10)
        XCTAssertEqual(entries.map(\.action), ["dial", "lock"])
        XCTAssertEqual(entries.first?.details, "sip:shunde@huiyi.local")
        XCTAssertEqual(try reopened.records.auditEntries(since: t0 + 1, limit: 10).map(\.action), ["dial"])
    }
}

/// Meetings are saved as they were booked, updated in place, deleted, and kept across a reopen.
final class MeetingStoreTests: StoreTestCase {
    func testMeetingsRoundTripAndSurviveAReopen() throws {
        let room = try Room(name: "citywide", title: "City-wide", number: "8000", access: .open,
                            sites: [RoomSite(name: "shunde", uri: "sip:shunde@huiyi.local"),
                                    RoomSite(name: "nanhai", uri: "sip:nanhai@huiyi.local")])
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let weekly = try Meeting(id: MeetingID("k3m9x2ab")!, room: room, title: "Weekly", start: start,
                                 duration: .seconds(5400), sites: ["shunde"], recurrence: .weekly)
        var once = try Meeting(id: MeetingID("p7q8r9s2")!, room: room, start: start + 3600, duration: .seconds(600))
        do {
            let database = try openDatabase()
            try database.meetings.saveNow(weekly)
            database.meetings.save(once)
            once.title = "Renamed"
            database.meetings.save(once)
            try database.flushQueuedWrites()
        }
        let reopened = try openDatabase()
        XCTAssertEqual(try reopened.meetings.loadMeetings(), [weekly, once])
        try reopened.meetings.delete(weekly.id)
        XCTAssertEqual(try reopened.meetings.loadMeetings().map(\.title), ["Renamed"])
    }

    func testASaveReportsWhenItIsCommitted() throws {
        let database = try openDatabase()
        let room = try Room(name: "citywide", number: "8000", access: .open)
        let meeting = try Meeting(id: MeetingID("k3m9x2ab")!, room: room, start: Date(timeIntervalSince1970: 1e9),
                                  duration: .seconds(60))
        let committed = expectation(description: "committed")
        database.meetings.save(meeting) { error in
            XCTAssertNil(error)
            // Committed means another connection reads it.
            XCTAssertEqual(try? database.meetings.loadMeetings().map(\.id), [meeting.id])
            committed.fulfill()
        }
        wait(for: [committed], timeout: 10)
    }
}

/// Attendance rows: replaced per sitting and site as a meeting goes on, listed by sitting newest first, kept across
/// a reopen, gone with their booking.
final class MeetingAttendanceStoreTests: StoreTestCase {
    let id = MeetingID("k3m9x2ab")!
    let monday = Date(timeIntervalSince1970: 1_800_000_000)

    func booked(_ database: HuiyiDatabase) throws {
        let room = try Room(name: "citywide", number: "8000", access: .open,
                            sites: [RoomSite(name: "shunde", uri: "sip:shunde@huiyi.local"),
                                    RoomSite(name: "nanhai", uri: "sip:nanhai@huiyi.local")])
        try database.meetings.saveNow(try Meeting(id: id, room: room, start: monday, duration: .seconds(3600),
                                                  recurrence: .daily))
    }

    func row(_ site: String, sitting: Date, occurrence: Int = 0, outcome: MeetingAttendance.Outcome,
             calls: Int = 1) -> MeetingAttendance {
        MeetingAttendance(meetingID: id, occurrence: occurrence, room: "citywide", sittingStart: sitting, site: site,
                          outcome: outcome, calls: calls)
    }

    func testRowsAreReplacedPerSittingAndSiteAndListedNewestSittingFirst() throws {
        do {
            let database = try openDatabase()
            try booked(database)
            database.meetings.record([row("shunde", sitting: monday, outcome: .away),
                                      row("nanhai", sitting: monday, outcome: .away)])
            var shunde = row("shunde", sitting: monday, outcome: .attended, calls: 2)
            shunde.joinedAt = monday + 40
            shunde.leftAt = monday + 3600
            shunde.secondsPresent = 3560
            var nanhai = row("nanhai", sitting: monday, outcome: .missed, calls: 4)
            nanhai.lastFailure = .rejected(status: 603)
            nanhai.alarmedAt = monday + 300
            database.meetings.record([shunde, nanhai])
            database.meetings.record([row("shunde", sitting: monday + 86_400, occurrence: 1, outcome: .present),
                                      row("nanhai", sitting: monday + 86_400, occurrence: 1, outcome: .away)])
            try database.flushQueuedWrites()
        }
        let reopened = try openDatabase()
        let rows = try reopened.meetings.attendance(of: id, sittings: 10)
        XCTAssertEqual(rows.map { "\($0.occurrence) \($0.site) \($0.outcome)" },
                       ["1 shunde present", "1 nanhai away", "0 shunde attended", "0 nanhai missed"])
        XCTAssertEqual(rows[2].calls, 2)
        XCTAssertEqual(rows[2].joinedAt, monday + 40)
        XCTAssertEqual(rows[2].leftAt, monday + 3600)
        XCTAssertEqual(rows[2].secondsPresent, 3560)
        XCTAssertEqual(rows[3].lastFailure, .rejected(status: 603))
        XCTAssertEqual(rows[3].alarmedAt, monday + 300)
        XCTAssertNil(rows[3].joinedAt)
        XCTAssertEqual(try reopened.meetings.attendance(of: id, sittings: 1).map(\.occurrence), [1, 1])
        try reopened.meetings.delete(id)
        XCTAssertEqual(try reopened.meetings.attendance(of: id, sittings: 10), [], "attendance goes with its booking")
    }
}

/// Rooms: synced from files (replaced, dropped when their file goes) beside rooms created through the API (kept).
final class RoomStoreTests: StoreTestCase {
    func room(_ name: String, _ number: String, title: String? = nil, pin: String? = nil) throws -> Room {
        try Room(name: name, title: title, number: number, pin: pin, srtp: .required,
                 sites: [RoomSite(name: "shunde", title: "Shunde", uri: "sip:shunde@huiyi.local")])
    }

    func testFileRoomsAreSyncedAndAPIRoomsKept() throws {
        do {
            let database = try openDatabase()
            try database.rooms.syncFileRooms([room("citywide", "8000"), room("desktop", "8100", pin: "2468")])
            try database.rooms.save(room("adhoc", "8200", title: "Ad hoc"))
            XCTAssertEqual(try database.rooms.loadRooms().map(\.name), ["adhoc", "citywide", "desktop"])
            // Next start: desktop.toml was deleted and citywide.toml changed its title.
            try database.rooms.syncFileRooms([room("citywide", "8000", title: "City-wide room")])
        }
        let reopened = try openDatabase()
        let rooms = try reopened.rooms.loadRooms()
        XCTAssertEqual(rooms.map(\.name), ["adhoc", "citywide"])
        XCTAssertEqual(rooms.first { $0.name == "citywide" }, try room("citywide", "8000", title: "City-wide room"),
                       "every field back, sites and SRTP policy included")
        try reopened.rooms.deleteRoom(named: "adhoc")
        XCTAssertEqual(try reopened.rooms.loadRooms().map(\.name), ["citywide"])
    }
}
