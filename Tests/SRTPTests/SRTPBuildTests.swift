import XCTest
@testable import SRTP

final class SRTPBuildTests: XCTestCase {
    func testModuleLoads() throws {}
}
