/// Hands out RTP/RTCP port pairs from the configured range (RFC 3550 §11: RTP on an even port, RTCP on the next).
import Synchronization

public final class RTPPortAllocator: Sendable {
    public let range: ClosedRange<Int>
    private let state: Mutex<State>

    private struct State {
        var inUse: Set<Int> = []
        var next: Int
    }

    /// `range` must hold at least one even port with its odd successor.
    public init(range: ClosedRange<Int>) {
        let low = range.lowerBound + (range.lowerBound % 2)
        precondition(low + 1 <= range.upperBound, "the RTP port range holds no even/odd pair")
        self.range = low...range.upperBound
        state = Mutex(State(next: low))
    }

    /// Even ports to try in turn, starting after the last one handed out (so a port just freed is not reused at
    /// once, and a stray late packet of an old call does not land in a new one). Each is reserved until `release`.
    public func reserve() -> Int? {
        state.withLock { state in
            let pairs = (range.upperBound - range.lowerBound + 1) / 2
            for _ in 0..<pairs {
                let port = state.next
                state.next = port + 2 + 1 > range.upperBound ? range.lowerBound : port + 2
                if !state.inUse.contains(port) {
                    state.inUse.insert(port)
                    return port
                }
            }
            return nil
        }
    }

    public func release(_ port: Int) { _ = state.withLock { $0.inUse.remove(port) } }

    public var reservedCount: Int { state.withLock { $0.inUse.count } }
}
