import Foundation
import Testing
import TestSupport
import NewsCatalog
import NewsIndex
import NewsIngest
import NewsText
@testable import NewsSearch

/// An index over hand-written sentences, shared by the tests of this suite.
final class Fixture: @unchecked Sendable {
    let dir: TemporaryFolder
    let reader: IndexReader
    let searcher: Searcher

    static let articles: [Article] = [
        Article(id: "zibo", headline: "淄博高新区精准招商", body: "淄博高新区与广东企业签约，建设钙钛矿光伏组件生产线。", date: Day(year: 2024, month: 3, day: 19), location: "t", regions: ["370303"]),
        Article(id: "zibo-tw", headline: "淄博高新區鈣鈦礦項目開工", body: "淄博高新區鈣鈦礦電池項目開工，總投資10億元。", date: Day(year: 2024, month: 5, day: 10), location: "t"),
        Article(id: "split", headline: "高新技术", body: "淄川的企业和博山的高校，新区建设。", date: Day(year: 2023, month: 1, day: 2), location: "t"),
        Article(id: "hefei", headline: "合肥新能源汽车产量增长", body: "合肥新能源汽车产量突破70万辆，动力电池配套率提升。", date: Day(year: 2025, month: 1, day: 22), location: "t", regions: ["合肥市"]),
        Article(id: "house", headline: "郑州楼市新政", body: "郑州推出商品住房以旧换新，房地产市场回暖。", date: Day(year: 2025, month: 8, day: 13), location: "t", regions: ["郑州市"], industries: ["K70"]),
        Article(id: "punct", headline: "标点测试", body: "淄博，高新区的测试。淄博高新区", date: Day(year: 2022, month: 6, day: 1), location: "t"),
    ]

    init() throws {
        dir = try TemporaryFolder("search")
        var options = IndexWriter.Options(threads: 1)
        options.maxBufferedDocs = 3
        let writer = try IndexWriter(directory: dir.path, options: options)
        for a in Self.articles { try writer.add(a) }
        _ = try writer.commit()
        writer.close()
        reader = try IndexReader.open(directory: dir.path)
        searcher = Searcher(reader: reader, analyzer: try Analyzer())
    }

    func ids(_ q: String, _ configure: (inout Searcher.Options) throws -> Void = { _ in }) throws -> [String] {
        var options = Searcher.Options()
        try configure(&options)
        return try searcher.search(try Query.parse(q), options: options).hits.map { reader.segments[$0.segment].id($0.doc) }
    }
}

@Suite(.serialized) struct SearchTests {
    let f: Fixture
    init() throws { f = try Fixture() }

    @Test func completeMatchesComeFirstThenPartialOnes() throws {
        let ids = try f.ids("淄博高新区 钙钛矿")
        #expect(Set(ids.prefix(2)) == ["zibo", "zibo-tw"])
        #expect(ids.contains("punct"))  // partial: no 钙钛矿
        #expect(try f.ids("淄博高新区 钙钛矿") { $0.all = true }.sorted() == ["zibo", "zibo-tw"])
    }

    @Test func traditionalAndSimplifiedFindEachOther() throws {
        #expect(try f.ids("鈣鈦礦") { $0.all = true }.sorted() == ["zibo", "zibo-tw"])
        #expect(try f.ids("钙钛矿") { $0.all = true }.sorted() == ["zibo", "zibo-tw"])
    }

    @Test func quotedStringsAreExactAndContiguous() throws {
        #expect(try f.ids(#""淄博高新区""#).sorted() == ["punct", "zibo", "zibo-tw"])
        #expect(try f.ids(#""淄博，高新区""#) == ["punct"])
        #expect(try f.ids(#""高新区精准""#) == ["zibo"])
        #expect(try f.ids(#""新区建设""#) == ["split"])
        #expect(try f.ids(#""博高""#).sorted() == ["punct", "zibo", "zibo-tw"])
        #expect(try f.ids(#""精准淄博""#).isEmpty)
    }

