import Foundation
import Testing
import TestSupport
import NewsCatalog
import NewsIndex
import NewsIngest
import NewsText
@testable import NewsSearch

/// What news-search shows, asked of the library alone (as a server would): pages with
/// reprints folded, counts, catalog browsing, one article with its copies, re-ranking signals.
@Suite(.serialized) struct ServingTests {
    /// Long enough for a reprint sketch (`Fingerprint.minimumShingles`).
    static let story = "淄博市钙钛矿光伏组件生产线今日投产，年产能达到一千兆瓦，项目由淄博高新区引进，总投资二十亿元，产品主要销往华东地区。"
        + "企业负责人介绍，生产线采用自主研发的叠层工艺，组件转换效率超过百分之二十六，良品率稳定在九成以上。"
        + "高新区管委会表示，将继续完善新能源产业链配套，推动上下游企业集聚发展，力争三年内形成百亿级产业集群。"
    let index: SmallIndex

    init() throws {
        var articles = [
            Article(id: "story-a", headline: "淄博钙钛矿组件投产", body: Self.story, date: Day(year: 2024, month: 3, day: 19),
                    source: "齐鲁日报", location: "t", regions: ["370300"]),
            Article(id: "story-b", headline: "淄博钙钛矿组件投产", body: Self.story, date: Day(year: 2024, month: 3, day: 20),
                    source: "淄博晚报", location: "t", regions: ["370300"]),
            Article(id: "story-c", headline: "淄博钙钛矿组件投产", body: Self.story, date: Day(year: 2024, month: 3, day: 21),
                    source: "淄博晚报", location: "t", regions: ["370300"]),
        ]
        for i in 0 ..< 5 {
            articles.append(Article(id: "other-\(i)", headline: "钙钛矿电池第\(i)条消息", body: "合肥钙钛矿电池项目第\(i)期开工，总投资\(i + 1)亿元。",
                                    date: Day(year: 2024, month: 4 + i, day: 1), source: "江淮日报", location: "t", regions: ["340100"]))
        }
        index = try SmallIndex("serving", articles + SmallIndex.others)
    }

    func ids(_ page: ResultPage) -> [String] { page.entries.map { index.reader.segments[$0.hit.segment].id($0.hit.doc) } }

    func request(limit: Int, offset: Int = 0, collapse: Bool = true) -> PageRequest {
        var r = PageRequest()
        r.options.limit = limit
        r.offset = offset
        r.collapse = collapse
        r.countsTotal = true
        return r
    }

    @Test func reprintsFoldIntoOneResultAndPagesFollowEachOther() throws {
        let query = try Query.parse("钙钛矿")
        let first = try index.searcher.page(query, request(limit: 3))
        let second = try index.searcher.page(query, request(limit: 4, offset: 3))
        #expect(first.total == 6 && second.total == 6)  // three copies count as one story
        #expect(first.entries.map(\.rank) == [1, 2, 3] && second.entries.map(\.rank) == [4, 5, 6])
        #expect(first.hasMore && !second.hasMore)
        let all = ids(first) + ids(second)
        #expect(Set(all).count == 6 && all.filter { $0.hasPrefix("story") }.count == 1)
        let folded = try #require((first.entries + second.entries).first { !$0.reprintSources.isEmpty })
        #expect(folded.reprintSources.count == 2)
        let summarizer = try Summarizer(reader: index.reader, lexicon: Lexicon.builtin(table: CharacterTable.shared()))
        try summarizer.prepare(query)
        let summary = try summarizer.summary(folded.hit, rank: folded.rank, reprintSources: folded.reprintSources)
        // Copies from the shown copy's own source are not listed; one other source is listed once.
        #expect(summary.alsoIn.count == 1 && !summary.alsoIn.contains(summary.article.source))
        #expect(summary.regions.first?.name == "山东省淄博市" && !summary.snippet.matches.isEmpty)
        let copies = try index.searcher.page(query, request(limit: 0, collapse: false))
        #expect(copies.entries.count == 8 && copies.total == 8 && !copies.hasMore)
    }

