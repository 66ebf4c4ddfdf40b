/// Base 64 encoding with the standard alphabet and padding (RFC 4648 §4), as RFC 4568 §6.1 uses for key-salt.

/// The standard base 64 alphabet (RFC 4648 §4), strict: no line breaks, no whitespace, padding required.
enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Why a base 64 text was refused.
    enum DecodingError: Error, Equatable {
        /// The length is not a multiple of four (RFC 4648 §4 requires padding).
        case lengthNotMultipleOfFour(Int)
        /// A character outside the alphabet at the given offset.
        case invalidCharacter(offset: Int)
        /// `=` somewhere other than the last one or two positions, or non-zero bits under the padding.
        case invalidPadding
    }

    static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var iterator = bytes.makeIterator()
        while let b0 = iterator.next() {
            let b1 = iterator.next()
            let b2 = iterator.next()
            let group = UInt32(b0) << 16 | UInt32(b1 ?? 0) << 8 | UInt32(b2 ?? 0)
            out.append(alphabet[Int(group >> 18 & 0x3F)])
            out.append(alphabet[Int(group >> 12 & 0x3F)])
            out.append(b1 == nil ? UInt8(ascii: "=") : alphabet[Int(group >> 6 & 0x3F)])
            out.append(b2 == nil ? UInt8(ascii: "=") : alphabet[Int(group & 0x3F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: Substring.UTF8View) throws(DecodingError) -> [UInt8] {
        let count = text.count
        guard count % 4 == 0 else { throw .lengthNotMultipleOfFour(count) }
        var out: [UInt8] = []
        out.reserveCapacity(count / 4 * 3)
        var group: UInt32 = 0
        var padding = 0
        for (offset, character) in text.enumerated() {
            let value: UInt32
            if character == UInt8(ascii: "=") {
                // Padding only in the last two positions, and nothing but padding after it.
                guard offset >= count - 2 else { throw .invalidPadding }
                padding += 1
                value = 0
            } else {
                guard padding == 0 else { throw .invalidPadding }
                guard let sextet = sextet(character) else { throw .invalidCharacter(offset: offset) }
                value = sextet
            }
            group = group << 6 | value
            if offset % 4 == 3 {
                out.append(UInt8(truncatingIfNeeded: group >> 16))
                if padding < 2 { out.append(UInt8(truncatingIfNeeded: group >> 8)) }
                if padding < 1 { out.append(UInt8(truncatingIfNeeded: group)) }
                // Canonical encoding: the bits hidden by padding must be zero (RFC 4648 §3.5).
                if padding == 1, group & 0xFF != 0 { throw .invalidPadding }
                if padding == 2, group & 0xFFFF != 0 { throw .invalidPadding }
                group = 0
            }
        }
        return out
    }

    private static func sextet(_ character: UInt8) -> UInt32? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(character - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(character - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(character - UInt8(ascii: "0")) + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
