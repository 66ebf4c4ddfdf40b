import XCTest

@testable import Mixing

final class CanvasTests: XCTestCase {
    func testFourTilesLandInTheirQuadrants() {
        // Given a 320x240 canvas and four 160x120 tiles of distinct colours
        var canvas = Canvas(width: 320, height: 240, background: .grey)
        let colours: [YUVColour] = [.red, .green, .blue, .yellow]
        let regions = [
            VideoRect(x: 0, y: 0, width: 160, height: 120), VideoRect(x: 160, y: 0, width: 160, height: 120),
            VideoRect(x: 0, y: 120, width: 160, height: 120), VideoRect(x: 160, y: 120, width: 160, height: 120),
        ]

        // When each tile is placed in its quadrant
        canvas.clear()
        for (colour, region) in zip(colours, regions) {
            canvas.place(I420Frame(width: 160, height: 120, colour: colour), in: region)
        }

        // Then every sample of each quadrant has its tile's colour, corners included
        for (colour, region) in zip(colours, regions) {
            for (dx, dy) in [(0, 0), (159, 0), (0, 119), (159, 119), (80, 60)] {
                XCTAssertEqual(canvas.frame.colour(atX: region.x + dx, y: region.y + dy), colour, "\(region)")
            }
        }
    }

    func testBackgroundShowsAroundASmallTile() {
        var canvas = Canvas(width: 128, height: 96, background: .black)
        canvas.place(
            I420Frame(width: 32, height: 32, colour: .white), in: VideoRect(x: 48, y: 32, width: 32, height: 32))
        XCTAssertEqual(canvas.frame.colour(atX: 48, y: 32), .white)
        XCTAssertEqual(canvas.frame.colour(atX: 79, y: 63), .white)
        XCTAssertEqual(canvas.frame.colour(atX: 46, y: 32), .black)
        XCTAssertEqual(canvas.frame.colour(atX: 80, y: 63), .black)
        XCTAssertEqual(canvas.frame.colour(atX: 48, y: 64), .black)
    }

    func testATileHangingOffTheCanvasIsCropped() {
        var canvas = Canvas(width: 64, height: 64, background: .black)
        var tile = I420Frame(width: 32, height: 32, colour: .blue)
        tile.fill(VideoRect(x: 16, y: 16, width: 16, height: 16), with: .red)
        // Only the tile's bottom-right quarter lands on the canvas, at its top-left corner.
        canvas.place(tile, in: VideoRect(x: -16, y: -16, width: 32, height: 32))
        XCTAssertEqual(canvas.frame.colour(atX: 0, y: 0), .red)
        XCTAssertEqual(canvas.frame.colour(atX: 15, y: 15), .red)
        XCTAssertEqual(canvas.frame.colour(atX: 16, y: 16), .black)
    }

    func testATileHangingOffTheBottomRightIsCropped() {
        var canvas = Canvas(width: 64, height: 64, background: .black)
        let tile = I420Frame(width: 32, height: 32, colour: .white)
        canvas.place(tile, in: VideoRect(x: 48, y: 48, width: 32, height: 32))
        XCTAssertEqual(canvas.frame.colour(atX: 48, y: 48), .white)
        XCTAssertEqual(canvas.frame.colour(atX: 63, y: 63), .white)
        XCTAssertEqual(canvas.frame.colour(atX: 47, y: 63), .black)
    }

    func testAnOddOriginPlacesLumaExactlyAndKeepsChromaInside() {
        var canvas = Canvas(width: 65, height: 49, background: .black)
        canvas.place(I420Frame(width: 33, height: 25, colour: .red), in: VideoRect(x: 31, y: 23, width: 33, height: 25))
        XCTAssertEqual(canvas.frame.colour(atX: 31, y: 23).y, YUVColour.red.y)
        XCTAssertEqual(canvas.frame.colour(atX: 63, y: 47).y, YUVColour.red.y)
        XCTAssertEqual(canvas.frame.colour(atX: 30, y: 23).y, YUVColour.black.y)
        XCTAssertEqual(canvas.frame.colour(atX: 64, y: 48), .black)
        XCTAssertEqual(canvas.frame.colour(atX: 40, y: 30), .red)
    }

    func testARegionSmallerThanTheTileCropsIt() {
        var canvas = Canvas(width: 64, height: 64, background: .black)
        canvas.place(I420Frame(width: 64, height: 64, colour: .green), in: VideoRect(x: 0, y: 0, width: 32, height: 16))
        XCTAssertEqual(canvas.frame.colour(atX: 31, y: 15), .green)
        XCTAssertEqual(canvas.frame.colour(atX: 32, y: 0), .black)
        XCTAssertEqual(canvas.frame.colour(atX: 0, y: 16), .black)
    }

    func testFillPaintsOnlyItsRegion() {
        var canvas = Canvas(width: 64, height: 64)
        canvas.fill(VideoRect(x: 10, y: 10, width: 20, height: 20), with: .yellow)
        XCTAssertEqual(canvas.frame.colour(atX: 10, y: 10), .yellow)
        XCTAssertEqual(canvas.frame.colour(atX: 29, y: 29), .yellow)
        XCTAssertEqual(canvas.frame.colour(atX: 31, y: 31), .black)
    }
}
