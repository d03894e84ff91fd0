import Foundation

/// Inflated blocks of stored articles kept for reuse, up to a budget of raw bytes, shared by
/// the segments of one `IndexReader` (and the threads that read through it).
///
/// A search service shows the same popular articles again and again; each one costs a whole
/// 64 KiB block inflated (about 100 µs) when only the last block read is kept. Blocks are
/// immutable, so an entry never goes stale: it is keyed by the segment store that owns it
/// (an id handed out by `register`) and the block's offset, and dies with the cache.
///
/// Eviction is CLOCK (second chance): a hit marks its entry, and the hand passes marked
/// entries once before it evicts them, which keeps the popular blocks at the cost of a flag.
/// Thread-safe: one lock around the table (held for lookups and inserts, never while inflating).
public final class StoreBlockCache: @unchecked Sendable {
    /// The most bytes the cache holds (inflated blocks and their record tables).
    public let budget: Int
    private struct Key: Hashable { var store: Int; var offset: Int }
    private struct Entry { var block: InflatedBlock; var referenced: Bool }
    private var entries: [Key: Entry] = [:]
    /// The keys in insertion order, the clock's dial; `hand` points at the next one to look at.
    private var dial: [Key] = []
    private var hand = 0
    private var bytes = 0
    private var nextStore = 0
    private let lock = NSLock()
    private var hits = 0, misses = 0

    /// A cache of at most `budget` bytes of inflated blocks (0 keeps nothing).
    public init(budget: Int) {
        precondition(budget >= 0, "a cache budget is a number of bytes")
        self.budget = budget
    }

    /// A key space of its own for one segment's store.
    func register() -> Int { lock.withLock { nextStore += 1; return nextStore } }

    /// Block `offset` of store `store`, if cached.
    func block(_ store: Int, _ offset: Int) -> InflatedBlock? {
        lock.withLock {
            let key = Key(store: store, offset: offset)
            guard let e = entries[key] else { misses += 1; return nil }
            hits += 1
            if !e.referenced { entries[key]?.referenced = true }
            return e.block
        }
    }

    /// Keeps `block` as block `offset` of store `store`, evicting blocks while over budget.
    func insert(_ store: Int, _ offset: Int, _ block: InflatedBlock) {
        guard block.byteCount <= budget else { return }
        lock.withLock {
            let key = Key(store: store, offset: offset)
            guard entries[key] == nil else { return }
            entries[key] = Entry(block: block, referenced: false)
            dial.append(key)
            bytes += block.byteCount
            while bytes > budget { evictOne() }
        }
    }

    /// Lookups answered from the cache and those that were not, and what it holds now.
    public var statistics: (hits: Int, misses: Int, blocks: Int, bytes: Int) {
        lock.withLock { (hits, misses, entries.count, bytes) }
    }

    private func evictOne() {
        while true {
            if hand >= dial.count { hand = 0 }
            let key = dial[hand]
            if entries[key]?.referenced == true {
                entries[key]?.referenced = false
                hand += 1
                continue
            }
            if let e = entries.removeValue(forKey: key) { bytes -= e.block.byteCount }
            dial.remove(at: hand)
            return
        }
    }
}
