import Foundation
import NewsCatalog
import NewsIndex
import NewsIngest

/// Counts of matching articles by region, industry and time, from columns only.
///
/// One counting rule everywhere: a count is of the articles that hold the whole
/// query (the complete matches, as `--all` lists them); with `collapse`, the
/// copies of a reprinted story count once, as their earliest copy (so a story
/// reprinted over two days counts on the first). An article tagged with two
/// regions or industries counts under both; along time, rows add up to the total.
public enum Dimension: String, CaseIterable, Sendable {
    case province, city, industry, division, strategic, source, day, week, month, quarter, year

    public var isTime: Bool { [.day, .week, .month, .quarter, .year].contains(self) }

    /// `region` is accepted for `province`, `section` for `industry`.
    public init?(name: String) {
        switch name {
        case "region": self = .province
        case "section": self = .industry
        default: self.init(rawValue: name)
        }
    }
}

public struct Counter {
    let regions: RegionCatalog
    let industries: IndustryCatalog

    public init(regions: RegionCatalog, industries: IndustryCatalog) {
        self.regions = regions
        self.industries = industries
    }

    /// Group keys of one article along `dimension` ("山东省", "C 制造业", "2024-03", …).
    func keys(_ d: Dimension, _ segment: SegmentReader, _ doc: Int) -> [String] {
        switch d {
        case .province, .city:
            var out = Set<String>()
            segment.forEachRegion(doc) { code in
                let c = d == .province ? regions.province(of: code) : regions.prefecture(of: code)
                if let r = regions.region(code: c) { out.insert(r.name) }
            }
            return out.isEmpty ? ["(none)"] : out.sorted()
        case .industry, .division, .strategic:
            var out = Set<String>()
            segment.forEachIndustry(doc) { id in
                let line = industries.lineage(id).compactMap { industries.industry(id: $0) }
                let gb = line.filter { $0.scheme == .gbt4754 }, sei = line.filter { $0.scheme == .strategicEmerging }
                switch d {
                case .industry: if let s = gb.last { out.insert("\(s.code) \(s.name)") }
                case .division: if let s = gb.first(where: { $0.level == 2 }) { out.insert("\(industries.displayCode(s)) \(s.name)") }
                default: if let s = sei.last { out.insert("\(s.code) \(s.name)") }
                }
            }
            return out.isEmpty ? ["(none)"] : out.sorted()
        case .source:
            // The publication, from the stored article (reprints keep their own source).
            let source = (try? segment.stored(doc))?.source.trimmingCharacters(in: .whitespaces) ?? ""
            return [source.isEmpty ? "(none)" : source]
        case .day, .week, .month, .quarter, .year:
            guard let n = segment.date(doc) else { return ["(no date)"] }
            return [key(d, n)]
        }
    }

    /// The articles that count: every hit, or with `collapse` one copy of each
    /// reprinted story (its earliest; among copies of one day, the one whose id comes
    /// first, `IndexGroup.precedes`, which does not depend on how articles are cut into shards).
    public static func counted(_ hits: [Hit], reader: IndexGroup, collapse: Bool) -> [Hit] {
        guard collapse else { return hits }
        var first = [UInt64: Int]()  // cluster → index in `result`
        var result = [Hit]()
        result.reserveCapacity(hits.count)
        for hit in hits {
            let segment = reader.segments[hit.segment]
            let cluster = reader.cluster(hit.segment, hit.doc)
            guard cluster != 0 else { result.append(hit); continue }
            if let k = first[cluster] {
                let kept = result[k]
                let (a, b) = (reader.segments[kept.segment].date(kept.doc) ?? .max, segment.date(hit.doc) ?? .max)
                if b < a || (b == a && reader.precedes(hit.segment, hit.doc, kept.segment, kept.doc)) { result[k] = hit }
            } else {
                first[cluster] = result.count
                result.append(hit)
            }
        }
        return result
    }

    /// Every combination of the dimensions' keys of one article (one key per dimension; an
    /// article tagged with two regions has two).
    func combinations(_ dimensions: [Dimension], _ segment: SegmentReader, _ doc: Int) -> [[String]] {
        var combos: [[String]] = [[]]
        for d in dimensions {
            let ks = keys(d, segment, doc)
            combos = combos.flatMap { c in ks.map { c + [$0] } }
        }
        return combos
    }

    /// `counted(hits, reader:, collapse:).count` without building the list: the hits
    /// outside reprint clusters, plus one for each cluster.
    public static func count(_ hits: [Hit], reader: IndexGroup, collapse: Bool) -> Int {
        guard collapse else { return hits.count }
        var clusters = Set<UInt64>()
        var single = 0
        for hit in hits {
            let cluster = reader.cluster(hit.segment, hit.doc)
            if cluster == 0 { single += 1 } else { clusters.insert(cluster) }
        }
        return single + clusters.count
    }