    @Test func oneCharacterFindsItAnywhere() throws {
        // 矿 ends a word in every article that has it: found through the bigram prefix and unigram.
        #expect(try f.ids("矿") { $0.all = true }.sorted() == ["zibo", "zibo-tw"])
        #expect(try f.ids("淄") { $0.all = true }.sorted() == ["punct", "split", "zibo", "zibo-tw"])
    }

    @Test func exclusionRequirementAlternativesAndTitleOnlySelectArticles() throws {
        #expect(try f.ids("淄博 -钙钛矿") { $0.all = true }.sorted() == ["punct"])
        #expect(try f.ids("+合肥 新能源") == ["hefei"])
        #expect(try f.ids("合肥 OR 郑州") { $0.all = true }.sorted() == ["hefei", "house"])
        #expect(try f.ids("title:招商") == ["zibo"])
    }

    @Test func filtersReadColumns() throws {
        let regions = try RegionCatalog.shared()
        #expect(try f.ids("淄博") { $0.all = true; try $0.filters.addRegions(["山东"], catalog: regions) }.contains("zibo"))
        #expect(try f.ids("新能源") { try $0.filters.addRegions(["安徽"], catalog: regions) } == ["hefei"])
        #expect(try f.ids("淄博") { try $0.filters.setDates(from: "2024-04", to: nil) } == ["zibo-tw"])
        let industries = try IndustryCatalog.shared()
        #expect(try f.ids("") { try $0.filters.addIndustries(["房地产业"], catalog: industries) } == ["house"])
        #expect(throws: CatalogError.self) { var x = Filters(); try x.addRegions(["不存在的地方"], catalog: regions) }
        #expect(throws: Filters.Error.self) { var x = Filters(); try x.setDates(from: "2024-13", to: nil) }
    }

    @Test func emptyQueryListsNewestFirst() throws {
        let ids = try f.ids("") { try $0.filters.setDates(from: "2023", to: nil); $0.limit = 0 }
        #expect(ids == ["house", "hefei", "zibo-tw", "zibo", "split"])
    }

    @Test func countCountsEveryMatch() throws {
        let all = try f.searcher.search(try Query.parse("淄博"), options: { var o = Searcher.Options(); o.all = true; return o }(), count: true)
        #expect(all.total == 3)
    }
}

/// A one-segment index of a few articles and a searcher over it: the ranking signals'
/// tests each build their own.
struct SmallIndex {
    let dir: TemporaryFolder
    let reader: IndexReader
    let searcher: Searcher

    init(_ name: String, _ articles: [Article]) throws {
        dir = try TemporaryFolder(name)
        let writer = try IndexWriter(directory: dir.path, options: IndexWriter.Options(threads: 1))
        for a in articles { try writer.add(a) }
        _ = try writer.commit()
        writer.close()
        reader = try IndexReader.open(directory: dir.path)
        searcher = Searcher(reader: reader, analyzer: try Analyzer())
    }

    /// The ranked (article id, score) pairs of `query`, with the options `configure` sets.
    func hits(_ query: String, _ configure: (inout Searcher.Options) -> Void = { _ in }) throws -> [(String, Double)] {
        var options = Searcher.Options()
        configure(&options)
        return try searcher.search(try Query.parse(query), options: options).hits.map { (reader.segments[$0.segment].id($0.doc), $0.score) }
    }

    /// Scores by article id.
    func scores(_ query: String, _ configure: (inout Searcher.Options) -> Void) throws -> [String: Double] {
        Dictionary(uniqueKeysWithValues: try hits(query, configure))
    }

    /// Twenty articles that share none of the test queries' words (idf needs a collection).
    static let others = (0 ..< 20).map { Article(id: "other\($0)", headline: "", body: "今天天气晴朗适合出行，第\($0)届运动会开幕。", location: "t") }
}

