import Foundation
import NewsIndex
import NewsText

/// One commit of the index, opened once for each worker, and never changed: requests that
/// started on it finish on it while a newer snapshot takes over. When the last request lets go
/// of an old snapshot, ARC frees its readers, whose memory maps are unmapped as they go
/// (`MappedFile.deinit`), so a merged-away segment's disk space comes back.
final class Snapshot: @unchecked Sendable {
    let generation: UInt64
    let articles: Int
    let segments: Int
    let deleted: Int
    let openedAt: Date
    private var free: [Worker]
    private let lock = NSLock()

    /// Opens the newest commit of `directory` `workers` times, all at the same generation.
    /// - Throws: `IndexError.noIndex` and the reader's errors for a damaged commit.
    init(directory: String, workers: Int, lexicon: Lexicon) throws {
        for _ in 0 ..< 20 {
            let readers = try (0 ..< workers).map { _ in try IndexReader.open(directory: directory) }
            let commit = readers[0].commit
            // A commit published while the readers were opening: open them all again.
            guard readers.allSatisfy({ $0.commit.generation == commit.generation }) else { continue }
            free = try readers.map { try Worker(reader: $0, lexicon: lexicon) }
            generation = commit.generation
            articles = commit.liveCount
            segments = commit.segments.count
            deleted = commit.segments.reduce(0) { $0 + Int($1.deletedCount) }
            openedAt = Date()
            return
        }
        throw ServiceError(status: 503, "the index changed 20 times while it was being opened; try again")
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
