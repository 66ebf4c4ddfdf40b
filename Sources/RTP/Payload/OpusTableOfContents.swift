/// The Opus TOC byte and frame count, which give a packet's duration (RFC 6716 §3.1, §3.2; carried
/// unchanged in RTP per RFC 7587 §4.2, one Opus packet per RTP packet).
///
///      0 1 2 3 4 5 6 7
///     +-+-+-+-+-+-+-+-+
///     | config  |s| c |
///     +-+-+-+-+-+-+-+-+
public struct OpusTableOfContents: Hashable, Sendable {
    public enum Mode: Hashable, Sendable { case silk, hybrid, celt }

    /// Configuration number 0–31 (RFC 6716 Table 2).
    public var configuration: UInt8
    public var isStereo: Bool
    /// Frames in the packet (code 0: 1, codes 1–2: 2, code 3: 1–48).
    public var frameCount: Int

    /// Parses the TOC byte and, for code 3, the frame count byte.
    public init(parsing payload: ArraySlice<UInt8>) throws(PayloadFormatError) {
        guard let toc = payload.first else { throw .truncated(needed: 1, available: 0) }
        configuration = toc >> 3
        isStereo = toc & 0x04 != 0
        switch toc & 0x03 {
        case 0: frameCount = 1
        case 1, 2: frameCount = 2
        default:
            guard payload.count >= 2 else { throw .truncated(needed: 2, available: payload.count) }
            frameCount = Int(payload[payload.startIndex + 1] & 0x3F)
            // §3.2.5: "M MUST NOT be zero" and the packet must not exceed 120 ms.
            guard frameCount > 0 else { throw .outOfRange(field: "Opus frame count", value: 0) }
        }
        guard durationSamples <= 5760 else { throw .outOfRange(field: "Opus packet duration", value: durationSamples) }
    }

    public var mode: Mode {
        switch configuration {
        case 0...11: .silk
        case 12...15: .hybrid
        default: .celt
        }
    }

    /// Samples per frame at 48 kHz (Table 2: SILK 10/20/40/60 ms, Hybrid 10/20 ms, CELT 2.5/5/10/20 ms).
    public var frameSamples: Int {
        let index = Int(configuration)
        switch mode {
        case .silk: return [480, 960, 1920, 2880][index % 4]
        case .hybrid: return [480, 960][index % 2]
        case .celt: return [120, 240, 480, 960][index % 4]
        }
    }

    /// The packet's duration in 48 kHz samples: the RTP timestamp increment (RFC 7587 §4.1).
    public var durationSamples: Int { frameSamples * frameCount }
}
