/// The timing line `t=` and its repeat lines `r=`: when the session is active (RFC 8866 §5.9, §5.10).

/// `t=<start-time> <stop-time>`, NTP seconds; `t=0 0` is a session without bounds, as every SIP call is.
public struct Timing: Sendable, Hashable {
    public var start: UInt64
    public var stop: UInt64
    /// The `r=` lines that follow, kept as written.
    public var repeats: [String]

    public init(start: UInt64 = 0, stop: UInt64 = 0, repeats: [String] = []) {
        self.start = start
        self.stop = stop
        self.repeats = repeats
    }

    /// The line's value, without `t=`.
    public var encoded: String { "\(start) \(stop)" }

    /// Parses the value of a `t=` line; `nil` when it is not two decimal numbers.
    init?(parsing value: Substring) {
        let fields = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count == 2,
              fields.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let start = UInt64(fields[0]), let stop = UInt64(fields[1])
        else { return nil }
        self.init(start: start, stop: stop)
    }
}
