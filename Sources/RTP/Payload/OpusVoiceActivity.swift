/// Whether an Opus packet's speech layer says its talker is active — the SILK voice activity flags that open the
/// first frame's range-coded data (RFC 6716 §4.2.3) — read without decoding the packet.
///
/// SILK-only and hybrid packets carry one flag per 20 ms SILK frame of the mid channel, as the first symbols of the
/// range coder, each coded with probability one half; CELT-only packets carry none. An encoder in DTX sends no
/// packets at all where these flags are clear, so treating a packet whose flags are all clear as silence is what a
/// DTX sender would have done anyway.
extension OpusTableOfContents {
    /// `true` when a SILK voice activity flag of the packet's first Opus frame is set, `false` when all are clear
    /// (or the frame is empty: DTX), `nil` when the packet has no SILK layer or its framing cannot be read.
    public static func voiceActivity(in payload: ArraySlice<UInt8>) -> Bool? {
        guard let toc = try? OpusTableOfContents(parsing: payload), toc.mode != .celt else { return nil }
        var index = payload.startIndex + 1
        switch payload[payload.startIndex] & 0x03 {
        case 0, 1:
            break  // one frame, or two of equal size: the first starts after the TOC
        case 2:
            // §3.2.3: the first frame's length in one or two bytes, then the frame.
            guard index < payload.endIndex else { return nil }
            index += payload[index] >= 252 ? 2 : 1
        default:
            return nil  // code 3 (several frames with padding): not worth reading here; decode instead
        }
        guard index < payload.endIndex else { return false }  // an empty frame: DTX
        // SILK frames per Opus frame: one for 10 and 20 ms, two for 40 ms, three for 60 ms (§4.2.2).
        let silkFrames = max(1, toc.frameSamples / 960)
        var decoder = RangeDecoder(payload[index...])
        var active = false
        for _ in 0..<silkFrames where decoder.decodeBit(logp: 1) {
            active = true
        }
        return active
    }
}

/// The start of RFC 6716's range decoder (§4.1): enough to read the first symbols of a frame.
struct RangeDecoder {
    private let data: ArraySlice<UInt8>
    private var position: Int
    /// The last byte read (only its low bit still matters: each symbol takes 7 bits of one byte and 1 of the next).
    private var previous: UInt32 = 0
    private var range: UInt32 = 128
    private var value: UInt32 = 0

    /// §4.1.1: rng = 128, val = 127 - (b0 >> 1), then normalized.
    init(_ data: ArraySlice<UInt8>) {
        self.data = data
        position = data.startIndex
        previous = nextByte()
        value = 127 - (previous >> 1)
        normalize()
    }

    /// §4.1.3.2 `ec_dec_bit_logp`: a bit whose probability of being set is 1 / 2^logp.
    mutating func decodeBit(logp: UInt32) -> Bool {
        let threshold = range >> logp
        let set = value < threshold
        if set {
            range = threshold
        } else {
            value -= threshold
            range -= threshold
        }
        normalize()
        return set
    }

    /// §4.1.2.1: while rng ≤ 2^23, shift in 8 more bits (7 of the next byte joined to the previous byte's last bit,
    /// inverted); bytes past the end read as zero.
    private mutating func normalize() {
        while range <= 1 << 23 {
            range <<= 8
            let byte = nextByte()
            let symbol = ((previous << 8) | byte) >> 1
            previous = byte
            value = ((value << 8) + (255 & ~symbol)) & 0x7FFF_FFFF
        }
    }

    private mutating func nextByte() -> UInt32 {
        guard position < data.endIndex else { return 0 }
        defer { position += 1 }
        return UInt32(data[position])
    }
}
