import XCTest
@testable import RTP

final class SequenceNumberTests: XCTestCase {
    func testDistanceAcrossWrap() {
        XCTAssertEqual(SequenceNumber.distance(from: 65534, to: 1), 3)
        XCTAssertEqual(SequenceNumber.distance(from: 1, to: 65534), -3)
        XCTAssertTrue(SequenceNumber.isNewer(2, than: 65530))
        XCTAssertFalse(SequenceNumber.isNewer(65530, than: 2))
        XCTAssertEqual(RTPTimestamp.distance(from: 0xFFFF_FFF0, to: 0x10), 0x20)
    }

    func testUnwrapperExtendsAcrossCyclesAndToleratesReordering() {
        var unwrapper = SequenceNumberUnwrapper()
        XCTAssertEqual(unwrapper.unwrap(65534), 65534)
        XCTAssertEqual(unwrapper.unwrap(65535), 65535)
        XCTAssertEqual(unwrapper.unwrap(1), 65537)
        XCTAssertEqual(unwrapper.unwrap(0), 65536, "late packet from the new cycle")
        XCTAssertEqual(unwrapper.unwrap(65533), 65533, "late packet from the old cycle")
        XCTAssertEqual(unwrapper.unwrap(2), 65538)
    }

    func testTimestampUnwrapper() {
        var unwrapper = TimestampUnwrapper()
        XCTAssertEqual(unwrapper.unwrap(0xFFFF_FF00), 0xFFFF_FF00)
        XCTAssertEqual(unwrapper.unwrap(0x0000_0100), 0x1_0000_0100)
    }
}
