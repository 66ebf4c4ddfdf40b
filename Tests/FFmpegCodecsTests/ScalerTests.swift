import Mixing
import XCTest

@testable import FFmpegCodecs

final class ScalerTests: XCTestCase {
    func testScalingAFlatColourKeepsTheColour() throws {
        let scaler = Scaler()
        let source = I420Frame(width: 320, height: 240, colour: .red)
        for (width, height) in [(160, 120), (640, 480), (177, 99), (2, 2)] {
            var destination = I420Frame(width: width, height: height, colour: .black)
            try scaler.scale(source, into: &destination)
            for (x, y) in [(0, 0), (width - 1, height - 1), (width / 2, height / 2)] {
                let colour = destination.colour(atX: x, y: y)
                XCTAssertTrue(colour.isClose(to: .red, tolerance: 1), "\(colour) at (\(x), \(y)) of \(width)x\(height)")
            }
        }
    }

    func testDownAndUpAgainKeepsThePicture() throws {
        // A smooth picture halved and doubled keeps its likeness (bilinear loses only fine detail).
        var source = I420Frame(width: 320, height: 240)
        let stride = source.lumaStride
        source.withMutablePlanes { y, _, _ in
            for row in 0..<240 {
                for col in 0..<320 { y[row * stride + col] = UInt8(16 + (col + row) / 3) }
            }
        }
        let scaler = Scaler(), back = Scaler()
        var half = I420Frame(width: 160, height: 120)
        var restored = I420Frame(width: 320, height: 240)
        try scaler.scale(source, into: &half)
        try back.scale(half, into: &restored)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(source.psnr(to: restored)), 35)
    }

    func testFourScaledTilesComposeIntoTheirQuadrants() throws {
        // Given four participants' pictures at their own sizes and colours
        let sources = [
            I420Frame(width: 320, height: 240, colour: .red), I420Frame(width: 176, height: 144, colour: .green),
            I420Frame(width: 640, height: 360, colour: .blue), I420Frame(width: 160, height: 120, colour: .yellow),
        ]
        var canvas = Canvas(width: 320, height: 240, background: .black)
        var pool = VideoFramePool()
        let scalers = sources.map { _ in Scaler() }

        // When each is scaled to a 160x120 tile and placed in its quadrant of a 2x2 layout
        canvas.clear()
        for (index, source) in sources.enumerated() {
            var tile = pool.frame(width: 160, height: 120)
            try scalers[index].scale(source, into: &tile)
            canvas.place(tile, in: VideoRect(x: (index % 2) * 160, y: (index / 2) * 120, width: 160, height: 120))
            pool.recycle(consume tile)
        }

        // Then each quadrant shows its participant's colour
        for (index, source) in sources.enumerated() {
            let expected = source.colour(atX: 0, y: 0)
            for (dx, dy) in [(0, 0), (159, 119), (80, 60)] {
                let colour = canvas.frame.colour(atX: (index % 2) * 160 + dx, y: (index / 2) * 120 + dy)
                XCTAssertTrue(colour.isClose(to: expected, tolerance: 1), "tile \(index): \(colour)")
            }
        }
        XCTAssertEqual(pool.allocations, 1)
    }
}
