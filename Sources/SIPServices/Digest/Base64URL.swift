/// RFC 4648 §5: base64url without padding — nonce text that is a SIP `token`, so it survives even unquoted.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, octet) in alphabet.enumerated() { table[Int(octet)] = UInt8(index) }
        return table
    }()

    static func encode(_ octets: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((octets.count * 4 + 2) / 3)
        var index = 0
        while index < octets.count {
            let chunk = octets[index..<min(index + 3, octets.count)]
            var bits: UInt32 = 0
            for (offset, octet) in chunk.enumerated() { bits |= UInt32(octet) << (16 - 8 * offset) }
            for position in 0...chunk.count { out.append(alphabet[Int((bits >> (18 - 6 * position)) & 0x3F)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `nil` for any octet outside the alphabet or an impossible length (a lone trailing character).
    static func decode(_ text: String) -> [UInt8]? {
        let input = Array(text.utf8)
        guard input.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 3 / 4)
        var bits: UInt32 = 0
        var bitCount = 0
        for octet in input {
            let value = values[Int(octet)]
            guard value != 0xFF else { return nil }
            bits = bits << 6 | UInt32(value)
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                out.append(UInt8(truncatingIfNeeded: bits >> UInt32(bitCount)))
            }
        }
        // Leftover bits must be zero, so each nonce has exactly one spelling.
        guard bits & ((1 << UInt32(bitCount)) - 1) == 0 else { return nil }
        return out
    }
}
