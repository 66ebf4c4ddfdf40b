/// An RTP packet parsed in place: header fields plus offsets into the caller's bytes (RFC 3550 §5.1).
///
/// Parsing copies nothing and allocates nothing: CSRCs, the header extension and the payload are
/// ranges into the buffer that was parsed, read back with the `…(in:)` accessors.
///
///      0                   1                   2                   3
///      0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///     |V=2|P|X|  CC   |M|     PT      |       sequence number         |
///     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///     |                           timestamp                           |
///     +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///     |           synchronization source (SSRC) identifier            |
///     +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
///     |            contributing source (CSRC) identifiers             |
public struct RTPPacket: Hashable, Sendable {
    public static let fixedHeaderSize = 12

    public var marker: Bool
    public var payloadType: UInt8
    public var sequenceNumber: UInt16
    public var timestamp: UInt32
    public var ssrc: UInt32
    /// CC: "the number of CSRC identifiers that follow the fixed header".
    public var csrcCount: Int
    /// The 16-bit "defined by profile" word when X is set (0xBEDE: RFC 8285 one-byte form).
    public var extensionProfile: UInt16?
    /// The extension data after its 4-byte header (empty when X is clear).
    public var extensionRange: Range<Int>
    public var payloadRange: Range<Int>
    /// Padding octets at the end, including the count octet itself (0 when P is clear).
    public var paddingLength: Int

    /// Parses the packet in `bytes` without copying.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(RTPParseError) -> RTPPacket {
        let count = bytes.count
        guard count >= fixedHeaderSize else { throw .truncated(needed: fixedHeaderSize, available: count) }
        let first = bytes[0]
        let version = first >> 6
        guard version == 2 else { throw .unsupportedVersion(version) }
        let csrcCount = Int(first & 0x0F)
        var offset = fixedHeaderSize + 4 * csrcCount
        guard count >= offset else { throw .truncated(needed: offset, available: count) }

        var profile: UInt16?
        var extensionRange = offset..<offset
        if first & 0x10 != 0 {
            // §5.3.1: 16 bits profile-defined, 16-bit length in 32-bit words excluding the 4-octet header.
            guard count >= offset + 4 else { throw .truncated(needed: offset + 4, available: count) }
            profile = bytes.u16(offset)
            let words = Int(bytes.u16(offset + 2))
            let start = offset + 4
            offset = start + 4 * words
            guard count >= offset else { throw .truncated(needed: offset, available: count) }
            extensionRange = start..<offset
        }

        var padding = 0
        if first & 0x20 != 0 {
            // §5.1: "The last octet of the padding contains a count of how many padding octets
            // should be ignored, including itself."
            padding = Int(bytes[count - 1])
            guard padding > 0, padding <= count - offset else {
                throw .invalidPadding(count: padding, available: count - offset)
            }
        }

        let second = bytes[1]
        return RTPPacket(
            marker: second & 0x80 != 0, payloadType: second & 0x7F,
            sequenceNumber: bytes.u16(2), timestamp: bytes.u32(4), ssrc: bytes.u32(8),
            csrcCount: csrcCount, extensionProfile: profile, extensionRange: extensionRange,
            payloadRange: offset..<(count - padding), paddingLength: padding)
    }

    /// Parses the packet in `bytes` without copying them.
    public static func parse(_ bytes: [UInt8]) throws(RTPParseError) -> RTPPacket {
        try bytes.withUnsafeBytes { raw in Result { () throws(RTPParseError) in try parse(raw) } }.get()
    }

    /// The `index`th contributing source, read from the parsed bytes.
    public func csrc(_ index: Int, in bytes: [UInt8]) -> UInt32 {
        precondition(index < csrcCount, "CSRC index out of range")
        return bytes.u32(Self.fixedHeaderSize + 4 * index)
    }

    /// The `index`th contributing source, read from the parsed bytes.
    public func csrc(_ index: Int, in bytes: UnsafeRawBufferPointer) -> UInt32 {
        precondition(index < csrcCount, "CSRC index out of range")
        return bytes.u32(Self.fixedHeaderSize + 4 * index)
    }

    /// The payload within the parsed bytes.
    public func payload(in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[payloadRange])
    }

    /// All contributing sources (allocates; for control paths).
    public func csrcs(in bytes: [UInt8]) -> [UInt32] { (0..<csrcCount).map { csrc($0, in: bytes) } }

    /// The payload, sharing storage with `bytes`.
    public func payload(in bytes: [UInt8]) -> ArraySlice<UInt8> { bytes[payloadRange] }

    /// The header extension block, if any, in the form its profile word names.
    public var headerExtensionForm: HeaderExtensionForm? { extensionProfile.map(HeaderExtensionForm.init(profile:)) }

    /// The value of the RFC 8285 element with `id`, found without allocating.
    public func extensionElement(id: UInt8, in bytes: UnsafeRawBufferPointer) -> Range<Int>? {
        guard let form = headerExtensionForm, form.isGeneral else { return nil }
        var iterator = HeaderExtensionIterator(form: form, bytes: bytes, range: extensionRange)
        while let element = try? iterator.next() {
            if element.id == id { return element.value }
        }
        return nil
    }

    /// The value of the RFC 8285 element with `id`, sharing storage with `bytes`.
    public func extensionElement(id: UInt8, in bytes: [UInt8]) -> ArraySlice<UInt8>? {
        bytes.withUnsafeBytes { extensionElement(id: id, in: $0) }.map { bytes[$0] }
    }

    /// All RFC 8285 elements (allocates; for control paths and tests).
    public func extensionElements(in bytes: [UInt8]) throws(RTPParseError) -> [HeaderExtensionElement] {
        guard let form = headerExtensionForm, form.isGeneral else { return [] }
        return try bytes.withUnsafeBytes { raw in
            Result { () throws(RTPParseError) -> [HeaderExtensionElement] in
                var iterator = HeaderExtensionIterator(form: form, bytes: raw, range: extensionRange)
                var elements: [HeaderExtensionElement] = []
                while let element = try iterator.next() {
                    elements.append(HeaderExtensionElement(id: element.id, value: Array(raw[element.value])))
                }
                return elements
            }
        }.get()
    }

    /// The owning header this view describes (allocates the CSRC list and extension).
    public func header(in bytes: [UInt8]) -> RTPHeader {
        var header = RTPHeader(
            marker: marker, payloadType: payloadType, sequenceNumber: sequenceNumber,
            timestamp: timestamp, ssrc: ssrc, csrcs: csrcs(in: bytes))
        if let profile = extensionProfile {
            header.headerExtension = RTPHeaderExtension(profile: profile, data: Array(bytes[extensionRange]))
        }
        return header
    }
}
