import Foundation
import NewsIngest

#if canImport(Glibc)
/// glibc's `malloc_trim` (declared in malloc.h, which the Glibc module does not export).
@_silgen_name("malloc_trim") private func malloc_trim(_ pad: Int) -> Int32
#endif

/// The indexing threads: analysts turn articles into analyzed documents, and one
/// inverter adds them, in input order, to a single in-memory segment, which it
/// flushes when it outgrows its budget or when asked to.
///
/// Work arrives in numbered items (a batch of articles, or a flush); the
/// inverter takes them strictly by number, so the segments do not depend on
/// how many analysts there are or which one analyzed what: an index built
/// with `--threads 2` is byte for byte the one built with `--threads 1`.
/// With one thread there are no analysts: the inverter analyzes straight
/// into its segment, without copying tokens.
///
/// Memory stays bounded: the analysts' queue holds at most `capacity`
/// batches, and an analyst may not finish a batch more than `window` numbers
/// ahead of the inverter (the batch the inverter waits for is always inside
/// the window, so nothing deadlocks).
final class Pipeline: @unchecked Sendable {
    private enum Item {
        case articles([(Article, Int64)])
        case analyzed([AnalyzedDocument])
        case flush
    }

    private let processors: [DocumentProcessor]
    private let shared: IndexWriter.Shared
    private let directory: String
    private let budget: Int
    private let maxDocs: Int
    private let chunkTerms: Int
    private let condition = NSCondition()
    /// Batches waiting for an analyst, with their numbers.
    private var pending: [(number: Int, batch: [(Article, Int64)])] = []
    private var head = 0
    /// Items ready for the inverter, by number.
    private var ready: [Int: Item] = [:]
    /// Numbers handed out so far, and the number the inverter takes next (all below are done).
    private var issued = 0
    private var done = 0
    private var stopped = false
    private var threads: [Thread] = []
    private var flushing: String?
    /// Batches (of `IndexWriter.batchSize` articles) queued for the analysts.
    let capacity: Int
    /// How far ahead of the inverter an analyzed batch may be.
    let window: Int

    /// With one processor, the inverter analyzes; with more, each is an analyst's.
    init(processors: [DocumentProcessor], shared: IndexWriter.Shared, directory: String, budget: Int, maxDocs: Int, chunkTerms: Int) {
        precondition(!processors.isEmpty)
        self.chunkTerms = chunkTerms
        self.processors = processors
        self.shared = shared
        self.directory = directory
        self.budget = budget
        self.maxDocs = maxDocs
        capacity = 2 * processors.count
        window = 4 * processors.count
    }

    func start() {
        // −1: the inverter; 0…: the analysts.
        for role in processors.count > 1 ? Array(-1 ..< processors.count) : [-1] {
            let t = Thread { [self] in if role < 0 { invert() } else { analyze(with: processors[role]) } }
            t.stackSize = 8 << 20
            threads.append(t)
            t.start()
        }
    }

    /// Queues a batch of articles (with their sequence numbers); blocks while the queue is full.
    func submit(_ batch: [(Article, Int64)]) {
        condition.lock()
        defer { condition.unlock() }
        let number = issued
        issued += 1
        if processors.count == 1 {
            while number >= done + window && !stopped { condition.wait() }
            ready[number] = .articles(batch)
        } else {
            while pending.count - head >= capacity && !stopped { condition.wait() }
            pending.append((number, batch))
        }
        condition.broadcast()
    }

    /// Asks for the in-memory segment to be flushed once everything submitted before is in it.
    func flush() {
        condition.broadcasting {
            ready[issued] = .flush
            issued += 1
        }
    }

    /// Blocks until every item handed out so far is done.
    func waitUntilIdle() {
        condition.lock()
        while done < issued && !stopped { condition.wait() }
        condition.unlock()
    }

    func stop() {
        condition.broadcasting { stopped = true }
    }

    var inFlightPrefixes: [String] {
        condition.lock(); defer { condition.unlock() }
        return flushing.map { [$0 + "."] } ?? []
    }

    private func fail(_ error: Error) {
        shared.mutex.lock()
        if shared.failure == nil { shared.failure = error }
        shared.mutex.unlock()
    }

    private func analyze(with processor: DocumentProcessor) {
        while true {
            condition.lock()
            while head >= pending.count && !stopped { condition.wait() }
            if stopped { condition.unlock(); return }
            let (number, batch) = pending[head]
            head += 1
            if head > 1024 && head * 2 > pending.count { pending.removeFirst(head); head = 0 }
            condition.broadcast()
            condition.unlock()

            var documents = [AnalyzedDocument]()
            documents.reserveCapacity(batch.count)
            do {
                for (article, seq) in batch { documents.append(try processor.analyze(article, sequence: seq)) }
            } catch {
                // The batch is still delivered (with what was analyzed), so the inverter moves on.
                fail(error)
            }
            condition.lock()
            while number >= done + window && !stopped { condition.wait() }
            ready[number] = .analyzed(documents)
            condition.broadcast()
            condition.unlock()
        }
    }

    private func invert() {
        var builder = SegmentBuilder()
        while true {
            condition.lock()
            while ready[done] == nil && !stopped { condition.wait() }
            if stopped { condition.unlock(); return }
            let item = ready.removeValue(forKey: done)!
            condition.unlock()

            do {
                switch item {
                case let .articles(batch):
                    for (article, seq) in batch {
                        let result = try processors[0].process(article, into: builder)
                        finish(result, StoredArticle(article), seq, bytes: article.headline.utf8.count + article.body.utf8.count, builder)
                        if builder.estimatedBytes > budget || builder.docCount >= maxDocs { try flush(&builder) }
                    }
                case let .analyzed(documents):
                    for d in documents {
                        d.addTokens(to: builder)
                        finish(d.result, d.stored, d.sequence, bytes: d.bytes, builder)
                        if builder.estimatedBytes > budget || builder.docCount >= maxDocs { try flush(&builder) }
                    }
                case .flush:
                    try flush(&builder)
                }
            } catch {
                fail(error)
            }
            condition.broadcasting { done += 1 }
        }
    }

    /// Clusters the document with its reprints (in input order, so labels do not depend on threads) and completes it.
    private func finish(_ result: DocumentProcessor.Result, _ stored: StoredArticle, _ seq: Int64, bytes: Int, _ builder: SegmentBuilder) {
        var columns = result.columns
        shared.mutex.lock()
        if let f = result.fingerprint { columns.cluster = shared.clusterer.assign(f, day: columns.date) }
        shared.issues += result.issues
        shared.processedArticles += 1
        shared.processedBytes += bytes
        shared.mutex.unlock()
        builder.finishDocument(columns, stored, sequence: seq)
    }

    private func flush(_ builder: inout SegmentBuilder) throws {
        guard builder.docCount > 0 else { return }
        let name = shared.segmentName()
        condition.lock(); flushing = name; condition.unlock()
        defer { condition.lock(); flushing = nil; condition.unlock() }
        let info = try builder.flush(directory: directory, name: name, deleted: [], generation: 0, threads: processors.count, chunkTerms: chunkTerms)
        let hashes = builder.columns.map { fnv1a($0.id) }
        shared.mutex.lock()
        shared.flushed.append((info, builder.sequence, hashes))
        shared.mutex.unlock()
        builder = SegmentBuilder()
        #if canImport(Glibc)
        // Hands the freed segment back to the system: glibc keeps freed heap memory (and after
        // a large free raises its threshold for using fresh mappings), so without this the
        // process grows by about a segment's size with every flush.
        _ = malloc_trim(0)
        #endif
    }
}
