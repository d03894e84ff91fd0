import Foundation
import Testing
import TestSupport
import NewsCatalog
import NewsIndex
import NewsIngest
import NewsText
@testable import NewsSearch

/// Several indexes searched as one rank, list and count exactly as one index over the
/// same articles: statistics summed over them (`IndexGroup`), or handed to each shard
/// from outside (`CollectionStats`, `Searcher.globalStats`).
@Suite(.serialized) struct ShardTests {
    /// Indexes `paths` (in that order) into a new folder under `dir` with the built news-index.
    static func index(_ paths: [String], into folder: String) throws -> IndexReader {
        let newsIndex = try #require(executable("news-index"), "news-index is not built")
        let r = try run(newsIndex, ["--index", folder, "--quiet", "--threads", "2"] + paths)
        #expect(r.status == 0, "\(r.err)")
        return try IndexReader.open(directory: folder)
    }

    /// (id, score, complete) of every hit.
    static func ranked(_ searcher: Searcher, _ query: String, _ configure: (inout Searcher.Options) -> Void = { _ in }) throws
        -> [(String, Double, Bool)] {
        var options = Searcher.Options()
        configure(&options)
        return try searcher.search(try Query.parse(query), options: options).hits.map {
            (searcher.reader.segments[$0.segment].id($0.doc), $0.score, $0.complete)
        }
    }

    /// Same ids in the same order, same tiers, the same scores to the last bit (equal scores go
    /// by id, and a score sums its terms in the query's order wherever the article is kept).
    static func expectSame(_ a: [(String, Double, Bool)], _ b: [(String, Double, Bool)], _ label: String) {
        #expect(a.map(\.0) == b.map(\.0), "\(label): ids differ")
        #expect(a.map(\.2) == b.map(\.2), "\(label): tiers differ")
        for (x, y) in zip(a, b) where x.1 != y.1 {
            Issue.record("\(label): \(x.0) scores \(x.1) in one index, \(y.1) in the shards")
            break
        }
    }

    /// A count table's rows as text, for comparing.
    static func table(_ t: CountTable) -> [String] { t.rows.map { "\($0.keys.joined(separator: "|"))=\($0.count)" } }

    static let sampleQueries = ["淄博 传感器", "钙钛矿 光伏", "低空经济", "郑州 航空港 货运", "新能源汽车", "合肥 OR 郑州", "\"产业园\"", "芯片 -上海"]

    @Test func sampleCorpusInTwoIndexesRanksAndCountsAsOne() throws {
        let dir = try TemporaryFolder("shards")
        let files = try FileManager.default.subpathsOfDirectory(atPath: repositoryRoot + "/corpus")
            .filter { path in [".txt", ".html", ".rss", ".jsonl"].contains { path.hasSuffix($0) } }.sorted()
            .map { repositoryRoot + "/corpus/" + $0 }
        let half = files.count / 2
        let one = Searcher(reader: try Self.index(files, into: dir.path + "/one"), analyzer: try Analyzer())
        let a = try Self.index(Array(files[..<half]), into: dir.path + "/a"), b = try Self.index(Array(files[half...]), into: dir.path + "/b")
        let group = Searcher(reader: IndexGroup([a, b]), analyzer: try Analyzer())
        #expect(group.reader.liveCount == one.reader.liveCount)
        for q in Self.sampleQueries {
            Self.expectSame(try Self.ranked(one, q), try Self.ranked(group, q), q)
            Self.expectSame(try Self.ranked(one, q) { $0.all = true; $0.limit = 0 }, try Self.ranked(group, q) { $0.all = true; $0.limit = 0 }, "\(q) --all")
            Self.expectSame(try Self.ranked(group, q) { $0.exhaustive = true }, try Self.ranked(group, q), "\(q) exhaustive")
            let query = try Query.parse(q)
            for dimension in [Dimension.year, .province] {
                let request = CountRequest(dimensions: [dimension])
                let c1 = try one.counts(query, options: Searcher.Options(), request)
                let c2 = try group.counts(query, options: Searcher.Options(), request)
                #expect(Self.table(c1) == Self.table(c2), "\(q) --by \(dimension)")
                #expect(c1.total == c2.total)
            }
        }
        // The same story in both indexes folds into one result, as in one index.
        var page = PageRequest()
        page.countsTotal = true
        let (p1, p2) = (try one.page(try Query.parse("低空经济"), page), try group.page(try Query.parse("低空经济"), page))
        #expect(p1.total == p2.total)
        #expect(p1.entries.map { $0.reprintSources } == p2.entries.map { $0.reprintSources })
        #expect(group.article(id: one.reader.segments[0].id(0)) != nil)
    }

