import Foundation

/// The totals of `/search` (articles holding the whole query) already counted on one snapshot,
/// by query and filters: a total is a search for every complete match, while a page needs only
/// its few best; the next page, or the same search again, reads it here.
///
/// It belongs to its `Snapshot`, so a new commit starts with none (a total is exact for its
/// commit only). Bounded by the bytes of its keys: two generations of entries, looked up in
/// both; when the newer one fills half the budget the older is dropped, so what was read
/// lately stays and the cache never holds more than `budget` bytes of keys (plus 16 bytes
/// an entry). Thread-safe.
final class TotalCache: @unchecked Sendable {
    let budget: Int
    private var recent: [String: Int] = [:], older: [String: Int] = [:]
    private var recentBytes = 0
    private let lock = NSLock()
    private var hits = 0, misses = 0

    init(budget: Int) { self.budget = budget }

    /// The key of a total: every parameter that changes it, each as given, in a fixed order.
    /// (Ranking knobs, paging and order do not change which articles hold the query.)
    static func key(query: String, regions: [String], industries: [String], from: String?, to: String?, collapse: Bool) -> String {
        var key = query
        for part in [regions.joined(separator: "\u{1}"), industries.joined(separator: "\u{1}"), from ?? "\u{2}", to ?? "\u{2}", collapse ? "c" : "-"] {
            key += "\u{0}" + part
        }
        return key
    }

    subscript(key: String) -> Int? {
        get {
            lock.withLock {
                if let t = recent[key] { hits += 1; return t }
                guard let t = older[key] else { misses += 1; return nil }
                hits += 1
                insert(key, t)
                return t
            }
        }
        set {
            guard let newValue else { return }
            lock.withLock { if recent[key] == nil { insert(key, newValue) } }
        }
    }

    /// Lookups answered and not, and the entries held.
    var statistics: (hits: Int, misses: Int, entries: Int) { lock.withLock { (hits, misses, recent.count + older.count) } }

    private func insert(_ key: String, _ total: Int) {
        let size = key.utf8.count + 16
        guard 2 * size <= budget else { return }
        if 2 * (recentBytes + size) > budget {
            older = recent
            recent = [:]
            recentBytes = 0
        }
        recent[key] = total
        recentBytes += size
    }
}
