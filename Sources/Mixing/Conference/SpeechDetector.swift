/// Per-participant voice activity from one level per tick (dBov, RFC 6464 §3), with hysteresis, attack and hangover.
///
/// The level is either measured by the mixer from the tick's samples or taken from the leg's RFC 6464 audio level
/// header extension when the client sends one. Speech starts after `attackTicks` consecutive ticks at or above
/// `onThreshold`; it ends after `hangoverTicks` consecutive ticks below `offThreshold`, so the pauses between words
/// and syllables do not end a turn. Between the two thresholds the state does not change.
public struct SpeechDetector: Sendable {
    public struct Settings: Sendable, Equatable {
        /// Level that counts towards starting speech. Quiet speech sits near -35 dBov; a good endpoint's room noise
        /// stays below -50 dBov.
        public var onThreshold: Float = -40
        /// Level below which a tick counts towards the end of speech.
        public var offThreshold: Float = -48
        /// Consecutive loud ticks before speech starts (2 × 20 ms: a click or a single loud tick does not count).
        public var attackTicks = 2
        /// Consecutive quiet ticks before speech ends (15 × 20 ms = 300 ms).
        public var hangoverTicks = 15
        /// Share of a rise taken per tick by the smoothed level (all of it: a new talker's level shows at once, so a
        /// loud challenger can win a slot as soon as its attack has passed).
        public var riseFactor: Float = 1
        /// Share of a fall taken per tick by the smoothed level (slow: about 0.4 s to settle, spanning pauses).
        public var fallFactor: Float = 0.05

        public init() {}
    }

    public let settings: Settings
    public private(set) var isSpeaking = false
    /// The last tick's level in dBov.
    public private(set) var level: Float = Decibels.floor
    /// The level smoothed with a fast rise and a slow fall, in dBov: what speaker selection compares.
    public private(set) var smoothedLevel: Float = Decibels.floor
    private var loudTicks = 0
    private var quietTicks = 0

    public init(settings: Settings = Settings()) {
        precondition(settings.offThreshold <= settings.onThreshold, "the off threshold must not exceed the on threshold")
        self.settings = settings
    }

    /// Takes one tick's level in dBov.
    public mutating func update(level newLevel: Float) {
        level = max(Decibels.floor, newLevel)
        let factor = level > smoothedLevel ? settings.riseFactor : settings.fallFactor
        smoothedLevel += factor * (level - smoothedLevel)

        loudTicks = level >= settings.onThreshold ? loudTicks + 1 : 0
        quietTicks = level < settings.offThreshold ? quietTicks + 1 : 0
        if !isSpeaking, loudTicks >= settings.attackTicks {
            isSpeaking = true
        } else if isSpeaking, quietTicks >= settings.hangoverTicks {
            isSpeaking = false
        }
    }

    /// Takes one tick's RFC 6464 audio level (0...127, -dBov).
    public mutating func update(audioLevel: UInt8) { update(level: Decibels.level(rfc6464: audioLevel)) }
}
