import NewsText

/// Tags an article with the few industries it is about, from keyword evidence.
///
/// Every keyword carries codes with weights (1–3); a headline hit counts three
/// times. Matching is leftmost-longest, so a stop phrase without codes (主力军,
/// 黄金搭档) keeps its parts from counting, and a stock code in parentheses
/// (贵研铂业(600459)) or a share under special treatment (ST大地) counts for capital markets. Scores add up per GB/T section and per strategic emerging category;
/// those within reach of the leader and above `minimumScore` are kept, each as
/// its most specific code that holds most of the evidence (a class, else a
/// division, else the section). At most `limit` codes, most salient first.
public struct IndustryTagger: Sendable {
    public let catalog: IndustryCatalog
    private let lexicon: Lexicon
    private let codes: [[(id: Int32, weight: Int)]]
    /// Keywords with letters or digits (`a股`, `5g`), matched by substring on normalized text.
    private let mixed: [(word: [UInt16], codes: [(id: Int32, weight: Int)])]
    /// GB/T 67 (capital market services), for stock codes.
    private let capitalMarkets: Int32?

    public static let minimumScore = 4
    static let headlineFactor = 3

    public init(catalog: IndustryCatalog) {
        self.catalog = catalog
        var terms = [String]()
        var codes = [[(Int32, Int)]]()
        var mixed = [([UInt16], [(Int32, Int)])]()
        for line in IndustryKeywords.text.splitASCII(0x0A) {
            let f = line.splitASCII(0x09, omittingEmpty: false)
            guard f.count == 2 else { continue }
            let entries: [(Int32, Int)] = f[1].splitASCII(0x2C).compactMap { pair in
                let p = pair.splitASCII(0x3A)
                guard p.count == 2, let w = Int(p[1]), let ind = catalog.industry(code: String(p[0])) else { return nil }
                return (ind.id, w)
            }
            // No codes: a stop phrase (主力军), matched so that its parts (主力) are not.
            guard !entries.isEmpty || f[1].isEmpty else { continue }
            let word = catalog.table.normalize(String(f[0]))
            if word.unicodeScalars.allSatisfy({ Han.isHan($0.value) }) {
                terms.append(word)
                codes.append(entries)
            } else {
                mixed.append((Array(word.utf16), entries))
            }
        }
        lexicon = Lexicon(terms: terms, table: catalog.table)
        self.codes = codes
        self.mixed = mixed
        capitalMarkets = catalog.industry(code: "67")?.id
    }

    /// Industry ids (GB/T and strategic emerging) for the article, most salient first.
    public func tag(headline: String, body: String, limit: Int = 4) -> [Int32] {
        let table = catalog.table
        return tag(normalizedHeadline: Array(table.normalize(headline).utf16), normalizedBody: Array(table.normalize(body).utf16), limit: limit)
    }

    /// `tag` for text already normalized (the analyzer's buffers).
    public func tag(normalizedHeadline: [UInt16], normalizedBody: [UInt16], limit: Int = 4) -> [Int32] {
        var matched: [String]? = nil
        return select(scores(normalizedHeadline: normalizedHeadline, normalizedBody: normalizedBody, matched: &matched), limit: limit)
    }

    /// The keywords behind an article's tags (`keyword code:points …`), then the tags, for tuning.
    public func explain(headline: String, body: String) -> [String] {
        let table = catalog.table
        var matched: [String]? = []
        let s = scores(normalizedHeadline: Array(table.normalize(headline).utf16), normalizedBody: Array(table.normalize(body).utf16), matched: &matched)
        return (matched ?? []) + ["tags " + select(s, limit: 4).compactMap { catalog.industry(id: $0)?.code }.joined(separator: ",")]
    }

