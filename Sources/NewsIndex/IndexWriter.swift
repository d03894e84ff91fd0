import Foundation
import IndexFormat
import NewsCatalog
import NewsIngest
import NewsText

/// Adds, replaces and deletes articles, and publishes commits.
///
/// Articles are analyzed on `threads` threads and added, in input order, to one
/// in-memory segment that is flushed to disk when it reaches the memory budget
/// (see `Pipeline`; the reprint clusterer and the id map still grow with the
/// number of articles). `commit`
/// makes everything added so far visible at once: it flushes the segment,
/// writes deletion files for replaced and deleted articles, merges segments
/// when a size tier fills up, and publishes a new commit atomically. Files no
/// commit names any more are removed afterwards.
///
/// The same id indexed again replaces the earlier article (the later one wins,
/// also within one batch). One writer per folder: `init` takes `write.lock`.
public final class IndexWriter {
    public struct Options: Sendable {
        public var threads: Int
        /// Budget for the in-memory segments together, in bytes.
        public var memory: Int
        /// Segments of one size tier that trigger a merge.
        public var mergeFactor = 8
        /// Flush an in-memory segment after this many articles, whatever its size (nil: by memory only).
        public var maxBufferedDocs: Int?
        /// Terms per chunk when a flush or a merge encodes postings on several threads (small in tests, to cover chunk edges).
        public var chunkTerms = 1 << 12
        public var lexicon: Lexicon?

