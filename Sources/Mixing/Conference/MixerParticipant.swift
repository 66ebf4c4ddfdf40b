/// The mixer's state for one leg: its sample ring, detectors, this tick's samples and its private encoder.
struct MixerParticipant {
    enum Role { case listener, speaker, privateListener }

    let id: ParticipantID
    let group: Int
    var isMuted = false
    var ring: AudioSampleRing
    var detector: SpeechDetector
    var normalizer: LevelNormalizer
    /// This tick's samples; for a selected speaker, after its gain (its exact contribution to the mix).
    var samples: [Float]
    /// The leg's last RFC 6464 level and how many written samples it still covers.
    var reportedLevel: UInt8 = 127
    var reportedLevelSamples = 0
    /// Prompts for this leg alone.
    var prompt = AnnouncementQueue()
    var role = Role.listener
    /// For a speaker's mix-minus or a private prompt; kept a while after its last use.
    var encoder: (any AudioEncoder)?
    var encoderIdleTicks = 0
    var limiter = SoftLimiter()

    init(id: ParticipantID, group: Int, configuration: ConferenceMixer.Configuration) {
        self.id = id
        self.group = group
        ring = AudioSampleRing(capacity: configuration.ringCapacity)
        detector = SpeechDetector(settings: configuration.detector)
        normalizer = LevelNormalizer(settings: configuration.normalizer ?? LevelNormalizer.Settings())
        samples = [Float](repeating: 0, count: ConferenceMixer.samplesPerTick)
    }

    /// Reads this tick's samples from the ring; returns the tick's level in dBov: the leg's RFC 6464 level while its
    /// last reported one still covers unread audio, else measured from the samples.
    mutating func readTick() -> Float {
        samples.withUnsafeMutableBufferPointer { samples in
            ring.read(into: samples)
            guard reportedLevelSamples > 0 else {
                return Decibels.level(meanSquare: MixKernels.meanSquare(UnsafeBufferPointer(samples)))
            }
            reportedLevelSamples = max(0, reportedLevelSamples - samples.count)
            return Decibels.level(rfc6464: reportedLevel)
        }
    }

    /// Applies the normalization gain to this tick's samples (they become its exact contribution) and adds them.
    mutating func contribute(into mix: UnsafeMutableBufferPointer<Float>, normalizing: Bool) {
        samples.withUnsafeMutableBufferPointer { samples in
            if normalizing { normalizer.apply(to: samples) }
            MixKernels.add(UnsafeBufferPointer(samples), into: mix)
        }
    }
}

/// A codec group's shared encoder and membership.
struct MixerGroup {
    var key: AudioCodecGroup
    var members = 0
    var listeners = 0
    var encoder: (any AudioEncoder)?
}
