/// ITU-T G.711 (11/88) µ-law and A-law companding: reference rules §2–§3 (Tables 1a/2a) and lookup tables built from them.
public enum G711 {
    // MARK: Reference rules (14-bit µ-law input, 13-bit A-law input, as G.711 specifies)

    /// µ-law encoding of a 16-bit sample (its 14 most significant bits are used, as G.711 specifies).
    public static func referenceMuLawEncode(_ sample: Int16) -> UInt8 {
        var value = Int32(sample) >> 2
        let mask: Int32
        if value < 0 {
            value = -value
            mask = 0x7F
        } else {
            mask = 0xFF
        }
        value = min(value, 8159) + 33
        var segment: Int32 = 0
        while segment != 8, (Int32(0x40) << segment) <= value { segment += 1 }
        if segment >= 8 { return UInt8(0x7F ^ mask) }
        let code = (segment << 4) | ((value >> (segment + 1)) & 0x0F)
        return UInt8(truncatingIfNeeded: code ^ mask)
    }

    /// µ-law decoding to a 16-bit sample (the 14-bit value scaled by 4).
    public static func referenceMuLawDecode(_ code: UInt8) -> Int16 {
        let inverted = Int32(~code)
        var magnitude = ((inverted & 0x0F) << 3) + 0x84
        magnitude <<= (inverted & 0x70) >> 4
        return Int16(inverted & 0x80 != 0 ? 0x84 - magnitude : magnitude - 0x84)
    }

    /// A-law encoding of a 16-bit sample (its 13 most significant bits are used); even bits are inverted (§3).
    public static func referenceALawEncode(_ sample: Int16) -> UInt8 {
        var value = Int32(sample) >> 3
        let mask: Int32
        if value >= 0 {
            mask = 0xD5
        } else {
            mask = 0x55
            value = -value - 1
        }
        var segment: Int32 = 0
        while segment != 8, (Int32(0x20) << segment) <= value { segment += 1 }
        if segment >= 8 { return UInt8(0x7F ^ mask) }
        let mantissa = segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F
        return UInt8(truncatingIfNeeded: ((segment << 4) | mantissa) ^ mask)
    }

    /// A-law decoding to a 16-bit sample (the 13-bit value scaled by 8).
    public static func referenceALawDecode(_ code: UInt8) -> Int16 {
        let value = Int32(code ^ 0x55)
        var magnitude = (value & 0x0F) << 4
        let segment = (value & 0x70) >> 4
        switch segment {
        case 0: magnitude += 8
        case 1: magnitude += 0x108
        default: magnitude = (magnitude + 0x108) << (segment - 1)
        }
        return Int16(value & 0x80 != 0 ? magnitude : -magnitude)
    }

    // MARK: Tables

    /// µ-law code for each 14-bit input (index = (sample >> 2) + 8192).
    @usableFromInline static let muLawEncodeTable: [UInt8] = (0..<16384).map { referenceMuLawEncode(Int16(($0 - 8192) << 2)) }
    /// A-law code for each 13-bit input (index = (sample >> 3) + 4096).
    @usableFromInline static let aLawEncodeTable: [UInt8] = (0..<8192).map { referenceALawEncode(Int16(($0 - 4096) << 3)) }
    @usableFromInline static let muLawDecodeTable: [Int16] = (0..<256).map { referenceMuLawDecode(UInt8($0)) }
    @usableFromInline static let aLawDecodeTable: [Int16] = (0..<256).map { referenceALawDecode(UInt8($0)) }

    /// µ-law code of a 16-bit sample, by table.
    @inlinable
    public static func muLaw(_ sample: Int16) -> UInt8 { muLawEncodeTable[Int(sample >> 2) + 8192] }
    /// A-law code of a 16-bit sample, by table.
    @inlinable
    public static func aLaw(_ sample: Int16) -> UInt8 { aLawEncodeTable[Int(sample >> 3) + 4096] }
    /// 16-bit sample of a µ-law code, by table.
    @inlinable
    public static func linear(muLaw code: UInt8) -> Int16 { muLawDecodeTable[Int(code)] }
    /// 16-bit sample of an A-law code, by table.
    @inlinable
    public static func linear(aLaw code: UInt8) -> Int16 { aLawDecodeTable[Int(code)] }

    /// The code for digital silence (a zero sample): 0xFF in µ-law, 0xD5 in A-law.
    public static let muLawSilence: UInt8 = 0xFF
    public static let aLawSilence: UInt8 = 0xD5
}
