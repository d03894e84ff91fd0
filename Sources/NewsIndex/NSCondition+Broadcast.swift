import Foundation

extension NSCondition {
    /// Runs `body` holding the lock, then wakes every waiter: the shape of every state
    /// change the indexing threads wait on.
    func broadcasting<T>(_ body: () throws -> T) rethrows -> T {
        lock()
        defer {
            broadcast()
            unlock()
        }
        return try body()
    }
}
