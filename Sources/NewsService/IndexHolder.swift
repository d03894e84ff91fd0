import Foundation
import NewsIndex
import NewsText

/// Holds the index open for the service: the current `Snapshot`, replaced by a newer one when
/// a commit is published (`refresh`, called by `watch` every half second), and the workers'
/// permits, which bound the searches that run at once.
///
/// Requests take the snapshot that is current when they get a permit and keep it to the end,
/// so a swap never pauses or disturbs them; the old snapshot goes when its last request does.
public final class IndexHolder: @unchecked Sendable {
    public let directory: String
    public let limits: ServiceLimits
    let lexicon: Lexicon
    private let lock = NSLock()
    private var current: Snapshot
    private var permits: Int
    /// Requests waiting for a permit, first come first served (`head` is the next one).
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var head = 0
    /// Requests that took a permit and have not finished.
    private var running = 0
    /// Requests answered 503 for taking longer than `limits.requestSeconds`.
    private var overdue: [Int: CheckedContinuation<Answer, Never>] = [:]
    private var deadlines: [Int: ContinuousClock.Instant] = [:]
    private var nextRequest = 0
    private var reopened = 0
    private var lastError: String?

    /// Opens the newest commit in `directory`.
    /// - Throws: `IndexError.noIndex` when there is none, the reader's errors when it is damaged.
    public init(directory: String, limits: ServiceLimits = ServiceLimits()) throws {
        precondition(limits.workers >= 1, "a service needs a worker")
        self.directory = directory
        self.limits = limits
        lexicon = Lexicon.builtin(table: try CharacterTable.shared())
        current = try Snapshot(directory: directory, workers: limits.workers, lexicon: lexicon, limits: limits)
        permits = limits.workers
    }

    /// The snapshot new requests get.
    var snapshot: Snapshot { lock.withLock { current } }

    /// How the holder stands, for `/status`.
    var state: (snapshot: Snapshot, reopened: Int, running: Int, waiting: Int, lastError: String?) {
        lock.withLock { (current, reopened, running, waiting.count - head, lastError) }
    }

    /// Opens the newest commit if it is not the current one; returns whether it did.
    /// A failure (a damaged new commit) keeps the current snapshot and is kept for `/status`.
    @discardableResult
    public func refresh() -> Bool {
        do {
            guard let newest = try Commit.latestGeneration(in: directory), newest != snapshot.generation else { return false }
            let next = try Snapshot(directory: directory, workers: limits.workers, lexicon: lexicon, limits: limits)
            lock.withLock {
                current = next
                reopened += 1
                lastError = nil
            }
            return true
        } catch {
            lock.withLock { lastError = "\(error)" }
            return false
        }
    }

    /// Calls `refresh` every `interval` until the task is cancelled, and answers 503 to the
    /// requests that have run past their deadline.
    public func watch(every interval: Duration = .milliseconds(500)) async {
        var sinceRefresh = Duration.zero
        let tick = min(interval, .milliseconds(250))
        while !Task.isCancelled {
            try? await Task.sleep(for: tick)
            expireOverdue()
            sinceRefresh += tick
            if sinceRefresh >= interval {
                refresh()
                sinceRefresh = .zero
            }
        }
    }

    /// Runs `work` with a worker of the current snapshot, once a permit is free. Answers 503 at
    /// once when too many requests wait, and when the request takes longer than
    /// `limits.requestSeconds` (its work, which cannot be stopped half-way, keeps its permit
    /// until it ends, so the bound on running searches holds).
    func run(_ work: @escaping @Sendable (Worker, Snapshot) throws -> Answer) async -> Answer {
        let id: Int? = lock.withLock {
            guard waiting.count - head < limits.maxWaiting || permits > 0 else { return nil }
            nextRequest += 1
            deadlines[nextRequest] = .now + .milliseconds(Int(limits.requestSeconds * 1000))
            return nextRequest
        }
        guard let id else { return .error(.busy) }
        return await withCheckedContinuation { (answer: CheckedContinuation<Answer, Never>) in
            lock.withLock { overdue[id] = answer }
            Task {
                await self.acquire()
                // A request that is already answered (too late) does no work.
                let late = self.lock.withLock { self.overdue[id] == nil }
                var result = Answer.error(.tooSlow(self.limits.requestSeconds))
                if !late {
                    let snapshot = self.snapshot
                    let worker = snapshot.checkout()
                    do { result = try work(worker, snapshot) } catch { result = .error(ServiceError.from(error)) }
                    snapshot.checkin(worker)
                }
                self.release()
                self.finish(id, result)
            }
        }
    }

    private func finish(_ id: Int, _ answer: Answer) {
        let waiter: CheckedContinuation<Answer, Never>? = lock.withLock {
            deadlines[id] = nil
            return overdue.removeValue(forKey: id)
        }
        waiter?.resume(returning: answer)
    }

    private func expireOverdue() {
        let now = ContinuousClock.now
        let late: [CheckedContinuation<Answer, Never>] = lock.withLock {
            let ids = deadlines.filter { $0.value < now }.map(\.key)
            return ids.compactMap { id in
                deadlines[id] = nil
                return overdue.removeValue(forKey: id)
            }
        }
        for waiter in late { waiter.resume(returning: .error(.tooSlow(limits.requestSeconds))) }
    }

    private func acquire() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now: Bool = lock.withLock {
                guard permits > 0 else {
                    waiting.append(c)
                    return false
                }
                permits -= 1
                running += 1
                return true
            }
            if now { c.resume() }
        }
    }

    private func release() {
        let next: CheckedContinuation<Void, Never>? = lock.withLock {
            guard head < waiting.count else {
                permits += 1
                running -= 1
                return nil
            }
            // The permit passes to the next waiter.
            let c = waiting[head]
            head += 1
            if head > 1024 && head * 2 > waiting.count {
                waiting.removeFirst(head)
                head = 0
            }
            return c
        }
        next?.resume()
    }
}

extension IndexHolder {
    /// The commit generation served now.
    public var generation: UInt64 { snapshot.generation }
    /// Live articles in the commit served now.
    public var articleCount: Int { snapshot.articles }
}
