/// The telephone-event payload: DTMF digits and other named events in RTP (RFC 4733 §2.3).
///
///     0                   1                   2                   3
///     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///    |     event     |E|R| volume    |          duration             |
///    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
public struct TelephoneEvent: Hashable, Sendable {
    public static let size = 4

    /// RFC 4733 §3.2 event code: 0–9 digits, 10 `*`, 11 `#`, 12–15 A–D, 16 flash.
    public var event: UInt8
    /// E: "this packet contains the end of the event".
    public var isEnd: Bool
    /// Power level in −dBm0, 0–63 (§2.3.4); only meaningful for DTMF.
    public var volume: UInt8
    /// In timestamp units, from the event's start (its RTP timestamp) to this packet (§2.3.5).
    public var duration: UInt16

    public init(event: UInt8, isEnd: Bool = false, volume: UInt8 = 10, duration: UInt16) {
        self.event = event
        self.isEnd = isEnd
        self.volume = volume & 0x3F
        self.duration = duration
    }

    /// Parses the first event of the payload. §2.3: further 4-octet blocks may follow in redundancy
    /// packets; they describe earlier events and are ignored here.
    public init(parsing payload: ArraySlice<UInt8>) throws(PayloadFormatError) {
        guard payload.count >= Self.size else { throw .truncated(needed: Self.size, available: payload.count) }
        let b = payload.startIndex
        self.init(
            event: payload[b], isEnd: payload[b + 1] & 0x80 != 0, volume: payload[b + 1] & 0x3F,
            duration: UInt16(payload[b + 2]) << 8 | UInt16(payload[b + 3]))
    }

    public func serialized() -> [UInt8] {
        // R: "This field is reserved for future use. The sender MUST set it to zero".
        [event, (isEnd ? 0x80 : 0) | (volume & 0x3F), UInt8(duration >> 8), UInt8(truncatingIfNeeded: duration)]
    }

    /// The DTMF symbol this event names (§3.2, Table 3), if it is one.
    public var digit: Character? {
        switch event {
        case 0...9: Character(String(event))
        case 10: "*"
        case 11: "#"
        case 12...15: Character(UnicodeScalar(UInt8(ascii: "A") + event - 12))
        default: nil
        }
    }

    /// The event code for a DTMF symbol.
    public static func event(for digit: Character) -> UInt8? {
        switch digit {
        case "0"..."9": digit.asciiValue.map { $0 - UInt8(ascii: "0") }
        case "*": 10
        case "#": 11
        case "A"..."D": digit.asciiValue.map { $0 - UInt8(ascii: "A") + 12 }
        default: nil
        }
    }
}

/// Turns telephone-event packets into events reported once each.
///
/// RFC 4733 §2.5.1.4: the final packet "SHOULD be sent a total of three times", and all packets of one
/// event share its RTP timestamp (§2.3.1), so an event is identified by its timestamp and reported at
/// its first end packet — or when a later event starts, if every end packet was lost.
public struct TelephoneEventDetector: Sendable {
    public struct Detection: Hashable, Sendable {
        public var event: UInt8
        public var timestamp: UInt32
        /// Timestamp units, from the end packet (or the last seen if the end was lost).
        public var duration: UInt16

        public var digit: Character? { TelephoneEvent(event: event, duration: duration).digit }
    }

    private var current: (timestamp: UInt32, event: TelephoneEvent)?
    private var lastReportedTimestamp: UInt32?

    public init() {}

    /// Feeds one packet's timestamp and payload; returns the events that completed.
    public mutating func receive(timestamp: UInt32, payload: ArraySlice<UInt8>) throws(PayloadFormatError)
        -> [Detection]
    {
        let event = try TelephoneEvent(parsing: payload)
        var detections: [Detection] = []
        // Repeated end packets, and stragglers of events already reported.
        if let last = lastReportedTimestamp, RTPTimestamp.distance(from: last, to: timestamp) <= 0 { return [] }
        if let current, current.timestamp != timestamp {
            // A new event began before the previous one's end arrived.
            if RTPTimestamp.distance(from: current.timestamp, to: timestamp) < 0 { return [] }
            detections.append(Detection(event: current.event.event, timestamp: current.timestamp,
                                        duration: current.event.duration))
            lastReportedTimestamp = current.timestamp
            self.current = nil
        }
        if event.isEnd {
            detections.append(Detection(event: event.event, timestamp: timestamp, duration: event.duration))
            lastReportedTimestamp = timestamp
            current = nil
        } else {
            current = (timestamp, event)
        }
        return detections
    }
}
