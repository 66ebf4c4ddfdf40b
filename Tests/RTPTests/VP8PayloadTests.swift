import XCTest
@testable import RTP

final class VP8PayloadTests: XCTestCase {
    func testDescriptorRoundTripsEveryOptionalField() throws {
        let cases = [
            VP8PayloadDescriptor(startOfPartition: true),
            VP8PayloadDescriptor(nonReference: true, startOfPartition: false, partitionIndex: 3, pictureID: 17),
            VP8PayloadDescriptor(startOfPartition: true, pictureID: 0x1234, tl0PictureIndex: 9,
                                 temporalLayer: (2, true), keyIndex: 5),
            VP8PayloadDescriptor(startOfPartition: true, keyIndex: 31),
        ]
        for descriptor in cases {
            let bytes = descriptor.serialized()
            let (parsed, size) = try VP8PayloadDescriptor.parse((bytes + [0x9D])[...])
            XCTAssertEqual(parsed, descriptor)
            XCTAssertEqual(size, bytes.count)
        }
    }

    func testDescriptorWireExample() throws {
        // RFC 7741 §4.2: X=1, S=1; I=1 with M=1 → 15-bit picture ID 0x1234.
        let (descriptor, size) = try VP8PayloadDescriptor.parse([0x90, 0x80, 0x92, 0x34, 0x9D][...])
        XCTAssertTrue(descriptor.startOfPartition)
        XCTAssertEqual(descriptor.pictureID, 0x1234)
        XCTAssertEqual(size, 4)
        XCTAssertThrowsError(try VP8PayloadDescriptor.parse([0x90, 0x80, 0x92][...])) {
            XCTAssertEqual($0 as? PayloadFormatError, .truncated(needed: 4, available: 3))
        }
    }

    func testPacketizeAndReassembleWithLoss() {
        var packetizer = VP8Packetizer(maximumPayloadSize: 300, initialPictureID: 0x7FFF)
        var depacketizer = VP8Depacketizer()
        let keyframe: [UInt8] = [0x10] + [UInt8](repeating: 1, count: 999)  // P bit 0
        let delta: [UInt8] = [0x11] + [UInt8](repeating: 2, count: 499)
        var sequence: UInt16 = 65530
        var timestamp: UInt32 = 0
        func send(_ frame: [UInt8], dropping: Int? = nil) -> [VP8Depacketizer.Event] {
            let payloads = packetizer.packetize(frame: frame)
            defer {
                sequence &+= UInt16(payloads.count)
                timestamp &+= 3000
            }
            return payloads.indices.filter { $0 != dropping }.flatMap {
                depacketizer.push(sequenceNumber: sequence &+ UInt16($0), timestamp: timestamp,
                                  marker: $0 == payloads.count - 1, payload: payloads[$0][...])
            }
        }
        let first = send(keyframe)
        XCTAssertEqual(first, [.frame(.init(timestamp: 0, pictureID: 0x7FFF, bytes: keyframe))])
        XCTAssertEqual(send(delta), [.frame(.init(timestamp: 3000, pictureID: 0, bytes: delta))], "picture ID wraps")
        // The frame's first packet is lost: seen as soon as its marker packet arrives.
        XCTAssertEqual(send(delta, dropping: 0), [.requestKeyframe])
        XCTAssertEqual(send(delta), [], "delta frames wait for a keyframe")
        guard case .frame(let frame)? = send(keyframe).first else { return XCTFail("keyframe expected") }
        XCTAssertTrue(frame.isKeyframe)
        XCTAssertEqual(frame.bytes, keyframe)
    }
}
