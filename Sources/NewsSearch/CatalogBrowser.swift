import NewsCatalog
import NewsIndex

/// A catalog entry with the number of live articles inside it.
public struct CatalogEntry: Sendable, Equatable {
    /// A region's statistical code (`370300`) or an industry's code as printed (`C38`, `S6.3`).
    public var code: String
    public var name: String
    /// Live articles tagged with the entry or anything inside it (each article once).
    public var articles: Int
}

/// Browses the region and industry catalogs with article counts (from columns).
public struct CatalogBrowser {
    /// The indexes whose articles are counted.
    public let reader: IndexGroup

    public init(reader: IndexGroup) { self.reader = reader }

    public init(reader: IndexReader) { self.init(reader: IndexGroup(reader)) }

    /// The provinces (`parent` nil, empty or `-`), or the children of a region named by
    /// name, short name or code.
    /// - Throws: `CatalogError.unknownRegion` with suggestions.
    /// - Complexity: one pass over the region column of every live article.
    public func regions(under parent: String?) throws -> [CatalogEntry] {
        let catalog = try RegionCatalog.shared()
        let root: Int32 = Self.isTop(parent) ? 0 : try catalog.resolve(parent ?? "")[0].code
        let children = catalog.children(of: root)
        let counts = count(Set(children.map(\.code)), tags: { $0.regions($1) }, lineage: catalog.lineage)
        return children.map { CatalogEntry(code: String($0.code), name: $0.name, articles: counts[$0.code] ?? 0) }
    }

    /// The GB/T 4754 sections and the strategic emerging categories (`parent` nil, empty or
    /// `-`), or the children of an industry named by code or name.
    /// - Throws: `CatalogError.unknownIndustry` with suggestions.
    /// - Complexity: one pass over the industry column of every live article.
    public func industries(under parent: String?) throws -> [CatalogEntry] {
        let catalog = try IndustryCatalog.shared()
        let code: String? = Self.isTop(parent) ? nil : try catalog.resolve(parent ?? "").code
        let children = catalog.children(of: code)
        let counts = count(Set(children.map(\.id)), tags: { $0.industries($1) }, lineage: catalog.lineage)
        return children.map { CatalogEntry(code: catalog.displayCode($0), name: $0.name, articles: counts[$0.id] ?? 0) }
    }

    private static func isTop(_ parent: String?) -> Bool { parent == nil || parent == "" || parent == "-" }

    /// Live articles per entry of `wanted`: an article counts for an entry when one
    /// of its tags lies inside it.
    private func count(_ wanted: Set<Int32>, tags: (SegmentReader, Int) -> [Int32],
                       lineage: (Int32) -> [Int32]) -> [Int32: Int] {
        var counts = [Int32: Int]()
        for s in reader.segments {
            for doc in 0 ..< s.docCount where !s.isDeleted(doc) {
                var hit = Set<Int32>()
                for tag in tags(s, doc) { for a in lineage(tag) where wanted.contains(a) { hit.insert(a) } }
                for h in hit { counts[h, default: 0] += 1 }
            }
        }
        return counts
    }
}
