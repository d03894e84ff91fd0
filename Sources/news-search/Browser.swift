import Foundation
import NewsCatalog
import NewsIndex

/// `--list-regions` / `--list-industries`: catalog entries with the number of
/// live articles inside each (from columns; an article counts once per entry).
struct Browser {
    let reader: IndexReader
    let printer: Printer

    func run(regionsUnder: String?, industriesUnder: String?) throws {
        if let parent = regionsUnder {
            let catalog = try RegionCatalog.shared()
            let root: Int32 = parent.isEmpty || parent == "-" ? 0 : try catalog.resolve(parent)[0].code
            let children = catalog.children(of: root)
            let counts = count(Set(children.map(\.code)), tags: { $0.regions($1) }, lineage: catalog.lineage)
            printer.printListing(children.map { (String($0.code), $0.name, counts[$0.code] ?? 0) }, header: ["code", "region", "articles"])
        }
        if let code = industriesUnder {
            let catalog = try IndustryCatalog.shared()
            let parent: String? = code.isEmpty || code == "-" ? nil : try catalog.resolve(code).code
            let children = catalog.children(of: parent)
            let counts = count(Set(children.map(\.id)), tags: { $0.industries($1) }, lineage: catalog.lineage)
            printer.printListing(children.map { (catalog.displayCode($0), $0.name, counts[$0.id] ?? 0) }, header: ["code", "industry", "articles"])
        }
    }

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
