/// The tones each prompt is made of: musical intervals that rise to invite or greet and fall to part or refuse.
public struct PromptTonePattern: Sendable, Hashable {
    /// One tone (or a silence, when `frequency` is `nil`) lasting `duration`.
    public struct Segment: Sendable, Hashable {
        public var frequency: Double?
        public var duration: Duration

        public static func tone(_ frequency: Double, _ duration: Duration) -> Segment {
            Segment(frequency: frequency, duration: duration)
        }

        public static func silence(_ duration: Duration) -> Segment { Segment(frequency: nil, duration: duration) }
    }

    public var segments: [Segment]

    public init(_ segments: [Segment]) { self.segments = segments }

    /// The tones only, in order.
    public var frequencies: [Double] { segments.compactMap(\.frequency) }

    /// Total playing time.
    public var duration: Duration { segments.reduce(.zero) { $0 + $1.duration } }
}

extension Prompt {
    /// A4 → E5 asks; three low beeps refuse; C-E-G greets; C-G and G-C mark arrivals and departures; G-E-C ends.
    public var tonePattern: PromptTonePattern {
        switch self {
        case .enterPIN:
            PromptTonePattern([
                .tone(440, .milliseconds(150)), .silence(.milliseconds(50)), .tone(660, .milliseconds(150)),
            ])
        case .wrongPIN:
            PromptTonePattern([
                .tone(300, .milliseconds(150)), .silence(.milliseconds(100)),
                .tone(300, .milliseconds(150)), .silence(.milliseconds(100)),
                .tone(300, .milliseconds(150)),
            ])
        case .welcome:
            PromptTonePattern([
                .tone(523.25, .milliseconds(120)), .tone(659.25, .milliseconds(120)), .tone(783.99, .milliseconds(200)),
            ])
        case .join:
            PromptTonePattern([.tone(523.25, .milliseconds(120)), .tone(783.99, .milliseconds(160))])
        case .leave:
            PromptTonePattern([.tone(783.99, .milliseconds(120)), .tone(523.25, .milliseconds(160))])
        case .goodbye:
            PromptTonePattern([
                .tone(783.99, .milliseconds(150)), .tone(659.25, .milliseconds(150)), .tone(523.25, .milliseconds(250)),
            ])
        }
    }
}