/// Text with nothing to index (punctuation, symbols) is found where grep finds it, never
/// everywhere.
@Suite struct LiteralTextTests {
    @Test func punctuationIsFoundInStoredText() throws {
        let index = try SmallIndex("literal", [
            Article(id: "bang", headline: "股市大涨！", body: "价格上涨5%……市场回暖。", location: "t"),
            Article(id: "calm", headline: "市场平稳", body: "价格平稳。", location: "t"),
            Article(id: "ask", headline: "为何上涨？", body: "原因不明。", location: "t"),
        ])
        func ids(_ q: String) throws -> [String] { try index.hits(q).map(\.0).sorted() }
        #expect(try ids("！") == ["bang"])  // the headline
        #expect(try ids("……") == ["bang"])  // the body
        #expect(try ids("!") == ["bang"])  // folded like article text
        #expect(try ids(#""。""#) == ["ask", "bang", "calm"])
        #expect(try ids("？") == ["ask"])
        #expect(try ids("¿").isEmpty)
        #expect(try ids("！ ……") == ["bang"])  // each must be there
        #expect(try ids("！ OR ？") == ["ask", "bang"])  // either
        #expect(try ids("title:……").isEmpty)  // only in a body
        #expect(try ids("-平稳") == ["ask", "bang"])  // only exclusions: everything else
        // Beside words, stray punctuation is noise (经济 - 发展); required or quoted, it is checked
        // on each candidate the words bring.
        #expect(try index.hits("价格 ！") { $0.all = true }.map(\.0).sorted() == ["bang", "calm"])
        #expect(try ids("+！ 价格") == ["bang"])
        #expect(try index.hits(#""！" 价格"#) { $0.all = true }.map(\.0) == ["bang"])
        #expect(try ids("价格 -！") == ["calm"])
        // Either a word or punctuation: articles with only the punctuation match too, below the word's.
        #expect(try index.hits("回暖 OR ？").map(\.0) == ["bang", "ask"])
        #expect(try index.hits("回暖 OR ？") { $0.all = true }.map(\.0) == ["bang", "ask"])
        #expect(try index.hits("原因 OR ！").map(\.0) == ["ask", "bang"])
        // Partial matches are the articles holding a word of the query: not `ask` (only the ？).
        #expect(try ids("价格 OR ？ 平稳") == ["bang", "calm"])
        #expect(try index.hits("价格 OR ？ 平稳") { $0.all = true }.map(\.0) == ["calm"])
        // Another clause's word is needed: only articles with it, in either word order.
        #expect(try index.hits("回暖 OR ？ 价格") { $0.all = true }.map(\.0) == ["bang"])
        #expect(try index.hits("价格 回暖 OR ？") { $0.all = true }.map(\.0) == ["bang"])
        // A full list needs none of them; a count or a longer list does.
        #expect(try index.hits("回暖 OR ？") { $0.limit = 1 }.map(\.0) == ["bang"])
        let counted = try index.searcher.search(try Query.parse("回暖 OR ？"), options: { var o = Searcher.Options(); o.limit = 1; return o }(), count: true)
        #expect(counted.total == 2)
    }

    @Test func punctuationIsHighlighted() throws {
        let highlighter = Highlighter(analyzer: try Analyzer())
        let text = "价格上涨5%……市场回暖……。"
        let scalars = Array(text.unicodeScalars)
        func marked(_ q: String) throws -> [String] {
            try highlighter.prepare(try Query.parse(q))
            return try highlighter.matches(in: text).map { String(String.UnicodeScalarView(scalars[$0])) }
        }
        #expect(try marked("……") == ["……", "……"])
        #expect(try marked(#""……" 价格"#) == ["价格", "……", "……"])
        #expect(try marked("…… 价格") == ["价格"])  // stray beside a word: not searched
    }
}

