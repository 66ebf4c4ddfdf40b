/// The reusable result of a mixer tick: encoded payloads, their recipients and the tick's statistics.
///
/// Keep one per room and pass it to every `tick(into:)`: its arrays keep their capacity, so steady-state ticks allocate
/// nothing. Bytes and recipients are read as slices, valid until the next tick.
public struct MixerOutput: Sendable {
    public private(set) var payloads: [MixerPayload] = []
    public private(set) var recipientStorage: [ParticipantID] = []
    public private(set) var byteStorage: [UInt8] = []
    public internal(set) var statistics = MixerTickStatistics()
    /// The room the encoder is given for one payload.
    public let maximumPayloadBytes: Int
    private var usedBytes = 0

    public init(maximumPayloadBytes: Int = 1500) {
        precondition(maximumPayloadBytes > 0, "payloads need at least one byte")
        self.maximumPayloadBytes = maximumPayloadBytes
    }

    public func bytes(of payload: MixerPayload) -> ArraySlice<UInt8> { byteStorage[payload.byteRange] }

    public func recipients(of payload: MixerPayload) -> ArraySlice<ParticipantID> {
        recipientStorage[payload.recipientRange]
    }

    /// The payload `participant` receives this tick, if any (a linear search: for tests and tools).
    public func payload(for participant: ParticipantID) -> MixerPayload? {
        payloads.first { recipients(of: $0).contains(participant) }
    }

    mutating func reset() {
        payloads.removeAll(keepingCapacity: true)
        recipientStorage.removeAll(keepingCapacity: true)
        usedBytes = 0
        statistics = MixerTickStatistics()
    }

    /// Adds a recipient to the payload being built.
    mutating func appendRecipient(_ participant: ParticipantID) { recipientStorage.append(participant) }

    /// Encodes the payload whose recipients were appended since `recipientStart`; on failure they are dropped again.
    mutating func finishPayload(
        kind: MixerPayload.Kind, group: AudioCodecGroup, isSilence: Bool, recipientStart: Int,
        encode: (UnsafeMutableRawBufferPointer) throws(AudioCodecError) -> Int
    ) throws(AudioCodecError) {
        let start = usedBytes
        let end = start + maximumPayloadBytes
        if byteStorage.count < end { byteStorage.append(contentsOf: repeatElement(0, count: end - byteStorage.count)) }
        let result = byteStorage.withUnsafeMutableBytes { bytes in
            Result { () throws(AudioCodecError) -> Int in
                try encode(UnsafeMutableRawBufferPointer(rebasing: bytes[start..<end]))
            }
        }
        switch result {
        case .success(let count):
            usedBytes = start + count
            payloads.append(MixerPayload(
                kind: kind, group: group, isSilence: isSilence, byteRange: start..<(start + count),
                recipientRange: recipientStart..<recipientStorage.count))
        case .failure(let error):
            recipientStorage.removeLast(recipientStorage.count - recipientStart)
            throw error
        }
    }
}
