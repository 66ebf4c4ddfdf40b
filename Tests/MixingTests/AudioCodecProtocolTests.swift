import XCTest
@testable import Mixing

/// The codec protocols' shared behaviour, with a fake codec: the mixer must work with any codec that conforms.
final class AudioCodecProtocolTests: XCTestCase {
    /// A fake "codec": the high byte of each 16-bit sample, counting what it was asked to do.
    private struct HighByteCodec: AudioEncoder, AudioDecoder {
        let descriptor = AudioCodecDescriptor(name: "X-HIGH", rtpClockRate: 8000, sampleRate: 8000, channels: 1)
        var losses = 0

        func encode(_ frame: AudioFrame, into output: UnsafeMutableRawBufferPointer) throws(AudioCodecError) -> Int {
            try requireShape(of: frame)
            guard output.count >= frame.sampleCount else {
                throw .outputBufferTooSmall(codec: descriptor.name, needed: frame.sampleCount, available: output.count)
            }
            for (index, sample) in frame.int16Samples.enumerated() { output[index] = UInt8(bitPattern: Int8(sample >> 8)) }
            return frame.sampleCount
        }

        func decode(_ payload: UnsafeRawBufferPointer, into frame: inout AudioFrame) throws(AudioCodecError) {
            frame.reshape(format: .int16, sampleRate: 8000, channels: 1, samplesPerChannel: payload.count)
            frame.withMutableInt16Samples { samples in
                for index in payload.indices { samples[index] = Int16(Int8(bitPattern: payload[index])) << 8 }
            }
        }

        mutating func decodeLoss(samplesPerChannel: Int, into frame: inout AudioFrame) throws(AudioCodecError) {
            losses += 1
            frame.reshape(format: .int16, sampleRate: 8000, channels: 1, samplesPerChannel: samplesPerChannel)
        }
    }

    func testArrayEncodingKeepsOnlyTheWrittenBytes() throws {
        var codec = HighByteCodec()
        let payload = try codec.encode(AudioFrame(int16: [0x0100, -0x0200, 0x7F00], sampleRate: 8000, channels: 1))
        XCTAssertEqual(payload, [0x01, 0xFE, 0x7F])
        XCTAssertEqual(try codec.decode(payload).int16Samples, [0x0100, -0x0200, 0x7F00])
    }

    func testTooSmallABufferIsATypedError() {
        var codec = HighByteCodec()
        let frame = AudioFrame(sampleRate: 8000, channels: 1, samplesPerChannel: 160)
        XCTAssertThrowsError(try codec.encode(frame, maximumBytes: 100)) { error in
            XCTAssertEqual(error as? AudioCodecError, .outputBufferTooSmall(codec: "X-HIGH", needed: 160, available: 100))
        }
    }

    func testCodecsWithoutFECConcealInstead() throws {
        var codec = HighByteCodec()
        var frame = AudioFrame(sampleRate: 8000, channels: 1)
        try [UInt8](repeating: 1, count: 160).withUnsafeBytes {
            try codec.decodeFEC(next: $0, samplesPerChannel: 160, into: &frame)
        }
        XCTAssertEqual(codec.losses, 1)
        XCTAssertEqual(frame.samplesPerChannel, 160)
    }

    func testDescriptorsFollowRFC3551() {
        XCTAssertEqual(AudioCodecDescriptor.pcmu.staticPayloadType, 0)
        XCTAssertEqual(AudioCodecDescriptor.pcma.staticPayloadType, 8)
        XCTAssertEqual(AudioCodecDescriptor.g722.staticPayloadType, 9)
        XCTAssertEqual(AudioCodecDescriptor.g722.samplesPerChannel(ptime: 20), 320)
        XCTAssertEqual(AudioCodecDescriptor.g722.rtpTimestampIncrement(ptime: 20), 160, "G.722 keeps an 8 kHz clock")
        XCTAssertEqual(AudioCodecDescriptor.opus(channels: 2).rtpTimestampIncrement(ptime: 20), 960)
    }
}
