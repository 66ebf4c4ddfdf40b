/// What one run measured, as the table the command prints.
import Foundation

struct Results {
    var label: String
    var rooms: Int
    var participantsPerRoom: Int
    var talkers: Int
    var active: Int
    var failed: Int
    var probeMode: ProbeMode
    var quiet: String
    var rssBefore: Int64
    var rssAfter: Int64
    var serverCPU: Int64
    var ownCPU: Int64
    /// Seconds.
    var window: Double
    var baseline: [String: RoomStatistics]
    var final: [String: RoomStatistics]
    var latencies: [Int64]
    var sendLateness: [Int64]
    var packetsSent: Int
    var packetsReceived: Int
    var unknownPackets: Int
    var sipErrors: [String]
    var receivedPerParticipant: [Int]
    /// /proc/loadavg's 1-minute figure at the start and end of the window: how busy the machine was otherwise too.
    var loadAverage: (start: String, end: String)

    /// Legs × ticks the server mixed in the window: from its statistics lines when they cover the window (a room
    /// that falls more than 200 ms behind skips ticks, which the wall clock would count), else from the wall clock.
    private var participantTicks: Double { loggedParticipantTicks ?? wallParticipantTicks }
    private var wallParticipantTicks: Double { Double(active) * window / 0.020 }
    private var loggedParticipantTicks: Double? {
        let ticks = final.compactMap { name, last -> Double? in
            guard let first = baseline[name], last.ticks > first.ticks else { return nil }
            return Double(last.legs) * Double(last.ticks - first.ticks)
        }
        guard ticks.count == final.count, !ticks.isEmpty else { return nil }
        return ticks.reduce(0, +)
    }

    /// Encoder calls per tick in the window, per room: from the cumulative means of two statistics lines.
    private var encoderCallsPerTick: [Double] {
        final.compactMap { name, last in
            guard let first = baseline[name], last.ticks > first.ticks else { return nil }
            return (last.encoderCalls - first.encoderCalls) / Double(last.ticks - first.ticks)
        }.sorted()
    }

    private static func percentile(_ values: [Int64], _ p: Double) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    private static func ms(_ microseconds: Int64?) -> String {
        microseconds.map { String(format: "%.1f ms", Double($0) / 1000) } ?? "-"
    }

    func table() -> String {
        var rows: [(String, String)] = []
        func row(_ name: String, _ value: String) { rows.append((name, value)) }
        row("scenario", "\(label): \(rooms) room(s) × \(participantsPerRoom), \(talkers) talking per room, the rest \(quiet)")
        row("calls up / failed", "\(active) / \(failed)")
        row("window", String(format: "%.1f s (%.0f ticks per room)", window, window / 0.020))
        row("load average (1 min) at start / end", "\(loadAverage.start) / \(loadAverage.end) on \(ProcessInfo.processInfo.activeProcessorCount) cores")
        row("server CPU", String(format: "%.2f s = %.1f %% of one core", Double(serverCPU) / 1e6,
                                 Double(serverCPU) / 1e4 / window))
        row("server CPU per participant per tick",
            String(format: "%.1f µs (target ≤ 35), over %.0f leg-ticks %@", Double(serverCPU) / participantTicks,
                   participantTicks, loggedParticipantTicks == nil ? "of the wall clock" : "the server mixed")
                + (loggedParticipantTicks.map { $0 < 0.98 * wallParticipantTicks } == true
                   ? String(format: " (%.0f %% of the wall clock's: ticks skipped)",
                            100 * participantTicks / wallParticipantTicks) : ""))
        row("generator CPU", String(format: "%.1f %% of one core = %.1f µs per participant per tick",
                                    Double(ownCPU) / 1e4 / window, Double(ownCPU) / participantTicks))
        let calls = encoderCallsPerTick
        if let low = calls.first, let high = calls.last {
            let mean = calls.reduce(0, +) / Double(calls.count)
            row("encoder calls per tick (per room)",
                String(format: "%.2f mean, %.2f–%.2f over %d room(s); expected %d steady speakers + 1 group = %d",
                       mean, low, high, calls.count, talkers, talkers + 1)
                    + (probeMode == .onset ? " while the probe talker talks" : ""))
        } else {
            row("encoder calls per tick (per room)", "- (no server log, or no statistics round in the window)")
        }
        if !final.isEmpty {
            let worst = final.values.max { ($0.latenessP999 ?? 0) < ($1.latenessP999 ?? 0) }!
            let p50 = final.values.compactMap(\.latenessP50).max() ?? 0
            let p99 = final.values.compactMap(\.latenessP99).max() ?? 0
            row("tick lateness p50 / p99 / p99.9 / max (worst room, since it opened)",
                "\(p50) / \(p99) / \(worst.latenessP999.map(String.init) ?? "-") / "
                    + "\(final.values.map(\.latenessMax).max() ?? 0) µs (target p99.9 ≤ 2000)")
            row("ticks caught up / encoder failures (all rooms)",
                "\(final.values.map(\.caughtUp).reduce(0, +)) / \(final.values.map(\.encoderFailures).reduce(0, +))")
        }
        row("added latency p50 / p90 / p99 / max (\(probeMode.rawValue))",
            "\(Self.ms(Self.percentile(latencies, 0.5))) / \(Self.ms(Self.percentile(latencies, 0.9))) / "
                + "\(Self.ms(Self.percentile(latencies, 0.99))) / \(Self.ms(latencies.max())) over "
                + "\(latencies.count) onsets heard (targets p50 25, p99 45 ms)")
        row("server RSS before / after", "\(rssBefore) kB / \(rssAfter) kB")
        row("RSS per participant", String(format: "%.1f kB", Double(rssAfter - rssBefore) / Double(max(1, active))))
        let expected = Double(active) * window / 0.020
        row("RTP sent / received", String(format: "%d / %d (%.1f %% of one per participant per tick)",
                                          packetsSent, packetsReceived, 100 * Double(packetsReceived) / expected))
        let starved = receivedPerParticipant.filter { Double($0) < 0.9 * window / 0.020 }.count
        if starved > 0 { row("participants receiving < 90 %", "\(starved)") }
        if unknownPackets > 0 { row("RTP from unknown ports", "\(unknownPackets)") }
        row("generator send lateness p99 / max",
            "\(Self.ms(Self.percentile(sendLateness, 0.99))) / \(Self.ms(sendLateness.max()))")
        if !sipErrors.isEmpty { row("SIP events", "\(sipErrors.count): \(sipErrors.prefix(3).joined(separator: "; "))") }

        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
            .joined(separator: "\n")
    }
}
