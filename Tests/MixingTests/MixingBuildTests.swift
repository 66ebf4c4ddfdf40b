import XCTest
@testable import Mixing

final class MixingBuildTests: XCTestCase {
    func testModuleLoads() throws {}
}
