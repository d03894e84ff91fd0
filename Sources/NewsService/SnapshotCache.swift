import Foundation
import NewsSearch

/// Answers already worked out on one snapshot, by the request parameters they depend on: the
/// totals of `/search` (a total is a search for every complete match, while a page needs only
/// its few best: the next page, or the same search again, reads it here), and ranked pages of
/// results (hits, ranks, folded sources, as Solr's query result cache keeps them; the
/// summaries and snippets are still made per request, from the store cache).
///
/// It belongs to its `Snapshot`, so a new commit starts with none (an answer is exact for its
/// commit only). Bounded by a cost in bytes that the caller gives with each value (its key's
/// bytes and the value's own): two generations of entries, looked up in both; when the newer
/// one reaches half the budget the older is dropped, so what was read lately stays and the
/// cache never holds more than `budget`. A budget of 0 keeps nothing. Thread-safe.
final class SnapshotCache<Value: Sendable>: @unchecked Sendable {
    let budget: Int
    private var recent: [String: Value] = [:], older: [String: (Value, Int)] = [:]
    private var recentCosts: [String: Int] = [:]
    private var recentBytes = 0
    private let lock = NSLock()
    private var hits = 0, misses = 0

    init(budget: Int) { self.budget = budget }

    func value(_ key: String) -> Value? {
        lock.withLock {
            if let v = recent[key] { hits += 1; return v }
            guard let (v, cost) = older[key] else { misses += 1; return nil }
            hits += 1
            insert(key, v, cost: cost)
            return v
        }
    }

    /// Keeps `value` under `key`; `cost` is what it holds beyond the key, in bytes.
    func store(_ key: String, _ value: Value, cost: Int) {
        lock.withLock { if recent[key] == nil { insert(key, value, cost: cost + key.utf8.count + 16) } }
    }

    /// Lookups answered and not, and the entries held.
    var statistics: (hits: Int, misses: Int, entries: Int) { lock.withLock { (hits, misses, recent.count + older.count) } }

    private func insert(_ key: String, _ value: Value, cost: Int) {
        guard 2 * cost <= budget else { return }
        if 2 * (recentBytes + cost) > budget {
            older = recent.reduce(into: [:]) { $0[$1.key] = ($1.value, recentCosts[$1.key] ?? 0) }
            recent = [:]
            recentCosts = [:]
            recentBytes = 0
        }
        recent[key] = value
        recentCosts[key] = cost
        recentBytes += cost
    }
}

extension SnapshotCache where Value == Int {
    /// The key of a total: every parameter that changes it, each as given, in a fixed order.
    /// (Ranking knobs, paging and order do not change which articles hold the query.)
    static func totalKey(query: String, regions: [String], industries: [String], from: String?, to: String?, collapse: Bool) -> String {
        var key = query
        for part in [regions.joined(separator: "\u{1}"), industries.joined(separator: "\u{1}"), from ?? "\u{2}", to ?? "\u{2}", collapse ? "c" : "-"] {
            key += "\u{0}" + part
        }
        return key
    }
}

extension SnapshotCache where Value == ResultPage {
    /// The key of a page: every parameter of the request but `body` (which adds text to the
    /// answer, not results), as given and in order.
    static func pageKey(_ p: RequestParameters) -> String {
        var key = ""
        for (name, value) in p.pairs where name != "body" { key += name + "\u{0}" + value + "\u{1}" }
        return key
    }

    /// The bytes a page holds beyond its key.
    static func cost(_ page: ResultPage) -> Int {
        64 + page.entries.reduce(0) { $0 + 64 + $1.reprintSources.reduce(0) { $0 + 16 + $1.utf8.count } }
    }
}
