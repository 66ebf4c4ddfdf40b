/// What every real-time video encoder is opened with: picture size, bitrate, frame rate and keyframe interval.
public struct VideoEncoderSettings: Sendable, Hashable {
    public var width: Int
    public var height: Int
    /// Target bitrate in bits per second.
    public var bitrate: Int
    /// Input frames per second.
    public var frameRate: Int
    /// At most this many frames between keyframes (the GOP length); keyframes on request come on top.
    public var keyframeInterval: Int

    public init(width: Int, height: Int, bitrate: Int, frameRate: Int = 30, keyframeInterval: Int = 300) {
        self.width = width
        self.height = height
        self.bitrate = bitrate
        self.frameRate = frameRate
        self.keyframeInterval = keyframeInterval
    }
}
