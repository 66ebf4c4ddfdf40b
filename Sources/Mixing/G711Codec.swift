/// G.711 as RTP payloads PCMU and PCMA (RFC 3551 §4.5.14): one octet per 8 kHz sample, loss concealed per G.711 App. I.

/// Which G.711 companding law.
public enum G711Law: Sendable, Equatable {
    case muLaw
    case aLaw

    public var descriptor: AudioCodecDescriptor {
        switch self {
        case .muLaw: return .pcmu
        case .aLaw: return .pcma
        }
    }
}

/// Encodes 8 kHz mono frames (16-bit or float) to PCMU or PCMA payloads.
public struct G711Encoder: AudioEncoder, Sendable {
    public let law: G711Law
    public var descriptor: AudioCodecDescriptor { law.descriptor }

    public init(law: G711Law) { self.law = law }

    public func encode(_ frame: AudioFrame, into output: UnsafeMutableRawBufferPointer) throws(AudioCodecError) -> Int {
        try requireShape(of: frame)
        let count = frame.sampleCount
        guard output.count >= count else {
            throw .outputBufferTooSmall(codec: descriptor.name, needed: count, available: output.count)
        }
        let law = self.law
        switch frame.format {
        case .int16:
            frame.withInt16Samples { samples in
                for index in 0..<count {
                    output[index] = law == .muLaw ? G711.muLaw(samples[index]) : G711.aLaw(samples[index])
                }
            }
        case .float32:
            frame.withFloatSamples { samples in
                for index in 0..<count {
                    let sample = AudioSampleConversion.int16(samples[index])
                    output[index] = law == .muLaw ? G711.muLaw(sample) : G711.aLaw(sample)
                }
            }
        }
        return count
    }
}

/// Decodes PCMU or PCMA payloads to 8 kHz mono 16-bit frames; conceals losses by pitch repetition.
public struct G711Decoder: AudioDecoder, Sendable {
    public let law: G711Law
    public var descriptor: AudioCodecDescriptor { law.descriptor }
    private var concealer = AudioLossConcealer(sampleRate: 8000, channels: 1)

    public init(law: G711Law) { self.law = law }

    public mutating func decode(
        _ payload: UnsafeRawBufferPointer, into frame: inout AudioFrame
    ) throws(AudioCodecError) {
        frame.reshape(format: .int16, sampleRate: 8000, channels: 1, samplesPerChannel: payload.count)
        let law = self.law
        frame.withMutableInt16Samples { samples in
            for index in 0..<payload.count {
                samples[index] = law == .muLaw ? G711.linear(muLaw: payload[index]) : G711.linear(aLaw: payload[index])
            }
        }
        concealer.record(&frame)
    }

    public mutating func decodeLoss(samplesPerChannel: Int, into frame: inout AudioFrame) throws(AudioCodecError) {
        concealer.conceal(samplesPerChannel: samplesPerChannel, into: &frame)
    }
}
