import Mixing
import XCTest

/// Test helper: worst and mean PSNR over a run of decoded frames, each checked against its source.
struct PSNRTally {
    private(set) var frames = 0
    private(set) var worst = Double.infinity
    private var total = 0.0

    var mean: Double { frames == 0 ? 0 : total / Double(frames) }

    mutating func add(source: I420Frame, decoded: I420Frame, file: StaticString = #filePath, line: UInt = #line) {
        guard let psnr = source.psnr(to: decoded) else {
            return XCTFail("decoded \(decoded.width)x\(decoded.height), sent \(source.width)x\(source.height)",
                file: file, line: line)
        }
        frames += 1
        worst = min(worst, psnr)
        total += psnr
    }

    func assertFloors(frames expected: Int, worst worstFloor: Double, mean meanFloor: Double,
                      file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(frames, expected, "frames decoded", file: file, line: line)
        XCTAssertGreaterThanOrEqual(worst, worstFloor, "worst frame PSNR \(worst) dB", file: file, line: line)
        XCTAssertGreaterThanOrEqual(mean, meanFloor, "mean PSNR \(mean) dB", file: file, line: line)
    }
}
