/// RTP header extensions: the RFC 3550 §5.3.1 block and the RFC 8285 §4 one-byte and two-byte element forms.
public enum HeaderExtensionForm: Hashable, Sendable {
    /// RFC 8285 §4.2: "defined by profile" is 0xBEDE; elements carry a 4-bit ID and 1–16 octets.
    case oneByte
    /// RFC 8285 §4.3: 0x100 in the upper 12 bits plus 4 "appbits"; 8-bit ID and 0–255 octets.
    case twoByte(appBits: UInt8)
    /// Any other profile word: the block is kept raw (RFC 3550 §5.3.1).
    case profileSpecific(UInt16)

    public static let oneByteProfile: UInt16 = 0xBEDE

    public init(profile: UInt16) {
        if profile == Self.oneByteProfile {
            self = .oneByte
        } else if profile & 0xFFF0 == 0x1000 {
            self = .twoByte(appBits: UInt8(profile & 0x0F))
        } else {
            self = .profileSpecific(profile)
        }
    }

    public var profile: UInt16 {
        switch self {
        case .oneByte: Self.oneByteProfile
        case .twoByte(let bits): 0x1000 | UInt16(bits & 0x0F)
        case .profileSpecific(let word): word
        }
    }

    /// Whether the block is a list of RFC 8285 elements.
    public var isGeneral: Bool {
        if case .profileSpecific = self { return false }
        return true
    }
}

/// One RFC 8285 element: a local identifier negotiated with `a=extmap` and its value.
public struct HeaderExtensionElement: Hashable, Sendable {
    public var id: UInt8
    public var value: [UInt8]

    public init(id: UInt8, value: [UInt8]) {
        self.id = id
        self.value = value
    }
}

/// Walks RFC 8285 elements in place, yielding (id, value range) without allocating.
struct HeaderExtensionIterator {
    let form: HeaderExtensionForm
    let bytes: UnsafeRawBufferPointer
    var offset: Int
    let end: Int

    init(form: HeaderExtensionForm, bytes: UnsafeRawBufferPointer, range: Range<Int>) {
        self.form = form
        self.bytes = bytes
        self.offset = range.lowerBound
        self.end = range.upperBound
    }

    mutating func next() throws(RTPParseError) -> (id: UInt8, value: Range<Int>)? {
        while offset < end {
            let byte = bytes[offset]
            // RFC 8285 §4.2/§4.3: a zero octet between elements is padding.
            if byte == 0 {
                offset += 1
                continue
            }
            let id: UInt8
            let length: Int
            let start: Int
            if case .oneByte = form {
                id = byte >> 4
                // §4.2: "If the ID value 15 is encountered, its length field should be ignored,
                // processing of the entire extension should terminate at that point".
                if id == 15 {
                    offset = end
                    return nil
                }
                length = Int(byte & 0x0F) + 1
                start = offset + 1
            } else {
                guard offset + 2 <= end else { throw .invalidExtensionElement(offset: offset) }
                id = byte
                length = Int(bytes[offset + 1])
                start = offset + 2
            }
            guard start + length <= end else { throw .invalidExtensionElement(offset: offset) }
            offset = start + length
            return (id, start..<(start + length))
        }
        return nil
    }
}

/// The header extension block as carried: a profile word and its data, padded to 32-bit words.
public struct RTPHeaderExtension: Hashable, Sendable {
    public var profile: UInt16
    /// The extension data after the 4-octet header; its length is a multiple of 4 when serialized.
    public var data: [UInt8]

    public init(profile: UInt16, data: [UInt8]) {
        self.profile = profile
        self.data = data
    }

    /// Builds an RFC 8285 block, choosing the one-byte form when every element fits it (§4.1:
    /// IDs 1–14 and 1–16 octets) and the two-byte form otherwise.
    public init(elements: [HeaderExtensionElement]) throws(RTPParseError) {
        let fitsOneByte = elements.allSatisfy { (1...14).contains($0.id) && (1...16).contains($0.value.count) }
        var data: [UInt8] = []
        if fitsOneByte {
            for element in elements {
                data.append(element.id << 4 | UInt8(element.value.count - 1))
                data.append(contentsOf: element.value)
            }
        } else {
            for element in elements {
                guard element.id != 0, element.value.count <= 255 else {
                    throw .invalidExtensionElement(offset: data.count)
                }
                data.append(element.id)
                data.append(UInt8(element.value.count))
                data.append(contentsOf: element.value)
            }
        }
        while data.count % 4 != 0 { data.append(0) }
        self.init(profile: fitsOneByte ? HeaderExtensionForm.oneByteProfile : 0x1000, data: data)
    }
}