    @Test func aPageBeyondTheEndIsEmptyButSaysTheQueryMatched() throws {
        let page = try index.searcher.page(try Query.parse("钙钛矿"), request(limit: 3, offset: 20))
        #expect(page.entries.isEmpty && page.matched && page.total == 6 && !page.hasMore)
        let none = try index.searcher.page(try Query.parse("不存在的词语"), request(limit: 3))
        #expect(none.entries.isEmpty && !none.matched && none.total == 0)
    }

    @Test func byDateListsCompleteMatchesNewestFirst() throws {
        var r = request(limit: 0)
        r.order = .date
        let page = try index.searcher.page(try Query.parse("钙钛矿 合肥"), r)
        #expect(ids(page) == ["other-4", "other-3", "other-2", "other-1", "other-0"])
    }

    @Test func countsByTwoDimensionsWithTopAndShares() throws {
        let query = try Query.parse("钙钛矿")
        let table = try index.searcher.counts(query, options: Searcher.Options(), CountRequest(dimensions: [.province, .month]))
        #expect(table.total == 6)
        #expect(table.rows.filter { $0.keys[0] == "安徽省" }.map(\.count).reduce(0, +) == 5)
        #expect(table.rows.filter { $0.keys[0] == "山东省" }.map(\.count) == [1])  // reprints counted once
        let top = try index.searcher.counts(query, options: Searcher.Options(), CountRequest(dimensions: [.province], top: 1, shares: true))
        #expect(top.rows.map(\.keys) == [["安徽省"]] && top.rows[0].count == 5 && top.rows[0].share == 1)
        let long = try top.longFormat(names: ["region"])
        #expect(long.columns == ["region_code", "region_name"] && long.rows == [["340000", "安徽省"]])
        #expect(try index.searcher.total(query, options: Searcher.Options(), collapse: false) == 8)
    }

    @Test func browsingCountsTheArticlesInsideEachEntry() throws {
        let browser = CatalogBrowser(reader: index.reader)
        let provinces = try browser.regions(under: "-")
        #expect(provinces.first { $0.name == "山东省" }?.articles == 3)
        #expect(provinces.first { $0.name == "安徽省" }?.articles == 5)
        #expect(try browser.regions(under: "山东").first { $0.code == "370300" }?.articles == 3)
        #expect(throws: CatalogError.self) { try browser.regions(under: "不存在的地方") }
        #expect(try browser.industries(under: nil).contains { $0.code == "C" })
    }

    @Test func oneArticleWithItsOtherCopies() throws {
        let hit = try #require(index.searcher.article(id: "story-b"))
        #expect(Set(try index.searcher.reprints(of: hit).map(\.id)) == ["story-a", "story-c"])
        #expect(index.searcher.article(id: "nowhere") == nil)
        let other = try #require(index.searcher.article(id: "other-0"))
        #expect(try index.searcher.reprints(of: other).isEmpty)
    }

    /// A signal in a type of its own re-orders the first results once it is in `Ranking.signals`.
    @Test func aSignalOfItsOwnReordersTheFirstResults() throws {
        struct Favourite: RerankSignal {
            let doc: Int32
            var isOn: Bool { true }
            func bonus(for doc: Int32, in context: RerankContext) throws -> Double? { doc == self.doc ? 1000 : nil }
        }
        let plain = try index.hits("钙钛矿 合肥") { $0.all = true }
        let last = try #require(plain.last?.0)
        let hit = try #require(index.searcher.article(id: last))
        let favoured = try index.hits("钙钛矿 合肥") { $0.all = true; $0.ranking.signals.append(Favourite(doc: Int32(hit.doc))) }
        #expect(favoured.first?.0 == last && favoured.count == plain.count)
    }
}