    private func scores(normalizedHeadline: [UInt16], normalizedBody: [UInt16], matched: inout [String]?) -> [Int32: Int] {
        var scores = [Int32: Int]()
        func note(_ word: some Collection<UInt16>, _ entries: [(id: Int32, weight: Int)], _ factor: Int) {
            guard matched != nil else { return }
            let codes = entries.map { "\(catalog.industry(id: $0.id)?.code ?? "?"):\($0.weight * factor)" }
            matched?.append(String(decoding: Array(word), as: UTF16.self) + " " + codes.joined(separator: ","))
        }
        for (units, factor) in [(normalizedHeadline, Self.headlineFactor), (normalizedBody, 1)] {
            units.withUnsafeBufferPointer { buf in
                var i = 0
                while i < buf.count {
                    var best: (end: Int, term: Int)? = nil
                    if Han.isHan(UInt32(buf[i])) { lexicon.forEachMatch(buf, from: i) { end, term in best = (end, term) } }
                    if let best {
                        for c in codes[best.term] { scores[c.id, default: 0] += c.weight * factor }
                        note(buf[i ..< best.end], codes[best.term], factor)
                        i = best.end
                    } else {
                        i += 1
                    }
                }
            }
            let filter = PairFilter(units)
            for (word, entries) in mixed where filter.mayContain(word) && RegionTagger.find(units, word, from: 0) != nil {
                for c in entries { scores[c.id, default: 0] += c.weight * factor }
                note(word, entries, factor)
            }
            if let market = capitalMarkets, Self.containsStockCode(units) || Self.containsSpecialTreatmentName(units) {
                scores[market, default: 0] += Self.stockCodeWeight * factor
            }
        }
        return scores
    }

    /// Whether `units` holds a stock code in parentheses, as in 贵研铂业(600459): an
    /// article about a listed share, whatever the company makes.
    static func containsStockCode(_ units: [UInt16]) -> Bool {
        var i = 0
        while i < units.count {
            if units[i] == 0x28 {  // (
                var j = i + 1
                while j < units.count, units[j] >= 0x30, units[j] <= 0x39 { j += 1 }
                if j < units.count, units[j] == 0x29, (5 ... 6).contains(j - i - 1) { return true }  // )
                i = j
            } else {
                i += 1
            }
        }
        return false
    }
    static let stockCodeWeight = 3

    /// Whether `units` (normalized, so lower case) names a share under special treatment,
    /// as in ST大地, *ST金泰 or SST星美: `st` right before a Han character, not inside a Latin word.
    static func containsSpecialTreatmentName(_ units: [UInt16]) -> Bool {
        func isLetter(_ u: UInt16) -> Bool { (0x61 ... 0x7A).contains(u) || (0x41 ... 0x5A).contains(u) }
        var i = 0
        while i + 2 < units.count {
            if units[i] == 0x73, units[i + 1] == 0x74, Han.isHan(UInt32(units[i + 2])) {
                var start = i
                if start > 0, units[start - 1] == 0x73 { start -= 1 }  // sst: shares not yet reformed
                if start == 0 || !isLetter(units[start - 1]) { return true }
            }
            i += 1
        }
        return false
    }

    private func select(_ scores: [Int32: Int], limit: Int) -> [Int32] {
        guard !scores.isEmpty else { return [] }
        // Evidence per top-level group (GB section or strategic first level), and per code with its descendants.
        var group = [Int32: Int]()
        var within = [Int32: Int]()
        for (id, s) in scores {
            let line = catalog.lineage(id)
            if let top = line.last { group[top, default: 0] += s }
            for a in line { within[a, default: 0] += s }
        }
        let top = group.values.max() ?? 0
        let kept = group.filter { $0.value >= Self.minimumScore && Double($0.value) >= Double(top) * 0.4 }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var result = [Int32]()
        for (g, total) in kept.prefix(limit) {
            // Walk down while one child holds most of the evidence.
            var current = g
            while true {
                guard let here = catalog.industry(id: current) else { break }
                let next = catalog.children(of: here.code)
                    .compactMap { c in within[c.id].map { (c.id, $0) } }
                    .max { $0.1 < $1.1 }
                guard let (child, s) = next, Double(s) >= Double(total) * 0.6 else { break }
                current = child
            }
            result.append(current)
        }
        return result
    }
}
