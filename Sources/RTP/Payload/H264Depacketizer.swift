/// Reassembles H.264 access units from RTP packets (RFC 6184 §5.6–§5.8, packetization-mode=1) and asks
/// for a keyframe when loss leaves the decoder without a reference.
public struct H264Depacketizer: Sendable {
    public struct AccessUnit: Hashable, Sendable {
        public var timestamp: UInt32
        /// NAL units without start codes.
        public var nalUnits: [[UInt8]]

        /// Contains an IDR picture (NAL type 5), so decoding can start here.
        public var isKeyframe: Bool { nalUnits.contains { ($0.first ?? 0) & 0x1F == H264Packetizer.NALUnitType.idr } }

        /// The access unit as an Annex B byte stream, four-octet start codes.
        public var annexB: [UInt8] { nalUnits.reduce(into: []) { $0 += [0, 0, 0, 1] + $1 } }
    }

    public enum Event: Hashable, Sendable {
        case accessUnit(AccessUnit)
        /// Loss broke the reference chain: send PLI (RFC 4585 §6.3.1) or FIR (RFC 5104 §4.3.1).
        case requestKeyframe
    }

    private var assembler = FrameAssembler()
    private var gate = KeyframeGate()
    public private(set) var lostFrames = 0

    public init() {}

    public mutating func push(
        sequenceNumber: UInt16, timestamp: UInt32, marker: Bool, payload: ArraySlice<UInt8>
    ) -> [Event] {
        var events: [Event] = []
        let outcomes = assembler.push(
            sequence: sequenceNumber, timestamp: timestamp, marker: marker, payload: payload,
            isFrameStart: Self.startsNALUnit)
        for outcome in outcomes {
            var unit: AccessUnit?
            if case .frame(let timestamp, let payloads) = outcome, let units = Self.nalUnits(of: payloads) {
                unit = AccessUnit(timestamp: timestamp, nalUnits: units)
            }
            if unit == nil { lostFrames += 1 }
            let decision = gate.admit(isKeyframe: unit?.isKeyframe)
            if decision.requestKeyframe { events.append(.requestKeyframe) }
            if decision.deliver, let unit { events.append(.accessUnit(unit)) }
        }
        return events
    }

    /// Whether a payload can open an access unit: anything but an FU-A continuation.
    static func startsNALUnit(_ payload: [UInt8]) -> Bool {
        guard payload.count >= 1 else { return false }
        if payload[0] & 0x1F == H264Packetizer.NALUnitType.fuA { return payload.count >= 2 && payload[1] & 0x80 != 0 }
        return true
    }

    /// NAL units from consecutive payloads, or nil when a fragment is missing or a packet is malformed.
    static func nalUnits(of payloads: [[UInt8]]) -> [[UInt8]]? {
        var units: [[UInt8]] = []
        var fragment: [UInt8]?
        for payload in payloads {
            guard let header = payload.first else { return nil }
            let type = header & 0x1F
            switch type {
            case 1...23:
                guard fragment == nil else { return nil }
                units.append(payload)
            case H264Packetizer.NALUnitType.stapA:
                guard fragment == nil else { return nil }
                var offset = 1
                while offset < payload.count {
                    guard offset + 2 <= payload.count else { return nil }
                    let size = Int(payload.u16(offset))
                    offset += 2
                    guard size > 0, offset + size <= payload.count else { return nil }
                    units.append(Array(payload[offset..<(offset + size)]))
                    offset += size
                }
            case H264Packetizer.NALUnitType.fuA:
                guard payload.count >= 2 else { return nil }
                let fuHeader = payload[1]
                let start = fuHeader & 0x80 != 0
                let end = fuHeader & 0x40 != 0
                // §5.8: "A fragmented NAL unit MUST NOT be transmitted in one FU; that is, the
                // Start bit and End bit MUST NOT both be set to one in the same FU header."
                if start == (fragment != nil) || (start && end) { return nil }
                if start { fragment = [header & 0xE0 | fuHeader & 0x1F] }
                fragment! += payload[2...]
                if end {
                    units.append(fragment!)
                    fragment = nil
                }
            default:
                // STAP-B, MTAP and FU-B belong to the interleaved mode, which is not negotiated.
                return nil
            }
        }
        return fragment == nil && !units.isEmpty ? units : nil
    }
}
