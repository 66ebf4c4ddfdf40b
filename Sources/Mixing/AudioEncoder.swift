/// The encoder protocol the mixer sees: PCM frame in, one RTP payload out (RFC 3551 §4, one frame per packet).
public protocol AudioEncoder {
    /// The codec this encoder produces.
    var descriptor: AudioCodecDescriptor { get }

    /// Encodes `frame` (at `descriptor.sampleRate` and `descriptor.channels`) into `output`; returns the byte count.
    mutating func encode(
        _ frame: AudioFrame, into output: UnsafeMutableRawBufferPointer
    ) throws(AudioCodecError) -> Int
}

extension AudioEncoder {
    /// Encodes into a new array (allocates: for tests and tools; the packet path uses `encode(_:into:)`).
    public mutating func encode(_ frame: AudioFrame, maximumBytes: Int = 1500) throws(AudioCodecError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: maximumBytes)
        let result = bytes.withUnsafeMutableBytes { output in
            Result { () throws(AudioCodecError) -> Int in try encode(frame, into: output) }
        }
        let count = try result.get()
        bytes.removeLast(maximumBytes - count)
        return bytes
    }

    /// Checks that `frame` has the codec's sample rate and channels.
    public func requireShape(of frame: AudioFrame) throws(AudioCodecError) {
        guard frame.sampleRate == descriptor.sampleRate, frame.channels == descriptor.channels else {
            throw .unsupportedFrame(
                codec: descriptor.name,
                expected: "\(descriptor.sampleRate) Hz × \(descriptor.channels) channel(s)",
                got: "\(frame.sampleRate) Hz × \(frame.channels) channel(s)")
        }
    }
}
