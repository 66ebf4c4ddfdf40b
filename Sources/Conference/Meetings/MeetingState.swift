/// Where a booking is in its life. A repeating booking stays `scheduled` (its occurrences run and end one by one)
/// until it is cancelled or its last occurrence has ended.
public enum MeetingState: String, Hashable, Sendable, Codable {
    /// Waiting for its (next) start.
    case scheduled
    /// A one-off meeting in progress.
    case running
    /// Over; nothing more will happen.
    case ended
    /// Called off by an operator; nothing more will happen.
    case cancelled

    /// Still to run, or running: the booking holds its room.
    public var isActive: Bool { self == .scheduled || self == .running }
}
