import Foundation

/// State shared between event loops and callers, guarded by a lock. Never call out (futures, handlers) while holding
/// it: completion callbacks may run inline and come back in.
final class LockedState<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