@Suite(.serialized) struct LeadTests {
    /// Two articles with the same tokens (so the same BM25F score): one opens with the
    /// query's words, the other ends with them after more than a lead of other text.
    @Test func articlesThatOpenWithTheQueryRankFirst() throws {
        let filler = String(repeating: "今天天气晴朗适合出行", count: 20)
        let index = try SmallIndex("lead", [
            Article(id: "a-late", headline: "", body: filler + "。淄博钙钛矿光伏组件", location: "t"),
            Article(id: "b-early", headline: "", body: "淄博钙钛矿光伏组件。" + filler, location: "t"),
        ])
        func hits(_ configure: (inout Searcher.Options) -> Void = { _ in }) throws -> [(String, Double)] {
            try index.hits("钙钛矿 光伏", configure)
        }
        #expect(try hits().map(\.0) == ["b-early", "a-late"])
        #expect(try hits { $0.limit = 1 }.map(\.0) == ["b-early"])
        // Off, or a depth of one: equal scores go by id (the late one's comes first).
        let off = try hits { $0.ranking.use(LeadSignal(weight: 0, length: 120)) }
        #expect(off.map(\.0) == ["a-late", "b-early"] && off[0].1 == off[1].1)
        #expect(try hits { $0.ranking.leadDepth = 1 }.map(\.0) == ["a-late", "b-early"])
        // A lead shorter than where the words start gives no bonus either.
        #expect(try hits { $0.ranking.use(LeadSignal(weight: 0.5, length: 2)) }.map(\.0) == ["a-late", "b-early"])
        let on = try hits()
        #expect(on[1].1 == off[0].1 && on[0].1 > on[1].1)
    }

    /// The share of a headline that the query covers adds to the score: more for a
    /// headline that is all query than for one that holds the query among other words.
    @Test func headlinesThatAreTheQueryGainMost() throws {
        let body = String(repeating: "今天天气晴朗适合出行", count: 3) + "。钙钛矿光伏"
        let index = try SmallIndex("coverage", [
            Article(id: "short", headline: "钙钛矿光伏", body: body, location: "t"),
            Article(id: "long", headline: "钙钛矿光伏组件生产线项目在淄博开工", body: body, location: "t"),
            Article(id: "none", headline: "今天天气晴朗", body: body, location: "t"),
        ])
        func scores(_ weight: Double) throws -> [String: Double] {
            try index.scores("钙钛矿 光伏") { $0.ranking.use(LeadSignal(weight: 0, length: 120)); $0.ranking.use(CoverageSignal(weight: weight)) }
        }
        let off = try scores(0), on = try scores(2)
        var gain = [String: Double]()
        for (id, score) in off { gain[id] = on[id]! - score }
        #expect(gain["none"] == 0)
        #expect(gain["long"]! > 0 && gain["short"]! > 2 * gain["long"]!)
    }

    /// A yearly report and last year's: the query's session number and growth figure decide,
    /// though last year's report shares more of the query's other words.
    @Test func theQuerysNumbersDecideBetweenRecurringReports() throws {
        let index = try SmallIndex("numbers", [
            Article(id: "2023", headline: "", body: "第52届光伏产业大会开幕，光伏组件产量增长5.4%。", location: "t"),
            Article(id: "2024", headline: "", body: "第54届产业大会开幕，组件产量增长5.3%。", location: "t"),
        ] + SmallIndex.others)
        func top(_ weight: Double) throws -> [String] {
            try index.hits("第54届光伏产业大会开幕 产量增长5.3%") { $0.ranking.use(NumberSignal(weight: weight)); $0.limit = 2 }.map(\.0)
        }
        #expect(try top(0) == ["2023", "2024"])
        #expect(try top(NumberSignal().weight) == ["2024", "2023"])
    }