    @Test func aShardScoresWithGivenStatisticsAsInTheWholeCollection() throws {
        let dir = try TemporaryFolder("stats")
        let files = try FileManager.default.subpathsOfDirectory(atPath: repositoryRoot + "/corpus/portals")
            .filter { $0.hasSuffix(".txt") }.sorted().map { repositoryRoot + "/corpus/portals/" + $0 }
        let half = files.count / 2
        let one = Searcher(reader: try Self.index(files, into: dir.path + "/one"), analyzer: try Analyzer())
        let a = Searcher(reader: try Self.index(Array(files[..<half]), into: dir.path + "/a"), analyzer: try Analyzer())
        let b = Searcher(reader: try Self.index(Array(files[half...]), into: dir.path + "/b"), analyzer: try Analyzer())
        let queries = try Self.sampleQueries.map(Query.parse)
        let global = try a.statistics(for: queries).merged(with: b.statistics(for: queries))
        #expect(global == (try one.statistics(for: queries)))
        // Through JSON, as the stats exchange sends it.
        a.globalStats = try JSONDecoder().decode(CollectionStats.self, from: Data(try global.json().utf8))
        let whole = Dictionary(try Self.ranked(one, "钙钛矿 光伏") { $0.limit = 0 }.map { ($0.0, $0.1) }, uniquingKeysWith: { x, _ in x })
        let local = try Self.ranked(a, "钙钛矿 光伏") { $0.limit = 0; $0.ranking.leadDepth = 0 }
        let wholeBM25 = Dictionary(try Self.ranked(one, "钙钛矿 光伏") { $0.limit = 0; $0.ranking.leadDepth = 0 }.map { ($0.0, $0.1) },
                                   uniquingKeysWith: { x, _ in x })
        #expect(!local.isEmpty && !whole.isEmpty)
        for (id, score, _) in local { #expect(abs(score - (wholeBM25[id] ?? .nan)) < 1e-9, "\(id)") }
        // Statistics for other queries are refused, with the term named.
        #expect(throws: CollectionStatsError.missingTerm("bigram:沙漠")) { try a.search(try Query.parse("沙漠"), options: .init()) }
    }

    /// 60 keyword queries (fixed seed, made as scripts/bench.sh makes them) over CCTV 2022–2025:
    /// four indexes, one per year, against one index.
    @Test func cctvByYearRanksAndCountsAsOneIndex() throws {
        guard SharedData.available else { print(SharedData.skipMessage); return }
        let dir = try TemporaryFolder("cctv-shards")
        let years = (2022 ... 2025).map { SharedData.path("news/cctv/cctv-\($0).jsonl") }
        let one = Searcher(reader: try Self.index(years, into: dir.path + "/one"), analyzer: try Analyzer())
        let shards = try years.enumerated().map { try Self.index([$1], into: dir.path + "/\($0)") }
        let group = Searcher(reader: IndexGroup(shards), analyzer: try Analyzer())
        var heads = [String]()
        for file in years {
            for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n") {
                let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                heads.append(o?["title"] as? String ?? "")
            }
        }
        var runs = [[Character]]()
        for h in heads {
            var run = [Character]()
            for c in h + " " {
                if c.unicodeScalars.allSatisfy({ (0x4E00 ... 0x9FFF).contains($0.value) }) { run.append(c) } else {
                    if run.count >= 2 { runs.append(run) }
                    run = []
                }
            }
        }
        var rng = SplitMix64(seed: 4242)
        for i in 0 ..< 60 {
            let terms = (0 ..< Int(rng.next() % 3 + 1)).map { _ -> String in
                let r = runs[Int(rng.next() % UInt64(runs.count))]
                let n = min(r.count, Int(rng.next() % 3 + 2))
                let s = Int(rng.next() % UInt64(r.count - n + 1))
                return String(r[s ..< s + n])
            }
            let q = terms.joined(separator: " ")
            Self.expectSame(try Self.ranked(one, q), try Self.ranked(group, q), "q\(i) \(q)")
            Self.expectSame(try Self.ranked(one, q) { $0.all = true; $0.limit = 0 }, try Self.ranked(group, q) { $0.all = true; $0.limit = 0 },
                            "q\(i) \(q) --all")
            var filtered = Searcher.Options()
            try filtered.filters.addRegions(["北京"], catalog: try RegionCatalog.shared())
            Self.expectSame(try Self.ranked(one, q) { $0.filters = filtered.filters }, try Self.ranked(group, q) { $0.filters = filtered.filters },
                            "q\(i) \(q) --region 北京")
            let request = CountRequest(dimensions: [.month])
            let c1 = try one.counts(try Query.parse(q), options: Searcher.Options(), request)
            let c2 = try group.counts(try Query.parse(q), options: Searcher.Options(), request)
            #expect(Self.table(c1) == Self.table(c2) && c1.total == c2.total,
                    "q\(i) \(q) --by month")
        }
    }

    /// Equal scores go by article id, so a limit that cuts among them keeps the same articles
    /// in one index and in shards, whatever order the articles came in.
    @Test func equalScoresGoByIdWhereverArticlesAreKept() throws {
        func article(_ id: String, _ body: String = "淄博钙钛矿光伏组件量产") -> Article { Article(id: id, headline: "", body: body, location: "t") }
        let equal = ["e", "b", "f", "a", "d", "c"].map { article($0) }
        let all = equal + [article("z", "钙钛矿光伏组件量产提速 淄博钙钛矿")]
        let one = try SmallIndex("ties-one", all)
        let a = try SmallIndex("ties-a", [all[0], all[2], all[4], all[6]]), b = try SmallIndex("ties-b", [all[1], all[3], all[5]])
        for order in [[a.reader, b.reader], [b.reader, a.reader]] {
            let group = Searcher(reader: IndexGroup(order), analyzer: try Analyzer())
            for limit in [0, 3, 5] {
                let (x, y) = (try Self.ranked(one.searcher, "钙钛矿 量产") { $0.limit = limit }, try Self.ranked(group, "钙钛矿 量产") { $0.limit = limit })
                Self.expectSame(x, y, "limit \(limit)")
                let ties = x.filter { $0.0 != "z" }.map(\.0)
                #expect(ties == ties.sorted() && ties.first == "a", "limit \(limit): \(ties)")
            }
        }
    }
}
