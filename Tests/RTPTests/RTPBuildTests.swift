import XCTest
@testable import RTP

final class RTPBuildTests: XCTestCase {
    func testModuleLoads() throws {}
}
