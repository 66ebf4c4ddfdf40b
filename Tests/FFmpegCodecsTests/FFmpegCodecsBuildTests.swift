import XCTest
@testable import FFmpegCodecs

final class FFmpegCodecsBuildTests: XCTestCase {
    func testModuleLoads() throws {}
}