    /// Indexes `lighter` (holding only the terms a weight applies to) and `unchanged` (holding
    /// only others) beside `SmallIndex.others`, and checks that at the default `weight`,
    /// `lighter` scores that weight times its full score and `unchanged` keeps its score.
    func expectWeighed(_ query: String, _ weight: WritableKeyPath<Ranking, Double>, lighter: String, unchanged: String) throws {
        let index = try SmallIndex("weighed", [
            Article(id: "lighter", headline: "", body: lighter, location: "t"),
            Article(id: "unchanged", headline: "", body: unchanged, location: "t"),
        ] + SmallIndex.others)
        func scores(_ w: Double) throws -> [String: Double] {
            // The lead adds idf, whatever the weight.
            try index.scores(query) { $0.ranking[keyPath: weight] = w; $0.ranking.use(LeadSignal(weight: 0, length: 120)) }
        }
        let w = Ranking()[keyPath: weight]
        let full = try scores(1), weighed = try scores(w)
        #expect(w < 1)
        #expect(abs(weighed["lighter"]! - w * full["lighter"]!) < 1e-9)
        #expect(weighed["unchanged"] == full["unchanged"])
    }

    /// A bigram that only joins two words of a sentence (国总 of 德国总理) weighs
    /// `boundaryWeight`; bigrams inside words weigh in full.
    @Test func bigramsAcrossWordBoundariesWeighLess() throws {
        try expectWeighed("德国总理将访华举行会谈", \.boundaryWeight, lighter: "中国总部设在北京。", unchanged: "德国经济增长放缓。")
    }

    /// A term only inside 【】 (a column's name) weighs `frameWeight`; the others are unchanged.
    @Test func termsOnlyInsideBracketsWeighLess() throws {
        try expectWeighed("【两会】部长通道", \.frameWeight, lighter: "两会期间代表热议。", unchanged: "部长通道今天开启。")
    }

    /// The lead re-orders the first results of the whole list, whatever the limit:
    /// a shorter list is the start of a longer one.
    @Test func aLimitCutsTheSameList() throws {
        let f = try Fixture()
        var reordered = 0
        for q in ["淄博高新区 钙钛矿", "淄博 新区 企业", "高新", "郑州 合肥 新区"] {
            let all = try f.ids(q) { $0.limit = 0 }
            #expect(all.count >= 3, "\(q)")
            for limit in 1 ... all.count { #expect(try f.ids(q) { $0.limit = limit } == Array(all.prefix(limit)), "\(q) limit \(limit)") }
            let plain = try f.ids(q) { $0.limit = 0; $0.ranking.signals.removeAll { !($0 is NumberSignal) } }
            if plain != all { reordered += 1 }
        }
        #expect(reordered > 0)  // the re-ranking changed some order, and the prefixes still hold
    }
}

@Suite(.serialized) struct PruningTests {
    static let common = ["淄博", "高新区", "招商", "钙钛矿", "光伏", "组件", "新能源", "汽车", "出口", "增长", "项目", "签约", "港口", "企业",
                         "房地产", "债券", "银行", "芯片", "数据", "中心", "物流", "粮食", "旅游", "消费"]
    static let characters = Array("东南西北江河湖海山川城乡工农商学兵金木水火土风云雷电春夏秋冬")

    /// 4,000 articles of common words and rare two-character pairs, in two or more segments:
    /// postings of many blocks, and queries whose complete matches are few.
    static func corpus(_ dir: TemporaryFolder, _ rng: inout SplitMix64) throws -> IndexReader {
        func rare() -> String { String([characters[Int(rng.next() % UInt64(characters.count))], characters[Int(rng.next() % UInt64(characters.count))]]) }
        var options = IndexWriter.Options(threads: 2)
        options.maxBufferedDocs = 1500
        let writer = try IndexWriter(directory: dir.path, options: options)
        for i in 0 ..< 4000 {
            let n = 5 + Int(rng.next() % 40)
            let body = (0 ..< n).map { _ in rng.next() % 3 == 0 ? rare() : common[Int(rng.next() % UInt64(common.count))] }.joined(separator: "，")
            let head = (0 ..< 3).map { _ in common[Int(rng.next() % UInt64(common.count))] }.joined()
            try writer.add(Article(id: "p\(i)", headline: head, body: body, location: "t"))
        }
        _ = try writer.commit()
        writer.close()
        let reader = try IndexReader.open(directory: dir.path)
        #expect(reader.segments.count >= 2)
        return reader
    }

