import Foundation
import NewsCatalog
import NewsIndex

/// `--list-regions` / `--list-industries`: catalog entries with the number of
/// live articles inside each (from columns; an article counts once per entry).
struct Browser {
    let reader: IndexReader
    let printer: Printer

    func run(regionsUnder: String?, industriesUnder: String?) throws {
        if let parent = regionsUnder { try listRegions(parent) }
        if let code = industriesUnder { try listIndustries(code) }
    }

    private func listRegions(_ parent: String) throws {
        let catalog = try RegionCatalog.shared()
        let root: Int32 = parent.isEmpty || parent == "-" ? 0 : try catalog.resolve(parent)[0].code
        let children = catalog.children(of: root)
        let wanted = Set(children.map(\.code))
        var counts = [Int32: Int]()
        for s in reader.segments {
            for doc in 0 ..< s.docCount where !s.isDeleted(doc) {
                var hit = Set<Int32>()
                s.forEachRegion(doc) { code in for a in catalog.lineage(code) where wanted.contains(a) { hit.insert(a) } }
                for h in hit { counts[h, default: 0] += 1 }
            }
        }
        let rows = children.map { ($0.code, $0.name, counts[$0.code] ?? 0) }
        printer.printListing(rows.map { (String($0.0), $0.1, $0.2) }, header: ["code", "region", "articles"])
    }

    private func listIndustries(_ code: String) throws {
        let catalog = try IndustryCatalog.shared()
        let parent: String? = code.isEmpty || code == "-" ? nil : try catalog.resolve(code).code
        let children = catalog.children(of: parent)
        let wanted = Set(children.map(\.id))
        var counts = [Int32: Int]()
        for s in reader.segments {
            for doc in 0 ..< s.docCount where !s.isDeleted(doc) {
                var hit = Set<Int32>()
                s.forEachIndustry(doc) { id in for a in catalog.lineage(id) where wanted.contains(a) { hit.insert(a) } }
                for h in hit { counts[h, default: 0] += 1 }
            }
        }
        printer.printListing(children.map { (catalog.displayCode($0), $0.name, counts[$0.id] ?? 0) }, header: ["code", "industry", "articles"])
    }
}
