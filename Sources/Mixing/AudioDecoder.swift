/// The decoder protocol the mixer sees: RTP payload in, PCM frame out, with loss concealment (RFC 3551 §4).
public protocol AudioDecoder {
    /// The codec this decoder reads.
    var descriptor: AudioCodecDescriptor { get }

    /// Decodes one payload into `frame`, reshaping it (16-bit PCM at `descriptor.sampleRate`).
    mutating func decode(_ payload: UnsafeRawBufferPointer, into frame: inout AudioFrame) throws(AudioCodecError)

    /// Produces `samplesPerChannel` samples of concealment for a lost packet (packet-loss concealment).
    mutating func decodeLoss(samplesPerChannel: Int, into frame: inout AudioFrame) throws(AudioCodecError)

    /// Recovers a lost packet from the forward-error-correction data carried in the `next` packet, when the codec has
    /// it (Opus in-band FEC, RFC 6716 §2.1.7); codecs without FEC conceal as `decodeLoss` does. `next` must then be
    /// decoded normally as well.
    mutating func decodeFEC(
        next payload: UnsafeRawBufferPointer, samplesPerChannel: Int, into frame: inout AudioFrame
    ) throws(AudioCodecError)
}

extension AudioDecoder {
    public mutating func decodeFEC(
        next payload: UnsafeRawBufferPointer, samplesPerChannel: Int, into frame: inout AudioFrame
    ) throws(AudioCodecError) {
        try decodeLoss(samplesPerChannel: samplesPerChannel, into: &frame)
    }

    /// Decodes a byte array into a new frame (allocates: for tests and tools).
    public mutating func decode(_ payload: [UInt8]) throws(AudioCodecError) -> AudioFrame {
        var frame = AudioFrame(sampleRate: descriptor.sampleRate, channels: descriptor.channels)
        let result = payload.withUnsafeBytes { bytes in
            Result { () throws(AudioCodecError) in try decode(bytes, into: &frame) }
        }
        try result.get()
        return frame
    }
}