    /// MaxScore and block-max pruning must return exactly what exhaustive scoring returns.
    @Test func prunedTopKEqualsExhaustive() throws {
        let dir = try TemporaryFolder("pruning")
        var rng = SplitMix64(seed: 5)
        let searcher = Searcher(reader: try Self.corpus(dir, &rng), analyzer: try Analyzer())
        func rare() -> String { String([Self.characters[Int(rng.next() % UInt64(Self.characters.count))], Self.characters[Int(rng.next() % UInt64(Self.characters.count))]]) }
        for i in 0 ..< 80 {
            var q = (0 ..< 1 + Int(rng.next() % 4)).map { _ in rng.next() % 2 == 0 ? rare() : Self.common[Int(rng.next() % UInt64(Self.common.count))] }
                .joined(separator: " ")
            if i % 4 == 3 {
                // An exact string across punctuation: checked on stored text, lazily when pruning.
                q += " \"" + Self.common[Int(rng.next() % UInt64(Self.common.count))] + "，" + Self.common[Int(rng.next() % UInt64(Self.common.count))] + "\""
            }
            // Operators, whose required units differ from the scored ones.
            switch i % 8 {
            case 1: q += " OR " + rare()
            case 2: q += " +" + Self.common[Int(rng.next() % UInt64(Self.common.count))]
            case 5: q += " -" + Self.common[Int(rng.next() % UInt64(Self.common.count))]
            case 6: q += " title:" + Self.common[Int(rng.next() % UInt64(Self.common.count))]
            case 7: q += " +\"，\""  // punctuation alone, required: checked on stored text
            default: break
            }
            var pruned = Searcher.Options()
            pruned.limit = i % 2 == 0 ? 10 : 30
            pruned.all = i % 5 == 0
            var exhaustive = pruned
            exhaustive.exhaustive = true
            let a = try searcher.search(try Query.parse(q), options: pruned).hits
            let b = try searcher.search(try Query.parse(q), options: exhaustive).hits
            #expect(a == b, "query \(q)")
        }
        // One common word: in about half the bodies and an eighth of the headlines, so its
        // candidates come from its headline postings once the heap is full.
        for (i, w) in Self.common.enumerated() {
            var pruned = Searcher.Options()
            pruned.limit = 10
            pruned.all = i % 2 == 0
            var exhaustive = pruned
            exhaustive.exhaustive = true
            #expect(try searcher.search(try Query.parse(w), options: pruned).hits == searcher.search(try Query.parse(w), options: exhaustive).hits, "query \(w)")
        }
    }

    /// A one-character term whose expansions (every bigram it starts) hold more postings than
    /// there are articles has a negative idf: its bound is 0, not its score at its best
    /// frequency (which is its lowest), or pruning drops articles that belong in the results.
    @Test func aTermOfNegativeIdfBoundsNothingBelowZero() throws {
        let dir = try TemporaryFolder("negative-idf")
        var rng = SplitMix64(seed: 17)
        let writer = try IndexWriter(directory: dir.path, options: IndexWriter.Options(threads: 1))
        for i in 0 ..< 600 {
            // Every article has several bigrams that start with 的, so their postings outnumber the articles.
            var parts = (0 ..< 4).map { _ in "的" + String(Self.characters[Int(rng.next() % UInt64(Self.characters.count))]) }
            parts += (0 ..< 1 + Int(rng.next() % 6)).map { _ in Self.common[Int(rng.next() % UInt64(Self.common.count))] }
            parts.shuffle(using: &rng)
            try writer.add(Article(id: "n\(i)", headline: Self.common[Int(rng.next() % UInt64(Self.common.count))], body: parts.joined(separator: "，"), location: "t"))
        }
        _ = try writer.commit()
        writer.close()
        let searcher = Searcher(reader: try IndexReader.open(directory: dir.path), analyzer: try Analyzer())
        var checked = 0
        for (i, w) in Self.common.enumerated() {
            for q in ["的 \(w)", "\(w) 的 \(Self.common[(i + 5) % Self.common.count])"] {
                for all in [false, true] {
                    var pruned = Searcher.Options()
                    pruned.limit = 5
                    pruned.all = all
                    var exhaustive = pruned
                    exhaustive.exhaustive = true
                    let a = try searcher.search(try Query.parse(q), options: pruned).hits
                    #expect(a == (try searcher.search(try Query.parse(q), options: exhaustive).hits), "query \(q), all: \(all)")
                    checked += a.isEmpty ? 0 : 1
                }
            }
        }
        #expect(checked > 50)
    }

