#if canImport(Glibc)
import Glibc
#endif
import IndexFormat

/// A point-in-time view of an index: the newest commit and its segments. Later
/// commits are not seen; reopen to see them.
public final class IndexReader: @unchecked Sendable {
    public let directory: String
    public let commit: Commit
    public let segments: [SegmentReader]

    init(directory: String, commit: Commit, segments: [SegmentReader]) {
        self.directory = directory
        self.commit = commit
        self.segments = segments
    }

    /// Opens the newest commit in `directory`. If a writer removes files
    /// between listing and opening, it looks again (up to five times).
    /// `storeCache` keeps inflated blocks of stored articles for reuse (a server that shows
    /// the same articles often); without it, each segment keeps the last block it read.
    /// - Throws: `IndexError.noIndex` when there is no commit yet.
    public static func open(directory: String, storeCache: StoreBlockCache? = nil) throws -> IndexReader {
        var attempt = 0
        while true {
            attempt += 1
            guard FileSystem.exists(directory) else { throw IndexError.noIndex(path: directory) }
            guard let generation = try Commit.latestGeneration(in: directory) else { throw IndexError.noIndex(path: directory) }
            do {
                let commit = try Commit.read(directory: directory, generation: generation)
                let segments = try commit.segments.map { try SegmentReader(directory: directory, info: $0, storeCache: storeCache) }
                return IndexReader(directory: directory, commit: commit, segments: segments)
            } catch let FormatError.io(_, _, code, _) where code == ENOENT && attempt < 5 {
                continue  // a newer commit replaced these files while we were opening them
            }
        }
    }

    /// Live (not deleted) articles.
    public var liveCount: Int { commit.liveCount }

    /// Average field lengths over all documents (deleted ones included, as Lucene does).
    public func averageLength(_ field: Field) -> Double {
        let docs = segments.reduce(0) { $0 + $1.docCount }
        guard docs > 0 else { return 1 }
        let sum = segments.reduce(UInt64(0)) { $0 + (field == .headline ? $1.headlineLengthSum : $1.bodyLengthSum) }
        return max(1, Double(sum) / Double(docs))
    }

    /// Checks every checksum of every file; returns the number of files checked.
    public func verify() throws -> Int {
        for s in segments { try s.verify() }
        return segments.reduce(1) { $0 + 4 + ($1.info.deletionGeneration > 0 ? 1 : 0) }
    }
}