        public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount, memory: Int = 256 << 20, lexicon: Lexicon? = nil) {
            self.threads = max(1, threads)
            self.memory = max(8 << 20, memory)
            self.lexicon = lexicon
        }
    }

    public let directory: String
    public let options: Options
    private let lock: WriteLock
    private var commit: Commit
    private var readers: [SegmentReader]
    /// Deletions decided in this session, per existing segment name.
    private var pendingDeletes: [String: Set<UInt32>] = [:]
    /// id hash → the sequence number of the latest article with that id (−1: deleted).
    private var latest: [UInt64: Int64] = [:]
    private var sequence: Int64 = 0
    private let pipeline: Pipeline
    /// Articles handed to the pipeline in batches, so a queue wakes once per batch.
    static let batchSize = 32
    private var batch: [(Article, Int64)] = []
    private let shared: Shared

    /// Counters of this session.
    public private(set) var added = 0
    public private(set) var replaced = 0
    public private(set) var deleted = 0

    /// State the writer and the indexing threads share, behind one lock.
    final class Shared: @unchecked Sendable {
        let mutex = NSLock()
        var clusterer = ReprintClusterer()
        var flushed: [(SegmentInfo, [Int64], [UInt64])] = []
        var issues: [IngestIssue] = []
        var failure: Error?
        var nextSegment: UInt32
        var processedBytes = 0
        var processedArticles = 0
        init(nextSegment: UInt32) { self.nextSegment = nextSegment }

        func segmentName() -> String {
            mutex.lock(); defer { mutex.unlock() }
            let n = nextSegment
            nextSegment += 1
            let hex = String(n, radix: 16)
            return "seg-" + String(repeating: "0", count: max(0, 6 - hex.count)) + hex
        }
    }

    /// Opens (or creates) the index in `directory` for writing. With `rebuild`,
    /// the new index starts empty; the old articles stay readable until the first commit.
    public init(directory: String, options: Options = Options(), rebuild: Bool = false) throws {
        self.directory = directory
        self.options = options
        do { try FileSystem.makeDirectory(directory) } catch let e as FormatError { throw IndexError.format(e) }
        lock = try WriteLock(directory: directory)
        if !rebuild, let g = try Commit.latestGeneration(in: directory) {
            commit = try Commit.read(directory: directory, generation: g)
            readers = try commit.segments.map { try SegmentReader(directory: directory, info: $0) }
        } else {
            let g = try Commit.latestGeneration(in: directory) ?? 0
            let old = g > 0 ? try? Commit.read(directory: directory, generation: g) : nil
            commit = Commit(generation: g, nextSegment: old?.nextSegment ?? 0, segments: [])
            readers = []
        }
        shared = Shared(nextSegment: commit.nextSegment)
        for r in readers {
            try r.verifySketches()
            for doc in 0 ..< r.docCount where !r.isDeleted(doc) {
                if let sketch = r.sketch(doc) { shared.clusterer.insert(Fingerprint(hashes: sketch), label: r.cluster(doc), day: r.date(doc)) }
            }
        }
        let table = try CharacterTable.shared()
        let lexicon = options.lexicon ?? Lexicon.builtin(table: table)
        let regionTagger = RegionTagger(catalog: try RegionCatalog.shared())
        let industryTagger = IndustryTagger(catalog: try IndustryCatalog.shared())
        let processors = try (0 ..< options.threads).map { _ in
            try DocumentProcessor(lexicon: lexicon, regions: regionTagger, industries: industryTagger)
        }
        pipeline = Pipeline(processors: processors, shared: shared, directory: directory, budget: options.memory,
                            maxDocs: options.maxBufferedDocs ?? Int.max, chunkTerms: options.chunkTerms)
        pipeline.start()
    }

    deinit { close() }

    /// Stops the indexing threads (dropping anything not committed) and releases the lock.
    public func close() {
        pipeline.stop()
        lock.release()
    }

    public var issues: [IngestIssue] { shared.mutex.lock(); defer { shared.mutex.unlock() }; return shared.issues }
    public var processed: (articles: Int, bytes: Int) {
        shared.mutex.lock(); defer { shared.mutex.unlock() }
        return (shared.processedArticles, shared.processedBytes)
    }

    /// Queues `article` for indexing; an earlier article with its id is replaced at commit.
    public func add(_ article: Article) throws {
        try rethrowIndexingFailure()
        sequence += 1
        let h = fnv1a(article.id)
        if latest[h] == nil {
            var existed = false
            for r in readers {
                for doc in r.docs(withID: article.id) where !r.isDeleted(doc) {
                    pendingDeletes[r.info.name, default: []].insert(UInt32(doc))
                    existed = true
                }
            }
            if existed { replaced += 1 }
        }
        latest[h] = sequence
        added += 1
        batch.append((article, sequence))
        if batch.count == Self.batchSize { submitBatch() }
    }

    private func submitBatch() {
        guard !batch.isEmpty else { return }
        pipeline.submit(batch)
        batch = []
    }

    /// Deletes the article with `id` (from the index and from this session); returns whether it existed.
    @discardableResult
    public func delete(id: String) -> Bool {
        var found = false
        for r in readers {
            for doc in r.docs(withID: id) where !r.isDeleted(doc) && !(pendingDeletes[r.info.name]?.contains(UInt32(doc)) ?? false) {
                pendingDeletes[r.info.name, default: []].insert(UInt32(doc))
                found = true
            }
        }
        let h = fnv1a(id)
        if let s = latest[h], s >= 0 { found = true }
        latest[h] = -1
        if found { deleted += 1 }
        return found
    }

    private func rethrowIndexingFailure() throws {
        shared.mutex.lock()
        let failure = shared.failure
        shared.mutex.unlock()
        if let failure { throw failure }
    }

    /// Publishes everything added and deleted so far as a new commit.
    @discardableResult
    public func commit(forceMerge: Bool = false) throws -> Commit {
        submitBatch()
        pipeline.flush()
        pipeline.waitUntilIdle()
        try rethrowIndexingFailure()
        let generation = commit.generation + 1
        var segments = [SegmentInfo]()
        // Existing segments, with this session's deletions.
        for r in readers {
            var info = r.info
            if let more = pendingDeletes[info.name], !more.isEmpty {
                var all = more
                for doc in 0 ..< r.docCount where r.isDeleted(doc) { all.insert(UInt32(doc)) }
                try writeDeletions(all, segment: &info, docCount: r.docCount, generation: generation)
            }
            if info.liveCount > 0 { segments.append(info) }
        }
        // New segments: documents superseded by a later article with the same id are deleted.
        shared.mutex.lock()
        let flushed = shared.flushed
        shared.flushed = []
        shared.mutex.unlock()
        for (info, seqs, hashes) in flushed {
            var info = info
            var dead = Set<UInt32>()
            for (doc, (s, h)) in zip(seqs, hashes).enumerated() where latest[h] != s { dead.insert(UInt32(doc)) }
            if !dead.isEmpty { try writeDeletions(dead, segment: &info, docCount: Int(info.docCount), generation: generation) }
            if info.liveCount > 0 { segments.append(info) }
        }
        var next = Commit(generation: generation, nextSegment: shared.nextSegment, segments: segments)
        next = try merge(next, force: forceMerge)
        next.nextSegment = shared.nextSegment
        try next.publish(directory: directory)
        commit = next
        pendingDeletes = [:]
        // Everything this session added is in the commit's segments now: an id added
        // again must find and replace it there (a watched file read twice).
        latest = [:]
        readers = try next.segments.map { s in try readers.first { $0.info == s } ?? SegmentReader(directory: directory, info: s) }
        removeUnreferencedFiles()
        return next
    }

    private func writeDeletions(_ docs: Set<UInt32>, segment info: inout SegmentInfo, docCount: Int, generation: UInt64) throws {
        try DeletionFile.write(docs, docCount: docCount, path: directory + "/\(info.name).del.\(generation)")
        info.deletionGeneration = generation
        info.deletedCount = UInt32(docs.count)
    }

    /// Tiered merging: segments are grouped by live-size tier (powers of `mergeFactor`);
    /// a tier with `mergeFactor` or more segments is merged into one. With `force`, everything becomes one segment.
    private func merge(_ commit: Commit, force: Bool) throws -> Commit {
        var c = commit
        while true {
            var groups: [[SegmentInfo]] = []
            if force {
                if c.segments.count > 1 || c.segments.contains(where: { $0.deletedCount > 0 }) { groups = [c.segments] }
            } else {
                let factor = Double(options.mergeFactor)
                let tiers = Dictionary(grouping: c.segments) { Int(log(Double(max(1, $0.liveCount))) / log(factor)) }
                for tier in tiers.keys.sorted() {
                    var members = tiers[tier]!
                    while members.count >= options.mergeFactor {
                        groups.append(Array(members.prefix(options.mergeFactor)))
                        members.removeFirst(options.mergeFactor)
                    }
                }
            }
            guard !groups.isEmpty else { return c }
            // Disjoint groups merge side by side, as many at once as there are indexing threads.
            let folder = directory
            let inputs = try groups.map { g in try g.map { s in try readers.first { $0.info == s } ?? SegmentReader(directory: folder, info: s) } }
            let names = groups.map { _ in shared.segmentName() }
            let lock = NSLock()
            let threads = options.threads, chunkTerms = options.chunkTerms
            nonisolated(unsafe) var results = [Result<SegmentInfo, Error>?](repeating: nil, count: groups.count)
            for batch in stride(from: 0, to: groups.count, by: options.threads) {
                let range = batch ..< min(groups.count, batch + options.threads)
                DispatchQueue.concurrentPerform(iterations: range.count) { k in
                    let i = range.lowerBound + k
                    let r = Result { try Merger.merge(inputs[i], directory: folder, name: names[i], threads: max(1, threads / range.count),
                                                          chunkTerms: chunkTerms) }
                    lock.lock()
                    results[i] = r
                    lock.unlock()
                }
            }
            let merged = try results.map { try $0!.get() }
            for (group, info) in zip(groups, merged) {
                c.segments.removeAll { s in group.contains(s) }
                if info.docCount > 0 { c.segments.append(info) }
            }
            if force { return c }
        }
    }

    /// Deletes files that the current commit does not name (older commits, merged-away
    /// segments, files of a writer that died mid-flush). Readers holding them keep their maps.
    private func removeUnreferencedFiles() {
        let keep = commit.files.union(["write.lock"])
        let inFlight = Set(pipeline.inFlightPrefixes)
        guard let names = try? FileSystem.list(directory) else { return }
        for name in names where !keep.contains(name) {
            guard name.hasPrefix("seg-") || name.hasPrefix(Commit.prefix) else { continue }
            if inFlight.contains(where: { name.hasPrefix($0) }) { continue }
            FileSystem.remove(directory + "/" + name)
        }
    }
}
