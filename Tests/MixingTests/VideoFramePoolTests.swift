import XCTest
@testable import Mixing

final class VideoFramePoolTests: XCTestCase {
    func testFramesHavePaddedStridesAndHalfSizeChroma() {
        let frame = I420Frame(width: 321, height: 241)
        XCTAssertEqual(frame.chromaWidth, 161)
        XCTAssertEqual(frame.chromaHeight, 121)
        XCTAssertGreaterThanOrEqual(frame.lumaStride, 321)
        XCTAssertEqual(frame.lumaStride % I420Frame.strideAlignment, 0)
        XCTAssertEqual(frame.y.count, frame.lumaStride * 241)
        XCTAssertEqual(frame.u.count, frame.chromaStride * 121)
        XCTAssertEqual(frame.colour(atX: 320, y: 240), .black)
    }

    func testSteadyStateReusesTheSameBuffers() {
        // Given a pool that has served one frame and had it back
        var pool = VideoFramePool(capacity: 2)
        var first = pool.frame(width: 320, height: 240)
        let address = first.y.withUnsafeBufferPointer { $0.baseAddress }
        first.fill(.red)
        // `consume` ends this binding's hold on the buffers, so the next user owns them uniquely.
        pool.recycle(consume first)

        // When a stream takes, writes and returns a frame a hundred times
        for index in 0..<100 {
            var frame = pool.frame(width: 320, height: 240)
            XCTAssertEqual(frame.y.withUnsafeBufferPointer { $0.baseAddress }, address, "frame \(index) reallocated")
            frame.fill(VideoRect(x: 0, y: 0, width: 16, height: 16), with: .white)
            pool.recycle(consume frame)
        }

        // Then the pool allocated once
        XCTAssertEqual(pool.allocations, 1)
        XCTAssertEqual(pool.idleCount, 1)
    }

    func testAGeometryChangeDropsFramesOfTheOldSize() {
        var pool = VideoFramePool(capacity: 4)
        pool.recycle(pool.frame(width: 320, height: 240))
        let larger = pool.frame(width: 640, height: 480)
        XCTAssertTrue(larger.hasGeometry(width: 640, height: 480))
        XCTAssertEqual(pool.allocations, 2)
        pool.recycle(larger)
        XCTAssertEqual(pool.idleCount, 1)
    }

    func testThePoolKeepsNoMoreThanItsCapacity() {
        var pool = VideoFramePool(capacity: 2)
        let frames = (0..<5).map { _ in pool.frame(width: 64, height: 48) }
        for frame in frames { pool.recycle(frame) }
        XCTAssertEqual(pool.idleCount, 2)
    }
}
