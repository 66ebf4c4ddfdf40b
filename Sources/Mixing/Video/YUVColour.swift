/// One colour as 8-bit Y'CbCr samples (ITU-R BT.601, limited range: Y 16–235, Cb/Cr 16–240).
public struct YUVColour: Sendable, Hashable, CustomStringConvertible {
    public var y: UInt8
    public var u: UInt8
    public var v: UInt8

    public init(y: UInt8, u: UInt8, v: UInt8) {
        self.y = y
        self.u = u
        self.v = v
    }

    public static let black = YUVColour(y: 16, u: 128, v: 128)
    public static let white = YUVColour(y: 235, u: 128, v: 128)
    public static let grey = YUVColour(y: 126, u: 128, v: 128)
    // BT.601 limited-range primaries.
    public static let red = YUVColour(y: 81, u: 90, v: 240)
    public static let green = YUVColour(y: 145, u: 54, v: 34)
    public static let blue = YUVColour(y: 41, u: 240, v: 110)
    public static let yellow = YUVColour(y: 210, u: 16, v: 146)

    public var description: String { "YUV(\(y), \(u), \(v))" }

    /// Whether every component is within `tolerance` of `other`'s (scaling and coding move samples a little).
    public func isClose(to other: YUVColour, tolerance: Int) -> Bool {
        abs(Int(y) - Int(other.y)) <= tolerance && abs(Int(u) - Int(other.u)) <= tolerance
            && abs(Int(v) - Int(other.v)) <= tolerance
    }
}
