/// Audio payload formats carried one frame per packet: PCMU/PCMA and G.722 (RFC 3551 §4.5), Opus (RFC 7587).
public enum AudioPayloadFormat: Hashable, Sendable {
    case pcmu, pcma, g722
    /// Opus with its dynamic payload type from SDP.
    case opus(payloadType: UInt8)

    /// The static or negotiated RTP payload type (RFC 3551 Table 4).
    public var payloadType: UInt8 {
        switch self {
        case .pcmu: 0
        case .pcma: 8
        case .g722: 9
        case .opus(let pt): pt
        }
    }

    /// The RTP timestamp clock rate. RFC 3551 §4.5.2: G.722's "RTP clock rate is 8,000 Hz" although it
    /// samples at 16 kHz; RFC 7587 §4.1: Opus always uses 48000.
    public var clockRate: Int {
        switch self {
        case .pcmu, .pcma, .g722: 8000
        case .opus: 48000
        }
    }

    /// The actual audio sampling rate of the codec.
    public var samplingRate: Int {
        switch self {
        case .pcmu, .pcma: 8000
        case .g722: 16000
        case .opus: 48000
        }
    }

    public init?(payloadType: UInt8, opusPayloadType: UInt8? = nil) {
        switch payloadType {
        case 0: self = .pcmu
        case 8: self = .pcma
        case 9: self = .g722
        case let pt where pt == opusPayloadType: self = .opus(payloadType: pt)
        default: return nil
        }
    }

    /// Timestamp units for `milliseconds` of audio.
    public func timestampIncrement(milliseconds: Int) -> UInt32 { UInt32(clockRate / 1000 * milliseconds) }

    /// Milliseconds of audio in a G.711 or G.722 payload of `octets` (one octet per 8 kHz sample for
    /// G.711; G.722 packs two 16 kHz samples in each octet). Opus frames say their own duration.
    public func frameMilliseconds(payloadOctets octets: Int) -> Int? {
        switch self {
        case .pcmu, .pcma, .g722: octets / 8
        case .opus: nil
        }
    }
}

/// Stamps successive audio frames with RTP headers: one frame per packet, sequence number +1 and
/// timestamp + frame duration each time (RFC 3550 §5.1), random initial values chosen by the caller.
public struct AudioPacketizer: Sendable {
    public let format: AudioPayloadFormat
    public let ssrc: UInt32
    public private(set) var sequenceNumber: UInt16
    public private(set) var timestamp: UInt32
    private var first = true

    public init(format: AudioPayloadFormat, ssrc: UInt32, initialSequenceNumber: UInt16, initialTimestamp: UInt32) {
        self.format = format
        self.ssrc = ssrc
        self.sequenceNumber = initialSequenceNumber
        self.timestamp = initialTimestamp
    }

    /// The header for the next frame of `milliseconds`. `talkspurtStart` sets the marker bit
    /// (RFC 3551 §4.1: "the first packet of a talkspurt").
    public mutating func nextHeader(milliseconds: Int, talkspurtStart: Bool = false) -> RTPHeader {
        let header = RTPHeader(
            marker: talkspurtStart || first, payloadType: format.payloadType, sequenceNumber: sequenceNumber,
            timestamp: timestamp, ssrc: ssrc)
        first = false
        sequenceNumber &+= 1
        timestamp &+= format.timestampIncrement(milliseconds: milliseconds)
        return header
    }

    /// Skips `milliseconds` of silence that were not sent (DTX): the timestamp advances, the sequence
    /// number does not (RFC 3550 §5.1).
    public mutating func skip(milliseconds: Int) {
        timestamp &+= format.timestampIncrement(milliseconds: milliseconds)
    }
}
