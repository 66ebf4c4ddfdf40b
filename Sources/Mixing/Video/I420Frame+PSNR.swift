/// Peak signal-to-noise ratio between two pictures (ITU-T J.340 / the usual 10·log10(255²/MSE) over all samples).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension I420Frame {
    /// PSNR of `other` against this frame over Y, U and V samples together (6 luma : 1 U : 1 V weighting, as
    /// 4:2:0 sampling gives). `nil` when the sizes differ; `.infinity` when the pictures are identical.
    public func psnr(to other: I420Frame) -> Double? {
        guard other.hasGeometry(width: width, height: height) else { return nil }
        let ySSE = Self.sumOfSquaredErrors(y, lumaStride, other.y, other.lumaStride, width, height)
        let uSSE = Self.sumOfSquaredErrors(u, chromaStride, other.u, other.chromaStride, chromaWidth, chromaHeight)
        let vSSE = Self.sumOfSquaredErrors(v, chromaStride, other.v, other.chromaStride, chromaWidth, chromaHeight)
        let samples = width * height + 2 * chromaWidth * chromaHeight
        return Self.psnr(sse: ySSE + uSSE + vSSE, samples: samples)
    }

    /// PSNR of the luma plane alone, the figure most codec reports quote.
    public func lumaPSNR(to other: I420Frame) -> Double? {
        guard other.hasGeometry(width: width, height: height) else { return nil }
        let sse = Self.sumOfSquaredErrors(y, lumaStride, other.y, other.lumaStride, width, height)
        return Self.psnr(sse: sse, samples: width * height)
    }

    static func psnr(sse: Int, samples: Int) -> Double {
        guard sse > 0 else { return .infinity }
        let mse = Double(sse) / Double(samples)
        return 10 * log10(255 * 255 / mse)
    }

    static func sumOfSquaredErrors(
        _ a: [UInt8], _ aStride: Int, _ b: [UInt8], _ bStride: Int, _ width: Int, _ height: Int
    ) -> Int {
        var sum = 0
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                for row in 0..<height {
                    let ra = row * aStride, rb = row * bStride
                    for col in 0..<width {
                        let d = Int(pa[ra + col]) - Int(pb[rb + col])
                        sum += d * d
                    }
                }
            }
        }
        return sum
    }
}
