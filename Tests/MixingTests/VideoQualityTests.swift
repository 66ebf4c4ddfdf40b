import XCTest
@testable import Mixing

final class VideoQualityTests: XCTestCase {
    func testIdenticalPicturesHaveInfinitePSNR() {
        let pattern = VideoTestPattern(width: 160, height: 120)
        XCTAssertEqual(pattern.frame(7).psnr(to: pattern.frame(7)), .infinity)
    }

    func testPSNRFollowsTheMeanSquaredError() {
        // Every sample off by 4: MSE 16, PSNR = 10·log10(65025 / 16) ≈ 36.09 dB.
        let a = I420Frame(width: 64, height: 48, colour: YUVColour(y: 100, u: 120, v: 130))
        let b = I420Frame(width: 64, height: 48, colour: YUVColour(y: 104, u: 124, v: 126))
        let psnr = try? XCTUnwrap(a.psnr(to: b))
        XCTAssertEqual(psnr ?? 0, 10 * log10(65025.0 / 16), accuracy: 1e-9)
        XCTAssertEqual(a.lumaPSNR(to: b) ?? 0, 10 * log10(65025.0 / 16), accuracy: 1e-9)
    }

    func testPSNRIgnoresStridePadding() {
        var a = I420Frame(width: 33, height: 17, colour: .grey)
        let b = I420Frame(width: 33, height: 17, colour: .grey)
        // Padding bytes past the row width are not picture samples.
        a.y[a.lumaStride - 1] = 0
        XCTAssertEqual(a.psnr(to: b), .infinity)
    }

    func testDifferentSizesHaveNoPSNR() {
        XCTAssertNil(I420Frame(width: 64, height: 48).psnr(to: I420Frame(width: 48, height: 64)))
    }

    func testTheTestPatternIsDeterministicAndMoves() throws {
        let pattern = VideoTestPattern(width: 320, height: 240)
        let first = pattern.frame(10)
        XCTAssertEqual(first.y, pattern.frame(10).y)
        XCTAssertEqual(first.u, pattern.frame(10).u)
        let next = try XCTUnwrap(first.psnr(to: pattern.frame(11)))
        XCTAssertLessThan(next, 30, "consecutive pictures should differ visibly")
        for row in stride(from: 0, to: 240, by: 7) {
            for col in stride(from: 0, to: 320, by: 5) {
                let luma = first.colour(atX: col, y: row).y
                XCTAssertTrue((16...235).contains(luma), "luma \(luma) at (\(col), \(row)) outside BT.601 range")
            }
        }
    }

    func testBouncingStaysInsideItsSpan() {
        for distance in -50...50 {
            XCTAssertTrue((0...10).contains(VideoTestPattern.bounce(distance, span: 10)))
        }
        XCTAssertEqual(VideoTestPattern.bounce(13, span: 10), 7)
    }
}
