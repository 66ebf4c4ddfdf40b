/// The VP8 payload descriptor that starts every VP8 RTP payload (RFC 7741 §4.2).
///
///          0 1 2 3 4 5 6 7
///         +-+-+-+-+-+-+-+-+
///         |X|R|N|S|R| PID | (REQUIRED)
///         +-+-+-+-+-+-+-+-+
///    X:   |I|L|T|K| RSV   | (OPTIONAL)
///         +-+-+-+-+-+-+-+-+
///    I:   |M| PictureID   | (OPTIONAL)
///         +-+-+-+-+-+-+-+-+
///         |   PictureID   | (when M = 1: 15 bits)
///    L:   |   TL0PICIDX   | (OPTIONAL)
///    T/K: |TID|Y| KEYIDX  | (OPTIONAL)
public struct VP8PayloadDescriptor: Hashable, Sendable {
    /// N: "Non-reference frame".
    public var nonReference: Bool
    /// S: "Start of VP8 partition".
    public var startOfPartition: Bool
    /// PID: "Partition index".
    public var partitionIndex: UInt8
    /// 7 or 15 bits; serialized in the 15-bit form when above 127.
    public var pictureID: UInt16?
    public var tl0PictureIndex: UInt8?
    /// TID (2 bits) and Y ("layer sync").
    public var temporalLayer: (id: UInt8, sync: Bool)?
    public var keyIndex: UInt8?

    public init(
        nonReference: Bool = false, startOfPartition: Bool, partitionIndex: UInt8 = 0, pictureID: UInt16? = nil,
        tl0PictureIndex: UInt8? = nil, temporalLayer: (id: UInt8, sync: Bool)? = nil, keyIndex: UInt8? = nil
    ) {
        self.nonReference = nonReference
        self.startOfPartition = startOfPartition
        self.partitionIndex = partitionIndex & 0x07
        self.pictureID = pictureID.map { $0 & 0x7FFF }
        self.tl0PictureIndex = tl0PictureIndex
        self.temporalLayer = temporalLayer.map { ($0.id & 0x03, $0.sync) }
        self.keyIndex = keyIndex.map { $0 & 0x1F }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.nonReference == rhs.nonReference && lhs.startOfPartition == rhs.startOfPartition
            && lhs.partitionIndex == rhs.partitionIndex && lhs.pictureID == rhs.pictureID
            && lhs.tl0PictureIndex == rhs.tl0PictureIndex && lhs.temporalLayer?.id == rhs.temporalLayer?.id
            && lhs.temporalLayer?.sync == rhs.temporalLayer?.sync && lhs.keyIndex == rhs.keyIndex
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(startOfPartition)
        hasher.combine(partitionIndex)
        hasher.combine(pictureID)
    }

    /// Parses the descriptor; returns it and its size, the offset of the VP8 payload.
    public static func parse(_ payload: ArraySlice<UInt8>) throws(PayloadFormatError) -> (VP8PayloadDescriptor, size: Int) {
        let b = payload.startIndex
        var offset = b
        func next() throws(PayloadFormatError) -> UInt8 {
            guard offset < payload.endIndex else {
                throw .truncated(needed: offset - b + 1, available: payload.count)
            }
            defer { offset += 1 }
            return payload[offset]
        }
        let first = try next()
        var descriptor = VP8PayloadDescriptor(
            nonReference: first & 0x20 != 0, startOfPartition: first & 0x10 != 0, partitionIndex: first & 0x07)
        if first & 0x80 != 0 {
            let x = try next()
            if x & 0x80 != 0 {
                let high = try next()
                descriptor.pictureID = high & 0x80 != 0 ? UInt16(high & 0x7F) << 8 | UInt16(try next()) : UInt16(high)
            }
            if x & 0x40 != 0 { descriptor.tl0PictureIndex = try next() }
            if x & 0x30 != 0 {
                let tk = try next()
                if x & 0x20 != 0 { descriptor.temporalLayer = (tk >> 6, tk & 0x20 != 0) }
                if x & 0x10 != 0 { descriptor.keyIndex = tk & 0x1F }
            }
        }
        return (descriptor, offset - b)
    }

    public func serialized() -> [UInt8] {
        var first: UInt8 = (nonReference ? 0x20 : 0) | (startOfPartition ? 0x10 : 0) | partitionIndex
        var extensionBits: UInt8 = 0
        if pictureID != nil { extensionBits |= 0x80 }
        if tl0PictureIndex != nil { extensionBits |= 0x40 }
        if temporalLayer != nil { extensionBits |= 0x20 }
        if keyIndex != nil { extensionBits |= 0x10 }
        if extensionBits != 0 { first |= 0x80 }
        var out = [first]
        guard extensionBits != 0 else { return out }
        out.append(extensionBits)
        if let id = pictureID {
            if id > 0x7F { out.append16(0x8000 | id) } else { out.append(UInt8(id)) }
        }
        if let index = tl0PictureIndex { out.append(index) }
        if temporalLayer != nil || keyIndex != nil {
            out.append((temporalLayer.map { $0.id << 6 | ($0.sync ? 0x20 : 0) } ?? 0) | (keyIndex ?? 0))
        }
        return out
    }
}
