import XCTest
@testable import OpusCodec

final class OpusCodecBuildTests: XCTestCase {
    func testModuleLoads() throws {}
}
