/// `audio-room`: fills rooms of a running `huiyi serve` and measures it (docs/BENCHMARKS.md, "Audio rooms").
import ArgumentParser
import Foundation
import NIOCore
import NIOPosix

@main
struct AudioRoomCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audio-room",
        abstract: "Fill audio rooms on a running huiyi server with Opus participants and measure the server.",
        discussion: """
            Rooms are dialled as NUMBER-PREFIX + 1, 2, ... (or named with --room); each must exist on the server \
            (access = "open", srtp = "off", max_participants large enough). Seat 0 of each room is the probe talker, \
            seats 1 ..< talkers talk steadily on their own tones, the rest send quiet noise; --probes quiet seats \
            per room decode what they receive and time the probe talker's tone.
            """)

    @Option(help: "The server's SIP address (UDP).") var server = "127.0.0.1:5060"
    @Option(help: "The server's process id, for its CPU time and resident memory.") var serverPid: Int32
    @Option(help: "The server's log file, for its per-room statistics lines.") var serverLog: String?
    @Option(help: "Number of rooms.") var rooms = 10
    @Option(help: "Dial numbers: PREFIX+1, PREFIX+2, ... (ignored when --room is given).") var firstNumber = 9001
    @Option(help: "Room names, in the order of the numbers (default bench01, bench02, ...).")
    var roomName: [String] = []
    @Option(help: "Participants per room.") var participants = 10
    @Option(help: "Talkers per room (seat 0 is the probe talker).") var talkers = 3
    @Option(help: "Quiet seats per room that decode and time the probe tone.") var probes = 4
    @Option(help: "switch: the probe talker changes tone at a steady level; onset: it starts from silence.")
    var probe = "switch"
    @Option(help: "What the other participants send: noise (white noise at -55 dBFS RMS) or silence (digital).")
    var quiet = "noise"
    @Option(help: "Seconds measured.") var duration = 30
    @Option(help: "Seconds between the last answered call and the measurement.") var warmup = 10
    @Option(help: "UDP sockets the media leaves from.") var mediaSockets = 8
    @Option(help: "INVITEs (and later BYEs) outstanding at once.") var inFlight = 20
    @Option(help: "SIP domain of the Request-URIs.") var domain = "huiyi.local"
    @Option(help: "Label printed with the results.") var label: String?
    @Flag(help: "Send RFC 6464 audio levels in every packet (the server then skips decoding quiet legs).")
    var audioLevels = false

    func run() throws {
        guard let probeMode = ProbeMode(rawValue: probe) else { throw ValidationError("--probe is switch or onset") }
        let quietSignal: ClipSignal
        switch quiet {
        case "noise": quietSignal = .noise(dBFS: -55)
        case "silence": quietSignal = .silence
        default: throw ValidationError("--quiet is noise or silence")
        }
        let parts = server.split(separator: ":")
        guard parts.count == 2, let port = Int(parts[1]) else { throw ValidationError("--server is HOST:PORT") }
        let targets = (0..<rooms).map { index in
            RoomTarget(name: index < roomName.count ? roomName[index] : String(format: "bench%02d", index + 1),
                       number: String(firstNumber + index))
        }
        let plan = LoadPlan(
            rooms: targets, participantsPerRoom: participants, talkers: min(talkers, participants),
            probesPerRoom: max(0, min(probes, participants - talkers)), probeMode: probeMode,
            quietSignal: quietSignal,
            server: try SocketAddress(ipAddress: String(parts[0]), port: port), domain: domain,
            mediaSockets: mediaSockets, invitesInFlight: inFlight, audioLevels: audioLevels)
        let total = rooms * participants

        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let loop = group.next()
        log("encoding clips")
        let generator = try loop.submit { try LoadGenerator(loop: loop, plan: plan) }.wait()
        let activity = try loop.submit {
            generator.clips.map { clip in
                "\(clip.signal): " + (clip.voiceActiveShare.map { String(format: "%.0f %%", $0 * 100) } ?? "no SILK layer")
            }
        }.wait()
        log("clips' SILK voice activity flags set: " + activity.joined(separator: "; "))
        let before = try ProcessSample.read(pid: serverPid)
        log("server RSS before: \(before.residentKilobytes) kB; dialling \(total) participants in \(rooms) room(s)")
        try loop.flatSubmit { generator.start() }.wait()

        let fillStart = Date()
        while try !loop.submit({ generator.isSettled }).wait() {
            guard Date().timeIntervalSince(fillStart) < 300 else { throw ValidationError("calls not settled in 300 s") }
            Thread.sleep(forTimeInterval: 0.2)
        }
        let active = try loop.submit { generator.activeCount }.wait()
        let failures = try loop.submit { generator.failures }.wait()
        log(String(format: "%d of %d calls up in %.1f s", active, total, Date().timeIntervalSince(fillStart)))
        for (why, count) in Dictionary(grouping: failures, by: { $0 }).mapValues(\.count) {
            log("  \(count) failed: \(why)")
        }
        guard active > 0 else { throw ValidationError("no call was answered") }

        log("warm-up \(warmup) s")
        Thread.sleep(forTimeInterval: Double(warmup))
        let log = serverLog.map(ServerLog.init(path:))
        let names = Set(targets.map(\.name))
        // With the server's log, the window runs from one statistics round to another, so the encoder calls and
        // the CPU time cover the same ticks.
        let baseline = log.map { waitForRound(after: $0.statistics(rooms: names).count, in: $0, rooms: names) }
        try loop.submit { generator.resetMeasurements() }.wait()
        let loadStart = Self.loadAverage()
        let serverStart = try ProcessSample.read(pid: serverPid)
        let ownStart = ProcessSample.own()
        self.log("measuring \(duration) s")
        Thread.sleep(forTimeInterval: Double(duration) - 1)
        let final = log.map { waitForRound(after: $0.statistics(rooms: names).count, in: $0, rooms: names) }
        let serverEnd = try ProcessSample.read(pid: serverPid)
        let ownEnd = ProcessSample.own()
        let loadEnd = Self.loadAverage()
        let measured = try loop.submit {
            (generator.latenciesMicroseconds, generator.sendLatenessMicroseconds, generator.packetsSent,
             generator.packetsReceived, generator.unknownPackets, generator.sipErrors,
             generator.participants.map(\.packetsReceived))
        }.wait()

        self.log("hanging up")
        try loop.submit { generator.hangUp() }.wait()
        let hangUpStart = Date()
        while try !loop.submit({ generator.isFinished }).wait(), Date().timeIntervalSince(hangUpStart) < 60 {
            Thread.sleep(forTimeInterval: 0.2)
        }
        try loop.flatSubmit { generator.close() }.wait()

        let results = Results(
            label: label ?? "\(rooms) × \(participants)", rooms: rooms, participantsPerRoom: participants,
            talkers: plan.talkers, active: active, failed: failures.count, probeMode: probeMode,
            quiet: quiet == "noise" ? "quiet (noise at -55 dBFS)" : "silent (digital silence)",
            rssBefore: before.residentKilobytes, rssAfter: serverEnd.residentKilobytes,
            serverCPU: serverEnd.cpuMicroseconds - serverStart.cpuMicroseconds,
            ownCPU: ownEnd.cpuMicroseconds - ownStart.cpuMicroseconds,
            window: Double(serverEnd.at - serverStart.at) / 1e9,
            baseline: baseline ?? [:], final: final ?? [:],
            latencies: measured.0, sendLateness: measured.1, packetsSent: measured.2, packetsReceived: measured.3,
            unknownPackets: measured.4, sipErrors: measured.5, receivedPerParticipant: measured.6,
            loadAverage: (loadStart, loadEnd))
        print(results.table())
    }

    /// Waits (at most 15 s) until every room has logged a statistics line past the first `count` lines, and returns
    /// the latest line of each room.
    private func waitForRound(after count: Int, in log: ServerLog, rooms: Set<String>) -> [String: RoomStatistics] {
        let start = Date()
        while Date().timeIntervalSince(start) < 15 {
            let lines = log.statistics(rooms: rooms)
            if Set(lines.dropFirst(count).map(\.room)) == rooms { return log.latest(rooms: rooms) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        self.log("warning: no complete statistics round in the server log within 15 s")
        return log.latest(rooms: rooms)
    }

    private static func loadAverage() -> String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "-"
        return String(text.split(separator: " ").first ?? "-")
    }

    private func log(_ text: String) {
        FileHandle.standardError.write(Data("audio-room: \(text)\n".utf8))
    }
}