    /// `--all` finds exactly the articles whose headline or body holds every bigram of every
    /// word (checked on the stored text): the conjunction's rarest-first checks and its leaps
    /// past documents lose none.
    @Test func allFindsExactlyTheArticlesHoldingEveryTerm() throws {
        let dir = try TemporaryFolder("conjunction")
        var rng = SplitMix64(seed: 11)
        let reader = try Self.corpus(dir, &rng)
        let searcher = Searcher(reader: reader, analyzer: try Analyzer())
        var texts = [(Int, Int, String)]()
        for (s, segment) in reader.segments.enumerated() {
            for d in 0 ..< segment.docCount {
                let a = try segment.stored(d)
                texts.append((s, d, a.headline + "|" + a.body))
            }
        }
        var nonEmpty = 0
        for _ in 0 ..< 40 {
            var words = (0 ..< 1 + Int(rng.next() % 3)).map { _ in Self.common[Int(rng.next() % UInt64(Self.common.count))] }
            if rng.next() % 2 == 0 {
                words.append(String([Self.characters[Int(rng.next() % UInt64(Self.characters.count))], Self.characters[Int(rng.next() % UInt64(Self.characters.count))]]))
            }
            let bigrams = words.flatMap { w in
                let c = Array(w)
                return (0 ..< c.count - 1).map { String(c[$0 ... $0 + 1]) }
            }
            let expected = Set(texts.filter { t in bigrams.allSatisfy { t.2.contains($0) } }.map { "\($0.0)/\($0.1)" })
            var options = Searcher.Options()
            options.all = true
            options.limit = 0
            let found = try searcher.search(try Query.parse(words.joined(separator: " ")), options: options).hits
            let got = Set(found.map { "\($0.segment)/\($0.doc)" })
            #expect(got.symmetricDifference(expected).isEmpty,
                    "query \(words): \(expected.subtracting(got).count) missed, \(got.subtracting(expected).count) extra")
            #expect(found.count == got.count)
            if !expected.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty >= 20)
    }
}

/// A total counts the complete matches unscored (`Searcher.total`), or takes the one the
/// caller knows (`PageRequest.knownTotal`): the same numbers as counting the scored matches.
@Suite(.serialized) struct TotalTests {
    @Test func unscoredTotalsEqualScoredCounts() throws {
        var articles = [Article]()
        try Ingestor(table: CharacterTable.shared()).read(paths: [repositoryRoot + "/corpus"]) { articles.append($0) }
        let index = try SmallIndex("totals", articles)
        let searcher = index.searcher
        for q in ["淄博", "新能源 汽车", "高新区 OR 开发区", "\"钙钛矿\"", "项目 -投资", "投资", "的", "电池 title:项目"] {
            let query = try Query.parse(q)
            for collapse in [true, false] {
                let scored = try searcher.completeMatches(query, Searcher.Options(), scored: true)
                let expected = Counter.counted(scored, reader: searcher.reader, collapse: collapse).count
                #expect(try searcher.total(query, options: Searcher.Options(), collapse: collapse) == expected, "\(q)")
                #expect(Counter.count(scored, reader: searcher.reader, collapse: collapse) == expected, "\(q)")
                var page = PageRequest()
                page.options.limit = 1
                page.collapse = collapse
                page.countsTotal = true
                let counted = try searcher.page(query, page)
                #expect(counted.total == expected, "\(q)")
                page.knownTotal = 12345
                #expect(try searcher.page(query, page).total == 12345)
            }
        }
    }
}
