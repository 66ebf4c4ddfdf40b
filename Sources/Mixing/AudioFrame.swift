/// Linear PCM audio frames (interleaved, RFC 3551 §4.5.11 L16 sample conventions) that codecs fill and the mixer reads.

/// How the samples of an `AudioFrame` are stored.
public enum AudioSampleFormat: Sendable, Equatable {
    /// Signed 16-bit linear PCM, full scale ±32767.
    case int16
    /// 32-bit float, full scale ±1.0.
    case float32
}

/// One block of interleaved PCM audio.
///
/// The storage is reusable: `reshape` keeps the allocated capacity, so a decoder that fills the same frame every
/// packet allocates nothing in steady state. Only the storage matching `format` holds samples.
public struct AudioFrame: Sendable {
    public private(set) var format: AudioSampleFormat
    public private(set) var sampleRate: Int
    public private(set) var channels: Int
    /// Samples per channel (the number of sampling instants in the frame).
    public private(set) var samplesPerChannel: Int
    private var int16Storage: [Int16]
    private var floatStorage: [Float]

    /// An empty frame (no samples) in the given format; call `reshape` to size it.
    public init(format: AudioSampleFormat = .int16, sampleRate: Int, channels: Int, samplesPerChannel: Int = 0) {
        precondition(sampleRate > 0 && channels > 0 && samplesPerChannel >= 0, "invalid audio frame shape")
        self.format = format
        self.sampleRate = sampleRate
        self.channels = channels
        self.samplesPerChannel = 0
        int16Storage = []
        floatStorage = []
        reshape(format: format, sampleRate: sampleRate, channels: channels, samplesPerChannel: samplesPerChannel)
    }

    /// A frame holding `samples` (interleaved) as 16-bit PCM.
    public init(int16 samples: [Int16], sampleRate: Int, channels: Int) {
        precondition(sampleRate > 0 && channels > 0 && samples.count % channels == 0, "invalid audio frame shape")
        format = .int16
        self.sampleRate = sampleRate
        self.channels = channels
        samplesPerChannel = samples.count / channels
        int16Storage = samples
        floatStorage = []
    }

    /// A frame holding `samples` (interleaved) as float PCM.
    public init(float samples: [Float], sampleRate: Int, channels: Int) {
        precondition(sampleRate > 0 && channels > 0 && samples.count % channels == 0, "invalid audio frame shape")
        format = .float32
        self.sampleRate = sampleRate
        self.channels = channels
        samplesPerChannel = samples.count / channels
        int16Storage = []
        floatStorage = samples
    }

    /// All samples of all channels.
    public var sampleCount: Int { samplesPerChannel * channels }

    /// How long the frame plays.
    public var duration: Duration {
        .nanoseconds(Int64(samplesPerChannel) * 1_000_000_000 / Int64(sampleRate))
    }

    /// Changes the shape, keeping allocated capacity. Sample values are unspecified afterwards (new ones are zero).
    public mutating func reshape(format: AudioSampleFormat, sampleRate: Int, channels: Int, samplesPerChannel: Int) {
        precondition(sampleRate > 0 && channels > 0 && samplesPerChannel >= 0, "invalid audio frame shape")
        self.format = format
        self.sampleRate = sampleRate
        self.channels = channels
        self.samplesPerChannel = samplesPerChannel
        let count = samplesPerChannel * channels
        switch format {
        case .int16: Self.resize(&int16Storage, to: count)
        case .float32: Self.resize(&floatStorage, to: count)
        }
    }

    /// Changes only the number of samples per channel, keeping format, rate and channels.
    public mutating func resize(samplesPerChannel: Int) {
        reshape(format: format, sampleRate: sampleRate, channels: channels, samplesPerChannel: samplesPerChannel)
    }

    private static func resize<T: Numeric>(_ storage: inout [T], to count: Int) {
        if storage.count > count {
            storage.removeLast(storage.count - count)
        } else if storage.count < count {
            storage.append(contentsOf: repeatElement(0, count: count - storage.count))
        }
    }

    /// Reads the 16-bit samples. The frame must be in `.int16` format.
    public func withInt16Samples<R, E: Error>(_ body: (UnsafeBufferPointer<Int16>) throws(E) -> R) throws(E) -> R {
        precondition(format == .int16, "audio frame is not 16-bit PCM")
        return try int16Storage.withUnsafeBufferPointer(body)
    }

    /// Writes the 16-bit samples in place. The frame must be in `.int16` format.
    public mutating func withMutableInt16Samples<R, E: Error>(
        _ body: (inout UnsafeMutableBufferPointer<Int16>) throws(E) -> R
    ) throws(E) -> R {
        precondition(format == .int16, "audio frame is not 16-bit PCM")
        return try int16Storage.withUnsafeMutableBufferPointer(body)
    }

    /// Reads the float samples. The frame must be in `.float32` format.
    public func withFloatSamples<R, E: Error>(_ body: (UnsafeBufferPointer<Float>) throws(E) -> R) throws(E) -> R {
        precondition(format == .float32, "audio frame is not float PCM")
        return try floatStorage.withUnsafeBufferPointer(body)
    }

    /// Writes the float samples in place. The frame must be in `.float32` format.
    public mutating func withMutableFloatSamples<R, E: Error>(
        _ body: (inout UnsafeMutableBufferPointer<Float>) throws(E) -> R
    ) throws(E) -> R {
        precondition(format == .float32, "audio frame is not float PCM")
        return try floatStorage.withUnsafeMutableBufferPointer(body)
    }

    /// The samples as 16-bit PCM (converted, with clipping, if the frame is float). Allocates: for tests and tools.
    public var int16Samples: [Int16] {
        switch format {
        case .int16: return int16Storage
        case .float32: return floatStorage.map(AudioSampleConversion.int16)
        }
    }

    /// The samples as float PCM (converted if the frame is 16-bit). Allocates: for tests and tools.
    public var floatSamples: [Float] {
        switch format {
        case .int16: return int16Storage.map(AudioSampleConversion.float)
        case .float32: return floatStorage
        }
    }
}
