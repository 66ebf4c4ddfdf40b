/// Why the media path refused a leg or a change to it.
public enum MediaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No codec implementation for what was negotiated.
    case codec(String)
    /// The SDES keys could not be installed (RFC 4568 / RFC 3711).
    case srtp(String)
    /// No free RTP port in the configured range.
    case noPorts(range: ClosedRange<Int>)
    /// A socket could not be bound.
    case bind(String)
    /// The leg is not (or no longer) in the room.
    case unknownLeg(UInt32)

    public var description: String {
        switch self {
        case .codec(let why): "codec: \(why)"
        case .srtp(let why): "SRTP: \(why)"
        case .noPorts(let range): "no free RTP port pair in \(range.lowerBound)-\(range.upperBound)"
        case .bind(let why): "could not bind an RTP socket: \(why)"
        case .unknownLeg(let id): "no media leg \(id)"
        }
    }
}
