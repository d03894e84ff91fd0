import Foundation
import NewsIndex
import NewsSearch
import NewsText

/// One commit of the index, opened once and never changed: requests that started on it finish
/// on it while a newer snapshot takes over. Its workers share the one `IndexReader` (segment
/// readers are thread-safe) and its `StoreBlockCache`, so an article one request inflated is
/// at hand for the next, and `SnapshotCache`s of the totals and pages worked out on it. When the last request lets go of an old snapshot, ARC frees its
/// reader and caches, whose memory maps are unmapped as they go (`MappedFile.deinit`), so a
/// merged-away segment's disk space comes back.
final class Snapshot: @unchecked Sendable {
    let generation: UInt64
    let articles: Int
    let segments: Int
    let deleted: Int
    let openedAt: Date
    let storeCache: StoreBlockCache
    /// Totals of `/search` counted on this commit, and its ranked pages.
    let totals: SnapshotCache<Int>
    let pages: SnapshotCache<ResultPage>
    private var free: [Worker]
    private let lock = NSLock()

    /// Opens the newest commit of `directory` with `workers` workers over it.
    /// - Throws: `IndexError.noIndex` and the reader's errors for a damaged commit.
    init(directory: String, workers: Int, lexicon: Lexicon, limits: ServiceLimits) throws {
        storeCache = StoreBlockCache(budget: limits.storeCacheBytes)
        totals = SnapshotCache(budget: limits.totalCacheBytes)
        pages = SnapshotCache(budget: limits.pageCacheBytes)
        let reader = try IndexReader.open(directory: directory, storeCache: storeCache)
        let commit = reader.commit
        free = try (0 ..< workers).map { _ in try Worker(reader: reader, lexicon: lexicon) }
        generation = commit.generation
        articles = commit.liveCount
        segments = commit.segments.count
        deleted = commit.segments.reduce(0) { $0 + Int($1.deletedCount) }
        openedAt = Date()
    }

    /// `openedAt` as ISO 8601 (UTC).
    var openedText: String { ISO8601DateFormatter().string(from: openedAt) }

    /// A free worker. The holder hands out at most `workers` permits across all snapshots, and
    /// every snapshot has that many workers, so one is always free for a permit's holder.
    func checkout() -> Worker {
        lock.lock()
        defer { lock.unlock() }
        guard let worker = free.popLast() else { preconditionFailure("more requests than workers on one snapshot") }
        return worker
    }

    func checkin(_ worker: Worker) {
        lock.lock()
        free.append(worker)
        lock.unlock()
    }
}
