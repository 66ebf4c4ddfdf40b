/// Test helper: the NAL unit types of an H.264 Annex B byte stream (ITU-T H.264 §B.2, §7.3.1).
enum AnnexB {
    /// `nal_unit_type` (the low five bits of each NAL header byte) of every NAL unit, in stream order.
    static func nalUnitTypes(_ bytes: [UInt8]) -> [Int] {
        var types: [Int] = []
        var index = 0
        while index + 3 <= bytes.count {
            if bytes[index] == 0, bytes[index + 1] == 0, bytes[index + 2] == 1 {
                if index + 3 < bytes.count { types.append(Int(bytes[index + 3] & 0x1F)) }
                index += 3
            } else {
                index += 1
            }
        }
        return types
    }

    static let idr = 5
    static let sps = 7
    static let pps = 8
}

/// Deterministic bytes for garbage-input tests (SplitMix64).
struct GarbageBytes {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return UInt8(truncatingIfNeeded: z ^ (z >> 31))
        }
    }
}
