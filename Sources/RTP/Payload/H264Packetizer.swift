/// H.264 RTP packetization, packetization-mode=1 (non-interleaved): single NAL unit packets,
/// STAP-A aggregation and FU-A fragmentation (RFC 6184 §5.6, §5.7.1, §5.8).
public struct H264Packetizer: Sendable {
    /// RFC 6184 §5.4 NAL unit types used by the payload format.
    public enum NALUnitType {
        public static let idr: UInt8 = 5
        public static let sps: UInt8 = 7
        public static let pps: UInt8 = 8
        public static let stapA: UInt8 = 24
        public static let fuA: UInt8 = 28
    }

    /// Largest RTP payload to produce (the path MTU minus IP, UDP, RTP and SRTP overhead).
    public var maximumPayloadSize: Int

    public init(maximumPayloadSize: Int = 1200) {
        precondition(maximumPayloadSize > 3, "room for an FU indicator, header and one octet")
        self.maximumPayloadSize = maximumPayloadSize
    }

    /// Splits an Annex B byte stream ("00 00 01" or "00 00 00 01" start codes) into NAL units.
    public static func nalUnits(annexB bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var units: [ArraySlice<UInt8>] = []
        var start: Int?
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0, bytes[index + 1] == 0, bytes[index + 2] == 1 {
                if let s = start {
                    var end = index
                    while end > s, bytes[end - 1] == 0 { end -= 1 }  // trailing zero of a 4-octet code
                    if end > s { units.append(bytes[s..<end]) }
                }
                index += 3
                start = index
            } else {
                index += 1
            }
        }
        if let s = start, s < bytes.count { units.append(bytes[s...]) }
        return units
    }

    /// The RTP payloads of one access unit, in order; §5.1: the RTP marker bit is set on the last
    /// ("the last packet of the access unit"). Small consecutive NAL units share a STAP-A.
    public func packetize(accessUnit nalUnits: [ArraySlice<UInt8>]) -> [[UInt8]] {
        var payloads: [[UInt8]] = []
        var aggregate: [ArraySlice<UInt8>] = []
        var aggregateSize = 1  // STAP-A NAL header

        func flush() {
            if aggregate.count == 1 {
                payloads.append(Array(aggregate[0]))
            } else if aggregate.count > 1 {
                // §5.7.1: "The value of NRI MUST be the maximum of all the NAL units carried in the
                // aggregation packet"; F is set if any F bit is.
                let f = aggregate.reduce(0) { $0 | ($1.first! & 0x80) }
                let nri = aggregate.map { $0.first! & 0x60 }.max()!
                var packet: [UInt8] = [f | nri | NALUnitType.stapA]
                packet.reserveCapacity(aggregateSize)
                for unit in aggregate {
                    packet.append16(UInt16(unit.count))
                    packet += unit
                }
                payloads.append(packet)
            }
            aggregate.removeAll()
            aggregateSize = 1
        }

        for unit in nalUnits where !unit.isEmpty {
            if unit.count > maximumPayloadSize {
                flush()
                fragment(unit, into: &payloads)
            } else {
                if aggregateSize + 2 + unit.count > maximumPayloadSize { flush() }
                aggregate.append(unit)
                aggregateSize += 2 + unit.count
            }
        }
        flush()
        return payloads
    }

    /// §5.8 FU-A: the NAL header is replaced by the FU indicator (F, NRI, type 28) and FU header
    /// (S, E, R=0, original type).
    private func fragment(_ unit: ArraySlice<UInt8>, into payloads: inout [[UInt8]]) {
        let header = unit.first!
        let indicator = header & 0xE0 | NALUnitType.fuA
        let type = header & 0x1F
        var offset = unit.startIndex + 1
        let chunk = maximumPayloadSize - 2
        while offset < unit.endIndex {
            let end = min(offset + chunk, unit.endIndex)
            var fuHeader = type
            if offset == unit.startIndex + 1 { fuHeader |= 0x80 }
            if end == unit.endIndex { fuHeader |= 0x40 }
            var packet: [UInt8] = [indicator, fuHeader]
            packet.reserveCapacity(2 + end - offset)
            packet += unit[offset..<end]
            payloads.append(packet)
            offset = end
        }
    }
}
