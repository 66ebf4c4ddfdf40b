/// A plain AES-128-GCM encryption (NIST SP 800-38D with a 96-bit IV), used only to check RFC 7714 against libsrtp.

struct ReferenceGCM {
    private let aes: ReferenceAES128
    private let hashKey: (UInt64, UInt64)

    init(key: [UInt8]) {
        aes = ReferenceAES128(key: key)
        hashKey = Self.split(aes.encrypt(block: [UInt8](repeating: 0, count: 16)))
    }

    /// Ciphertext followed by the 16-octet tag.
    func seal(_ plaintext: [UInt8], iv: [UInt8], additionalData: [UInt8]) -> [UInt8] {
        precondition(iv.count == 12)
        let ciphertext = zip(plaintext, aes.counterModeKeystream(iv: iv + [0, 0, 0, 2], length: plaintext.count))
            .map { $0 ^ $1 }
        var lengths = [UInt8]()
        for bits in [UInt64(additionalData.count) * 8, UInt64(ciphertext.count) * 8] {
            lengths += withUnsafeBytes(of: bits.bigEndian, Array.init)
        }
        let hash = ghash(padded(additionalData) + padded(ciphertext) + lengths)
        let tag = zip(aes.encrypt(block: iv + [0, 0, 0, 1]), hash).map { $0 ^ $1 }
        return ciphertext + tag
    }

    private func padded(_ bytes: [UInt8]) -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: (16 - bytes.count % 16) % 16)
    }

    private func ghash(_ blocks: [UInt8]) -> [UInt8] {
        var y: (UInt64, UInt64) = (0, 0)
        for start in stride(from: 0, to: blocks.count, by: 16) {
            let x = Self.split(Array(blocks[start..<start + 16]))
            y = Self.multiply((y.0 ^ x.0, y.1 ^ x.1), hashKey)
        }
        return withUnsafeBytes(of: y.0.bigEndian, Array.init) + withUnsafeBytes(of: y.1.bigEndian, Array.init)
    }

    /// Multiplication in GF(2^128) with GCM's bit order (SP 800-38D §6.3).
    private static func multiply(_ x: (UInt64, UInt64), _ y: (UInt64, UInt64)) -> (UInt64, UInt64) {
        var z: (UInt64, UInt64) = (0, 0)
        var v = y
        for bit in 0..<128 {
            let word = bit < 64 ? x.0 : x.1
            if word >> (63 - UInt64(bit % 64)) & 1 == 1 { z = (z.0 ^ v.0, z.1 ^ v.1) }
            let carry = v.1 & 1
            v = (v.0 >> 1, v.1 >> 1 | v.0 << 63)
            if carry == 1 { v.0 ^= 0xE100_0000_0000_0000 }
        }
        return z
    }

    private static func split(_ block: [UInt8]) -> (UInt64, UInt64) {
        block.withUnsafeBytes {
            (UInt64(bigEndian: $0.loadUnaligned(as: UInt64.self)),
             UInt64(bigEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }
}
