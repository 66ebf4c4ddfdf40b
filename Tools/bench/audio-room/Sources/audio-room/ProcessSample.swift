/// CPU time and resident memory of a process, read from /proc (proc(5)), and the generator's own CPU.
import Foundation

struct ProcessSample {
    /// utime + stime, in microseconds.
    var cpuMicroseconds: Int64
    /// VmRSS, in kilobytes.
    var residentKilobytes: Int64
    var at: UInt64

    /// Reads `/proc/PID/stat` (utime and stime are fields 14 and 15, in clock ticks) and `/proc/PID/status`.
    static func read(pid: Int32) throws -> ProcessSample {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
        guard let close = stat.lastIndex(of: ")") else { throw ProcessReadError.unreadable(pid, "stat") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let utime = Int64(fields[11]), let stime = Int64(fields[12]) else {
            throw ProcessReadError.unreadable(pid, "stat")
        }
        let ticksPerSecond = Int64(sysconf(Int32(_SC_CLK_TCK)))
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let rss = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
            .flatMap { Int64($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        return ProcessSample(
            cpuMicroseconds: (utime + stime) * 1_000_000 / ticksPerSecond, residentKilobytes: rss,
            at: DispatchTime.now().uptimeNanoseconds)
    }

    /// This process: getrusage(2), so the generator's cost is reported beside the server's.
    static func own() -> ProcessSample {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu = Int64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1_000_000
            + Int64(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
        return ProcessSample(cpuMicroseconds: cpu, residentKilobytes: Int64(usage.ru_maxrss),
                             at: DispatchTime.now().uptimeNanoseconds)
    }
}

enum ProcessReadError: Error, CustomStringConvertible {
    case unreadable(Int32, String)

    var description: String {
        switch self {
        case let .unreadable(pid, file): "cannot read /proc/\(pid)/\(file): is the server running?"
        }
    }
}
