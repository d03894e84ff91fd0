import Foundation
import NewsIngest

/// One indexing thread: takes articles from its queue, analyzes them into its
/// own in-memory segment, and flushes that segment when it outgrows `budget`
/// or when asked to. The queue is bounded, so a fast reader cannot run ahead
/// of analysis by more than a few batches.
final class Worker: @unchecked Sendable {
    private enum Item {
        case articles([(Article, Int64)])
        case flush
    }

    private let processor: DocumentProcessor
    private let shared: IndexWriter.Shared
    private let directory: String
    private let budget: Int
    private let maxDocs: Int
    private let condition = NSCondition()
    private var queue: [Item] = []
    private var head = 0
    private var busy = false
    private var stopped = false
    private var thread: Thread?
    private var flushing: String?
    /// Queued batches (of `IndexWriter.batchSize` articles).
    static let capacity = 8

    init(processor: DocumentProcessor, shared: IndexWriter.Shared, directory: String, budget: Int, maxDocs: Int) {
        self.maxDocs = maxDocs
        self.processor = processor
        self.shared = shared
        self.directory = directory
        self.budget = budget
    }

    func start() {
        let t = Thread { [self] in run() }
        t.stackSize = 8 << 20
        thread = t
        t.start()
    }

    func submit(_ batch: [(Article, Int64)]) { enqueue(.articles(batch)) }

    /// Queues `batch` if there is room now; false (and nothing queued) when full.
    func trySubmit(_ batch: [(Article, Int64)]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard queue.count - head < Self.capacity || stopped else { return false }
        queue.append(.articles(batch))
        condition.broadcast()
        return true
    }
    func flush() { enqueue(.flush) }

    private func enqueue(_ item: Item) {
        condition.lock()
        while queue.count - head >= Self.capacity && !stopped { condition.wait() }
        queue.append(item)
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until the queue is empty and the worker is between items.
    func waitUntilIdle() {
        condition.lock()
        while (head < queue.count || busy) && !stopped { condition.wait() }
        condition.unlock()
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    var inFlightPrefixes: [String] {
        condition.lock(); defer { condition.unlock() }
        return flushing.map { [$0 + "."] } ?? []
    }

    private func run() {
        var builder = SegmentBuilder()
        while true {
            condition.lock()
            while head >= queue.count && !stopped { condition.wait() }
            if stopped { condition.unlock(); return }
            let item = queue[head]
            head += 1
            if head > 1024 && head * 2 > queue.count { queue.removeFirst(head); head = 0 }
            busy = true
            condition.broadcast()
            condition.unlock()
            // After releasing the queue's lock: the writer takes `room` before any queue's.
            shared.room.lock()
            shared.room.broadcast()
            shared.room.unlock()

            do {
                switch item {
                case let .articles(batch):
                    for (article, seq) in batch {
                        try add(article, seq, builder)
                        if builder.estimatedBytes > budget || builder.docCount >= maxDocs { try flush(&builder) }
                    }
                case .flush:
                    try flush(&builder)
                }
            } catch {
                shared.mutex.lock()
                if shared.failure == nil { shared.failure = error }
                shared.mutex.unlock()
            }
            condition.lock()
            busy = false
            condition.broadcast()
            condition.unlock()
        }
    }

    private func add(_ article: Article, _ seq: Int64, _ builder: SegmentBuilder) throws {
        var result = try processor.process(article, into: builder)
        shared.mutex.lock()
        if let f = result.fingerprint { result.columns.cluster = shared.clusterer.assign(f, day: article.date?.number) }
        shared.issues += result.issues
        shared.processedArticles += 1
        shared.processedBytes += article.headline.utf8.count + article.body.utf8.count
        shared.mutex.unlock()
        builder.finishDocument(result.columns, StoredArticle(article), sequence: seq)
    }

    private func flush(_ builder: inout SegmentBuilder) throws {
        guard builder.docCount > 0 else { return }
        let name = shared.segmentName()
        condition.lock(); flushing = name; condition.unlock()
        defer { condition.lock(); flushing = nil; condition.unlock() }
        let info = try builder.flush(directory: directory, name: name, deleted: [], generation: 0)
        let hashes = builder.columns.map { fnv1a($0.id) }
        shared.mutex.lock()
        shared.flushed.append((info, builder.sequence, hashes))
        shared.mutex.unlock()
        builder = SegmentBuilder()
    }
}
