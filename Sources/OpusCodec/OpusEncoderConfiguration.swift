/// Opus encoder settings (RFC 6716 §2.1; RFC 7587 §3.1 for the SDP parameters they answer to).
public struct OpusEncoderConfiguration: Sendable, Equatable {
    /// The libopus application, which tunes mode decisions.
    public enum Application: Sendable, Equatable {
        /// Speech with good intelligibility (`OPUS_APPLICATION_VOIP`): the conference default.
        case voip
        /// Music and mixed content (`OPUS_APPLICATION_AUDIO`).
        case audio
        /// Lowest delay, CELT only (`OPUS_APPLICATION_RESTRICTED_LOWDELAY`).
        case restrictedLowDelay
    }

    /// A hint of the content, which steers the SILK/CELT choice.
    public enum Signal: Sendable, Equatable {
        case automatic
        case voice
        case music
    }

    /// 48000 (the Opus RTP clock) or one of 8000, 12000, 16000, 24000.
    public var sampleRate: Int
    /// 1 or 2.
    public var channels: Int
    /// Target bits per second (6000...510000); SDP `maxaveragebitrate`.
    public var bitrate: Int
    /// 0 (fastest) ... 10 (best).
    public var complexity: Int
    /// In-band forward error correction (LBRR, RFC 6716 §4.2.4); SDP `useinbandfec`. Works in SILK and hybrid modes.
    public var inbandFEC: Bool
    /// The loss rate the encoder plans FEC for, 0...100.
    public var expectedPacketLossPercent: Int
    /// Discontinuous transmission: silence is sent as 1–2 byte frames every 400 ms; SDP `usedtx`.
    public var dtx: Bool
    public var application: Application
    public var signal: Signal

    public init(
        sampleRate: Int = 48000, channels: Int = 1, bitrate: Int = 32000, complexity: Int = 5,
        inbandFEC: Bool = false, expectedPacketLossPercent: Int = 0, dtx: Bool = false,
        application: Application = .voip, signal: Signal = .automatic
    ) {
        self.sampleRate = sampleRate
        self.channels = channels
        self.bitrate = bitrate
        self.complexity = complexity
        self.inbandFEC = inbandFEC
        self.expectedPacketLossPercent = expectedPacketLossPercent
        self.dtx = dtx
        self.application = application
        self.signal = signal
    }
}
