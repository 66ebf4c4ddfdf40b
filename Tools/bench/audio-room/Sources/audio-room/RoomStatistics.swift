/// The server's per-room statistics lines (`ConferenceService.report`, every 10 s per live room), read from its log:
/// `... room=bench01 ticks=1500 encoder_calls_per_tick=4.00 lateness_p999_us=650 ... [HuiyiServer] room statistics`.
import Foundation

struct RoomStatistics {
    var room: String
    var ticks: Int
    var encoderCallsPerTick: Double
    var encoderFailures: Int
    var legs: Int
    var latenessP50: Int?
    var latenessP99: Int?
    var latenessP999: Int?
    var latenessMax: Int
    var caughtUp: Int

    /// Encoder calls since the room opened (the logged mean is rounded to 0.01).
    var encoderCalls: Double { encoderCallsPerTick * Double(ticks) }

    init?(line: Substring) {
        guard line.contains("room statistics") else { return nil }
        var values: [Substring: Substring] = [:]
        for token in line.split(separator: " ") {
            guard let equals = token.firstIndex(of: "=") else { continue }
            values[token[..<equals]] = token[token.index(after: equals)...]
        }
        guard let room = values["room"], let ticks = values["ticks"].flatMap({ Int($0) }),
              let calls = values["encoder_calls_per_tick"].flatMap({ Double($0) }) else { return nil }
        self.room = String(room)
        self.ticks = ticks
        encoderCallsPerTick = calls
        encoderFailures = values["encoder_failures"].flatMap { Int($0) } ?? 0
        legs = values["legs"].flatMap { Int($0) } ?? 0
        latenessP50 = values["lateness_p50_us"].flatMap { Int($0) }
        latenessP99 = values["lateness_p99_us"].flatMap { Int($0) }
        latenessP999 = values["lateness_p999_us"].flatMap { Int($0) }
        latenessMax = values["lateness_max_us"].flatMap { Int($0) } ?? 0
        caughtUp = values["caught_up"].flatMap { Int($0) } ?? 0
    }
}

/// The server's log file, re-read as it grows.
struct ServerLog {
    let path: String

    /// Every statistics line so far for the named rooms, oldest first.
    func statistics(rooms: Set<String>) -> [RoomStatistics] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n").compactMap(RoomStatistics.init(line:)).filter { rooms.contains($0.room) }
    }

    /// The latest line of each room.
    func latest(rooms: Set<String>) -> [String: RoomStatistics] {
        var latest: [String: RoomStatistics] = [:]
        for line in statistics(rooms: rooms) { latest[line.room] = line }
        return latest
    }
}
