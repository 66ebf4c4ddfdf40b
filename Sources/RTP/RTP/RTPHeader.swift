/// The RTP fixed header, CSRC list and header extension as an owning value, for building packets (RFC 3550 §5.1).
public struct RTPHeader: Hashable, Sendable {
    public var marker: Bool
    public var payloadType: UInt8
    public var sequenceNumber: UInt16
    public var timestamp: UInt32
    public var ssrc: UInt32
    /// At most 15 (§5.1: CC is 4 bits); a mixer lists the sources it mixed (§7.1).
    public var csrcs: [UInt32]
    public var headerExtension: RTPHeaderExtension?

    public init(
        marker: Bool = false, payloadType: UInt8, sequenceNumber: UInt16, timestamp: UInt32, ssrc: UInt32,
        csrcs: [UInt32] = [], headerExtension: RTPHeaderExtension? = nil
    ) {
        self.marker = marker
        self.payloadType = payloadType
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.ssrc = ssrc
        self.csrcs = csrcs
        self.headerExtension = headerExtension
    }

    /// Octets the header occupies, CSRCs and extension included.
    public var size: Int {
        RTPPacket.fixedHeaderSize + 4 * csrcs.count + (headerExtension.map { 4 + ($0.data.count + 3) / 4 * 4 } ?? 0)
    }

    /// Writes header, `payload` and `padding` octets of padding into `buffer`; returns the packet length.
    ///
    /// Nothing is allocated: the caller owns and reuses the buffer.
    public func write(
        payload: UnsafeRawBufferPointer, padding: Int = 0, into buffer: UnsafeMutableRawBufferPointer
    ) throws(RTPParseError) -> Int {
        precondition(csrcs.count <= 15, "RTP carries at most 15 CSRCs")
        precondition((0...255).contains(padding), "padding is counted in one octet")
        let total = size + payload.count + padding
        guard buffer.count >= total else { throw .bufferTooSmall(needed: total, available: buffer.count) }
        var first: UInt8 = 0x80 | UInt8(csrcs.count)
        if padding > 0 { first |= 0x20 }
        if headerExtension != nil { first |= 0x10 }
        buffer[0] = first
        buffer[1] = (marker ? 0x80 : 0) | (payloadType & 0x7F)
        buffer.put16(sequenceNumber, at: 2)
        buffer.put32(timestamp, at: 4)
        buffer.put32(ssrc, at: 8)
        var offset = RTPPacket.fixedHeaderSize
        for csrc in csrcs {
            buffer.put32(csrc, at: offset)
            offset += 4
        }
        if let ext = headerExtension {
            let words = (ext.data.count + 3) / 4
            buffer.put16(ext.profile, at: offset)
            buffer.put16(UInt16(words), at: offset + 2)
            offset += 4
            for byte in ext.data {
                buffer[offset] = byte
                offset += 1
            }
            for _ in ext.data.count..<(words * 4) {
                buffer[offset] = 0
                offset += 1
            }
        }
        if payload.count > 0 {
            UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<(offset + payload.count)]).copyMemory(from: payload)
            offset += payload.count
        }
        if padding > 0 {
            for index in offset..<(offset + padding - 1) { buffer[index] = 0 }
            buffer[offset + padding - 1] = UInt8(padding)
            offset += padding
        }
        return offset
    }

    /// Serializes into a new array (allocates; for control paths and tests).
    public func serialized(payload: [UInt8], padding: Int = 0) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: size + payload.count + padding)
        let written = out.withUnsafeMutableBytes { buffer in
            payload.withUnsafeBytes { try? write(payload: $0, padding: padding, into: buffer) }
        }
        precondition(written == out.count, "serialized size mismatch")
        return out
    }
}
