import Foundation

/// Collects values that arrive on event loops so a test can await them one by one, with a deadline so a missing
/// value fails the test instead of hanging it.
final class Inbox<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Element] = []
    private var waiter: (generation: Int, continuation: CheckedContinuation<Element?, Never>)?
    private var generation = 0

    func put(_ item: Element) {
        lock.lock()
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.continuation.resume(returning: item)
        } else {
            items.append(item)
            lock.unlock()
        }
    }

    /// The next value, or nil if none arrives within `timeout`.
    func next(within timeout: Duration = .seconds(5)) async -> Element? {
        await withCheckedContinuation { continuation in
            lock.lock()
            if !items.isEmpty {
                let item = items.removeFirst()
                lock.unlock()
                continuation.resume(returning: item)
                return
            }
            generation += 1
            let mine = generation
            waiter = (mine, continuation)
            lock.unlock()
            Task {
                try? await Task.sleep(for: timeout)
                self.expire(generation: mine)
            }
        }
    }

    /// Values received so far and not yet taken.
    var pending: [Element] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }

    private func expire(generation: Int) {
        lock.lock()
        guard let waiter, waiter.generation == generation else {
            lock.unlock()
            return
        }
        self.waiter = nil
        lock.unlock()
        waiter.continuation.resume(returning: nil)
    }
}
