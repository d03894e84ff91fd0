import NewsCatalog
import NewsIndex
import NewsIngest

/// Date, region and industry filters, read from columns only. Values of one
/// kind OR together, different kinds AND.
public struct Filters: Sendable {
    public var from: Int32?
    public var to: Int32?
    /// Region codes allowed: the requested regions and everything inside them.
    public var regions: Set<Int32>?
    /// Industry ids allowed: the requested industries and everything below them.
    public var industries: Set<Int32>?

    public init() {}

    public var isEmpty: Bool { from == nil && to == nil && regions == nil && industries == nil }

    @inline(__always)
    func accepts(_ segment: SegmentReader, _ doc: Int) -> Bool {
        if from != nil || to != nil {
            guard let d = segment.date(doc) else { return false }
            if let from, d < from { return false }
            if let to, d > to { return false }
        }
        if let regions {
            var hit = false
            segment.forEachRegion(doc) { if regions.contains($0) { hit = true } }
            if !hit { return false }
        }
        if let industries {
            var hit = false
            segment.forEachIndustry(doc) { if industries.contains($0) { hit = true } }
            if !hit { return false }
        }
        return true
    }

    public enum Error: Swift.Error, CustomStringConvertible, Equatable {
        case badDate(String)
        case emptyRange(String, String)

        public var description: String {
            switch self {
            case let .badDate(v): "bad date \"\(v)\": use 2024, 2024-03 or 2024-03-19"
            case let .emptyRange(a, b): "--from \(a) is after --to \(b)"
            }
        }
    }

    /// The first and last day of `2024`, `2024-03` or `2024-03-19` (also `2024/3`, `2024年3月`).
    public static func dayRange(_ value: String) throws -> ClosedRange<Int32> {
        let parts = value.split(whereSeparator: { "-/.年月日".contains($0) }).map(String.init)
        guard (1 ... 3).contains(parts.count), let y = Int(parts[0]), (1900 ... 2200).contains(y) else { throw Error.badDate(value) }
        if parts.count == 1 {
            return Day(year: y, month: 1, day: 1)!.number ... Day(year: y, month: 12, day: 31)!.number
        }
        guard let m = Int(parts[1]), (1 ... 12).contains(m) else { throw Error.badDate(value) }
        if parts.count == 2 {
            let last = (28 ... 31).last { Day(year: y, month: m, day: $0) != nil }!
            return Day(year: y, month: m, day: 1)!.number ... Day(year: y, month: m, day: last)!.number
        }
        guard let d = Int(parts[2]), let day = Day(year: y, month: m, day: d) else { throw Error.badDate(value) }
        return day.number ... day.number
    }

    /// Sets the date bounds from `--from` / `--to` values.
    public mutating func setDates(from: String?, to: String?) throws {
        if let from { self.from = try Self.dayRange(from).lowerBound }
        if let to { self.to = try Self.dayRange(to).upperBound }
        if let a = self.from, let b = self.to, a > b { throw Error.emptyRange(from ?? "", to ?? "") }
    }

    /// Adds regions by name, short name or code; every match of an ambiguous name counts.
    /// - Throws: `CatalogError.unknownRegion` with suggestions.
    public mutating func addRegions(_ values: [String], catalog: RegionCatalog) throws {
        guard !values.isEmpty else { return }
        var roots = Set<Int32>()
        for v in values { for r in try catalog.resolve(v) { roots.insert(r.code) } }
        var allowed = roots
        for r in catalog.regions where catalog.lineage(r.code).contains(where: roots.contains) { allowed.insert(r.code) }
        regions = (regions ?? []).union(allowed)
    }

    /// Adds industries by code (any level) or name, GB/T or strategic emerging.
    public mutating func addIndustries(_ values: [String], catalog: IndustryCatalog) throws {
        guard !values.isEmpty else { return }
        var roots = Set<Int32>()
        for v in values { roots.insert(try catalog.resolve(v).id) }
        var allowed = roots
        for i in catalog.industries where catalog.lineage(i.id).contains(where: roots.contains) { allowed.insert(i.id) }
        industries = (industries ?? []).union(allowed)
    }
}
