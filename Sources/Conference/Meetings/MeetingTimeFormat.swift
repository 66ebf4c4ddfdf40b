/// How a meeting's instants are written for operators: local wall-clock time in a named zone, as `--at` reads it.
import Foundation

public enum MeetingTimeFormat {
    /// `2026-12-01 09:00` (with `:SS` when the seconds are not zero) in `zone`.
    public static func local(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let seconds = p.second! == 0 ? "" : ":" + pad(p.second!)
        return "\(p.year!)-\(pad(p.month!))-\(pad(p.day!)) \(pad(p.hour!)):\(pad(p.minute!))\(seconds)"
    }

    /// `2026-12-01 09:00 Asia/Shanghai`.
    public static func zoned(_ date: Date, in zone: TimeZone) -> String {
        "\(local(date, in: zone)) \(zone.identifier)"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
