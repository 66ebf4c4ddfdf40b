/// VP8 frames split into RTP payloads and reassembled (RFC 7741 §4.1, §4.4).
/// Splits VP8 frames into RTP payloads, one picture ID per frame.
public struct VP8Packetizer: Sendable {
    public var maximumPayloadSize: Int
    /// The next picture ID; 15-bit, wrapping (§4.2: "SHOULD ... increment by 1").
    public private(set) var pictureID: UInt16

    public init(maximumPayloadSize: Int = 1200, initialPictureID: UInt16 = 0) {
        precondition(maximumPayloadSize > 5, "room for the descriptor and one octet")
        self.maximumPayloadSize = maximumPayloadSize
        self.pictureID = initialPictureID & 0x7FFF
    }

    /// The payloads of one frame; the RTP marker bit goes on the last (§4.1).
    public mutating func packetize(frame: [UInt8]) -> [[UInt8]] {
        defer { pictureID = (pictureID + 1) & 0x7FFF }
        var payloads: [[UInt8]] = []
        var offset = 0
        repeat {
            let descriptor = VP8PayloadDescriptor(startOfPartition: offset == 0, pictureID: pictureID).serialized()
            let end = min(frame.count, offset + maximumPayloadSize - descriptor.count)
            payloads.append(descriptor + frame[offset..<end])
            offset = end
        } while offset < frame.count
        return payloads
    }
}

/// Reassembles VP8 frames; frames after a loss are held back until a keyframe (§4.3, VP8 frame tag P bit).
public struct VP8Depacketizer: Sendable {
    public struct Frame: Hashable, Sendable {
        public var timestamp: UInt32
        public var pictureID: UInt16?
        public var bytes: [UInt8]

        /// RFC 7741 §4.3: the frame tag's "P" bit (inverse key frame flag) is 0 for a key frame.
        public var isKeyframe: Bool { (bytes.first ?? 1) & 0x01 == 0 }
    }

    public enum Event: Hashable, Sendable {
        case frame(Frame)
        case requestKeyframe
    }

    private var assembler = FrameAssembler()
    private var gate = KeyframeGate()

    public init() {}

    public mutating func push(
        sequenceNumber: UInt16, timestamp: UInt32, marker: Bool, payload: ArraySlice<UInt8>
    ) -> [Event] {
        var events: [Event] = []
        let outcomes = assembler.push(
            sequence: sequenceNumber, timestamp: timestamp, marker: marker, payload: payload,
            isFrameStart: Self.startsFrame)
        for outcome in outcomes {
            var frame: Frame?
            if case .frame(let timestamp, let payloads) = outcome { frame = Self.frame(timestamp: timestamp, payloads) }
            let decision = gate.admit(isKeyframe: frame?.isKeyframe)
            if decision.requestKeyframe { events.append(.requestKeyframe) }
            if decision.deliver, let frame { events.append(.frame(frame)) }
        }
        return events
    }

    /// §4.4: "the first packet of a frame" has S = 1 and PID = 0.
    static func startsFrame(_ payload: [UInt8]) -> Bool {
        guard let (descriptor, _) = try? VP8PayloadDescriptor.parse(payload[...]) else { return false }
        return descriptor.startOfPartition && descriptor.partitionIndex == 0
    }

    static func frame(timestamp: UInt32, _ payloads: [[UInt8]]) -> Frame? {
        var bytes: [UInt8] = []
        var pictureID: UInt16?
        for payload in payloads {
            guard let (descriptor, size) = try? VP8PayloadDescriptor.parse(payload[...]) else { return nil }
            if bytes.isEmpty { pictureID = descriptor.pictureID }
            bytes += payload[size...]
        }
        return bytes.isEmpty ? nil : Frame(timestamp: timestamp, pictureID: pictureID, bytes: bytes)
    }
}
