/// A conference participant as the mixer knows it: a small number the room assigns (no meaning of its own).
public struct ParticipantID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: UInt32

    public init(_ rawValue: UInt32) { self.rawValue = rawValue }

    public static func < (lhs: ParticipantID, rhs: ParticipantID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "participant \(rawValue)" }
}
