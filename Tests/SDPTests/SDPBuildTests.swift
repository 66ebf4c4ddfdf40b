import XCTest
@testable import SDP

final class SDPBuildTests: XCTestCase {
    func testModuleLoads() throws {}
}