    /// Counts per combination of the dimensions' keys. Time rows run from the
    /// first to the last bucket (or `from`/`to`), empty buckets included, in
    /// order; other rows are sorted by count, largest first.
    public func count(_ hits: [Hit], reader: IndexGroup, by dimensions: [Dimension], collapse: Bool,
                      from: Int32? = nil, to: Int32? = nil) -> [(keys: [String], count: Int)] {
        var counts = [[String]: Int]()
        for hit in Self.counted(hits, reader: reader, collapse: collapse) {
            for c in combinations(dimensions, reader.segments[hit.segment], hit.doc) { counts[c, default: 0] += 1 }
        }
        guard let first = dimensions.first else { return [] }
        if first.isTime {
            // Every bucket between the bounds is a row, zero included.
            let dated = counts.keys.map { $0[0] }.filter { $0 != "(no date)" }
            let lowest = from.map { key(first, $0) } ?? dated.min()
            let highest = to.map { key(first, $0) } ?? dated.max()
            if let lowest, let highest, lowest <= highest {
                let buckets = Self.buckets(first, from: lowest, to: highest)
                let others = dimensions.count > 1 ? Array(Set(counts.keys.map { $0[1] })) : []
                for b in buckets {
                    if dimensions.count == 1 { counts[[b], default: 0] += 0 } else if others.isEmpty { continue } else {
                        for o in others { counts[[b, o], default: 0] += 0 }
                    }
                }
            }
            return counts.map { ($0.key, $0.value) }.sorted { $0.keys.lexicographicallyPrecedes($1.keys) }
        }
        // Not time: the largest rows first (ties by name).
        var totals = [String: Int]()
        for (k, v) in counts { totals[k[0], default: 0] += v }
        return counts.map { ($0.key, $0.value) }.sorted {
            let (a, b) = (totals[$0.keys[0]]!, totals[$1.keys[0]]!)
            return a != b ? a > b : $0.keys.lexicographicallyPrecedes($1.keys)
        }
    }

    /// A row key as code and name, for tables read by programs: `370000`, `山东省`;
    /// `C39`, `计算机、通信和其他电子设备制造业`; "" and the key itself when it has no code.
    public func split(_ key: String, _ d: Dimension) -> (code: String, name: String) {
        switch d {
        case .province, .city:
            let level: Region.Level = d == .province ? .province : .prefecture
            let code = regions.regions(named: key).first { $0.level == level }?.code
            return (code.map(String.init) ?? "", key)
        case .industry, .division, .strategic:
            guard let space = key.firstIndex(of: " "), !key.hasPrefix("(") else { return ("", key) }
            return (String(key[..<space]), String(key[key.index(after: space)...]))
        default:
            return ("", key)
        }
    }

    /// The bucket of day number `n` along a time dimension; a week is named by its Monday
    /// (1970-01-01, day 0, was a Thursday).
    func key(_ d: Dimension, _ n: Int32) -> String {
        let (y, m, _) = Day(number: n).components
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        switch d {
        case .day: return Day(number: n).description
        case .week: return Day(number: n - Int32((Int(n) + 3) % 7)).description
        case .month: return "\(y)-\(two(m))"
        case .quarter: return "\(y)-Q\((m - 1) / 3 + 1)"
        default: return "\(y)"
        }
    }

    /// Every bucket from `from` to `to` (both keys of dimension `d`), in order.
    static func buckets(_ d: Dimension, from: String, to: String) -> [String] {
        var result = [String]()
        switch d {
        case .year:
            guard let a = Int(from), let b = Int(to) else { return [] }
            result = (a ... b).map(String.init)
        case .quarter:
            guard let a = Int(from.prefix(4)), let qa = Int(from.suffix(1)), let b = Int(to.prefix(4)), let qb = Int(to.suffix(1)) else { return [] }
            var (y, q) = (a, qa)
            while (y, q) <= (b, qb) { result.append("\(y)-Q\(q)"); q += 1; if q > 4 { q = 1; y += 1 } }
        case .month:
            guard let a = Int(from.prefix(4)), let ma = Int(from.suffix(2)), let b = Int(to.prefix(4)), let mb = Int(to.suffix(2)) else { return [] }
            var (y, m) = (a, ma)
            while (y, m) <= (b, mb) { result.append("\(y)-\(m < 10 ? "0" : "")\(m)"); m += 1; if m > 12 { m = 1; y += 1 } }
        case .day, .week:
            func day(_ s: String) -> Day? {
                let p = s.split(separator: "-").compactMap { Int($0) }
                return p.count == 3 ? Day(year: p[0], month: p[1], day: p[2]) : nil
            }
            guard let a = day(from), let b = day(to) else { return [] }
            var n = a.number
            while n <= b.number { result.append(Day(number: n).description); n += d == .week ? 7 : 1 }
        default:
            break
        }
        // A runaway range (days over centuries) is not drawn row by row.
        return result.count > 100_000 ? [] : result
    }
}
