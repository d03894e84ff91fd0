import NewsCatalog
import NewsIndex
import NewsIngest

/// Counts of matching articles by region, industry and time, from columns only.
///
/// An article tagged with two regions counts under both. With `collapse`, a
/// reprint cluster counts once per group (distinct stories, not copies).
public enum Dimension: String, CaseIterable, Sendable {
    case province, city, industry, division, strategic, day, week, month, quarter, year

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
        case .day, .week, .month, .quarter, .year:
            guard let n = segment.date(doc) else { return ["(no date)"] }
            let (y, m, dd) = Day(number: n).components
            func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
            switch d {
            case .day: return [Day(number: n).description]
            case .week:
                // The Monday starting the week (1970-01-01 was a Thursday).
                let monday = n - Int32((Int(n) + 3) % 7)
                return [Day(number: monday).description]
            case .month: return ["\(y)-\(two(m))"]
            case .quarter: return ["\(y)-Q\((m - 1) / 3 + 1)"]
            default: _ = dd; return ["\(y)"]
            }
        }
    }

    /// Counts per combination of the dimensions' keys, sorted by the keys.
    public func count(_ hits: [Hit], reader: IndexReader, by dimensions: [Dimension], collapse: Bool) -> [(keys: [String], count: Int)] {
        var counts = [[String]: Int]()
        var clusters = [[String]: Set<UInt64>]()
        for hit in hits {
            let segment = reader.segments[hit.segment]
            var combos: [[String]] = [[]]
            for d in dimensions {
                let ks = keys(d, segment, hit.doc)
                combos = combos.flatMap { c in ks.map { c + [$0] } }
            }
            let cluster = segment.cluster(hit.doc)
            for c in combos {
                if collapse && cluster != 0 {
                    if clusters[c, default: []].insert(cluster).inserted { counts[c, default: 0] += 1 }
                } else {
                    counts[c, default: 0] += 1
                }
            }
        }
        return counts.map { ($0.key, $0.value) }.sorted { $0.keys.lexicographicallyPrecedes($1.keys) }
    }
}
