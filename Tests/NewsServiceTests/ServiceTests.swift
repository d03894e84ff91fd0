import Foundation
import Testing
import TestSupport
import NewsIndex
import NewsIngest
@testable import NewsService

/// The service's answers without HTTP: each endpoint over a small index, the errors a user
/// can make, escaping, and the holder that follows new commits.
@Suite(.serialized) struct ServiceTests {
    let folder: TemporaryFolder
    let holder: IndexHolder
    var service: SearchService { SearchService(holder: holder) }

    static let articles: [Article] = [
        Article(id: "gd-1", headline: "广东新能源汽车产量增长", body: "广州市新能源汽车产业链加快发展，今年一季度新能源汽车产量同比增长三成。",
                date: Day(year: 2024, month: 2, day: 1), source: "南方日报", location: "t", regions: ["440100"]),
        Article(id: "gd-2", headline: "深圳新能源汽车出口创新高", body: "深圳港新能源汽车出口量持续攀升，二季度出口新能源汽车超过十万辆。",
                date: Day(year: 2024, month: 5, day: 3), source: "深圳商报", location: "t", regions: ["440300"]),
        Article(id: "sd-1", headline: "淄博钙钛矿项目开工", body: "淄博高新区钙钛矿电池项目今日开工，总投资二十亿元。",
                date: Day(year: 2024, month: 3, day: 19), source: "齐鲁日报", location: "t", regions: ["370300"]),
        Article(id: "xss", headline: "<script>alert(1)</script>\"><img src=x onerror=alert(2)>新能源汽车", body: "正文里也有<b>标签</b>和新能源汽车。",
                date: Day(year: 2024, month: 6, day: 1), source: "<i>来源</i>", location: "t", regions: ["440100"]),
    ]

    init() throws {
        folder = try TemporaryFolder("service")
        try Self.add(Self.articles, to: folder.path)
        var limits = ServiceLimits()
        limits.workers = 2
        holder = try IndexHolder(directory: folder.path, limits: limits)
    }

    static func add(_ articles: [Article], to path: String) throws {
        let writer = try IndexWriter(directory: path, options: IndexWriter.Options(threads: 1))
        for a in articles { try writer.add(a) }
        _ = try writer.commit()
        writer.close()
    }

    func json(_ answer: Answer) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])
    }

    func params(_ pairs: [(String, String)]) -> RequestParameters { RequestParameters(pairs.map { (name: $0.0, value: $0.1) }) }

    @Test func searchGivesTotalResultsSnippetsAndMatchOffsets() async throws {
        let answer = await service.search(params([("q", "新能源汽车"), ("region", "广东"), ("limit", "2")]))
        #expect(answer.status == 200)
        let body = try json(answer)
        #expect(body["total"] as? Int == 3 && body["has_more"] as? Bool == true)
        let results = try #require(body["results"] as? [[String: Any]])
        #expect(results.count == 2)
        let snippet = try #require(results[0]["snippet"] as? [String: Any])
        let matches = try #require(snippet["matches"] as? [[Int]])
        let text = Array((snippet["text"] as? String ?? "").unicodeScalars)
        #expect(!matches.isEmpty && matches.allSatisfy { String(String.UnicodeScalarView(text[$0[0] ..< $0[1]])).contains("新能源") || String(String.UnicodeScalarView(text[$0[0] ..< $0[1]])).contains("汽车") })
        let next = try json(await service.search(params([("q", "新能源汽车"), ("region", "广东"), ("limit", "2"), ("offset", "2")])))
        #expect((next["results"] as? [[String: Any]])?.count == 1 && next["has_more"] as? Bool == false)
    }

    @Test func dateOrderListsNewestFirst() async throws {
        let body = try json(await service.search(params([("q", "新能源汽车"), ("sort", "date")])))
        let ids = (body["results"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(ids == ["xss", "gd-2", "gd-1"])
    }

    @Test func badInputIsA400WithTheCLIMessage() async throws {
        let cases: [([(String, String)], String)] = [
            ([("q", "钙钛矿"), ("region", "山东省x")], "unknown region \"山东省x\"; did you mean: 山东省 (370000)"),
            ([("q", "\"未闭合")], "unterminated quote in query"),
            ([("q", "钙钛矿"), ("from", "2024-13")], "bad date \"2024-13\""),
            ([("q", "钙钛矿"), ("limit", "0")], "limit must be a whole number between 1 and 100"),
            ([("q", "钙钛矿"), ("offset", "9995"), ("limit", "10")], "offset + limit must be at most 10000"),
            ([("q", "钙钛矿"), ("k1", "-1")], "k1 must be a number from 0 to 100 (got -1)"),
            ([("q", "钙钛矿"), ("lead_depth", "1.5")], "lead_depth must be a whole number between 0 and 10000"),
            ([("q", "钙钛矿"), ("sort", "size")], "sort must be relevance or date"),
            ([("q", "钙钛矿"), ("colour", "red")], "unknown parameter \"colour\" for /search"),
            ([("q", String(repeating: "字", count: 1001))], "the query has 1001 characters; at most 1000 are allowed"),
            ([], "give a query (q), or filters"),
        ]
        for (pairs, message) in cases {
            let answer = await service.search(params(pairs))
            #expect(answer.status == 400, "\(pairs)")
            let error = try #require(try json(answer)["error"] as? [String: Any])
            #expect((error["message"] as? String ?? "").contains(message), "\(pairs): \(error)")
        }
        let unknown = try json(await service.search(params([("q", "x"), ("industry", "不存在的行业")])))["error"] as? [String: Any]
        #expect((unknown?["message"] as? String ?? "").hasPrefix("unknown industry"))
        let region = try json(await service.search(params([("q", "x"), ("region", "山东省x")])))["error"] as? [String: Any]
        #expect((region?["suggestions"] as? [String])?.first == "山东省 (370000)")
    }

    @Test func countsByOneAndTwoDimensionsWithSharesAndCSV() async throws {
        let one = try json(await service.counts(params([("q", "新能源汽车"), ("by", "region"), ("share", "true")])))
        #expect(one["columns"] as? [String] == ["region_code", "region_name"] && one["total"] as? Int == 3)
        let rows = try #require(one["rows"] as? [[String: Any]])
        #expect(rows.first?["keys"] as? [String] == ["440000", "广东省"] && rows.first?["count"] as? Int == 3)
        #expect(rows.first?["share"] as? Double == 1)
        let two = try json(await service.counts(params([("q", "新能源汽车"), ("by", "city"), ("by", "quarter")])))
        #expect(two["columns"] as? [String] == ["city_code", "city_name", "quarter"])
        let csv = await service.counts(params([("q", "新能源汽车"), ("by", "month"), ("format", "csv")]))
        #expect(csv.contentType.hasPrefix("text/csv") && csv.text.hasPrefix("month,count\n2024-02,1\n"))
        for bad in [[("by", "colour")], [("by", "month"), ("top", "3")], [("q", "x")], [("by", "a"), ("by", "b"), ("by", "c")]] {
            #expect(await service.counts(params(bad)).status == 400, "\(bad)")
        }
    }

    @Test func oneArticleWholeAndMissingOnes() async throws {
        let body = try json(await service.article(params([("id", "sd-1"), ("q", "钙钛矿")])))
        #expect(body["title"] as? String == "淄博钙钛矿项目开工" && (body["body"] as? String)?.contains("总投资") == true)
        #expect((body["body_matches"] as? [[Int]])?.isEmpty == false && (body["title_matches"] as? [[Int]])?.isEmpty == false)
        #expect(await service.article(params([("id", "none")])).status == 404)
        #expect(await service.article(params([])).status == 400)
    }

    @Test func catalogBrowsingWithCounts() async throws {
        let provinces = try json(await service.regions(params([])))
        let guangdong = (provinces["entries"] as? [[String: Any]] ?? []).first { $0["code"] as? String == "440000" }
        #expect(guangdong?["articles"] as? Int == 3)
        let cities = try json(await service.regions(params([("parent", "广东")])))
        #expect((cities["entries"] as? [[String: Any]] ?? []).contains { $0["name"] as? String == "深圳市" && $0["articles"] as? Int == 1 })
        #expect(await service.regions(params([("parent", "不存在")])).status == 400)
        let sections = try json(await service.industries(params([])))
        #expect((sections["entries"] as? [[String: Any]] ?? []).contains { $0["code"] as? String == "C" })
    }

    @Test func markupInArticlesStaysInertInJSON() async throws {
        let answer = await service.search(params([("q", "新能源汽车"), ("sort", "date"), ("limit", "1")]))
        #expect(!answer.text.contains("<script>") && !answer.text.contains("<img") && answer.text.contains("\\u003cscript\\u003e"))
        let title = (try json(answer)["results"] as? [[String: Any]])?.first?["title"] as? String
        #expect(title?.hasPrefix("<script>alert(1)</script>\"><img") == true)
    }

    @Test func healthAndStatusNameTheCommit() async throws {
        let health = try json(service.health(params([])))
        #expect(health["status"] as? String == "ok" && health["generation"] as? Int == 1 && health["articles"] as? Int == 4)
        let status = try json(service.status(params([])))
        #expect(status["segments"] as? Int == 1 && status["workers"] as? Int == 2 && status["reopened"] as? Int == 0)
    }

    @Test func aNewCommitIsServedAndTheOldSnapshotIsReleased() async throws {
        weak var old: Snapshot?
        old = holder.snapshot
        #expect(old != nil)
        try Self.add([Article(id: "new-1", headline: "佛山新能源汽车零部件项目投产", body: "佛山新能源汽车零部件项目投产。", location: "t", regions: ["440600"])],
                     to: folder.path)
        #expect(holder.refresh())
        #expect(!holder.refresh())  // nothing newer
        #expect(holder.generation == 2 && holder.articleCount == 5)
        // No request holds the first snapshot: its readers (and memory maps) are gone.
        #expect(old == nil)
        let body = try json(await service.search(params([("q", "佛山")])))
        #expect((body["results"] as? [[String: Any]])?.first?["id"] as? String == "new-1" && body["generation"] as? Int == 2)
    }

    /// A total is counted once per commit and query: the next page reads it from the snapshot's
    /// cache, a new commit starts with none (and counts the articles it added).
    @Test func totalsAreKeptPerCommitAndDroppedWithIt() async throws {
        let first = holder.snapshot
        let q: [(String, String)] = [("q", "新能源汽车"), ("limit", "1")]
        let a = try json(await service.search(params(q)))
        let b = try json(await service.search(params(q + [("offset", "1")])))
        #expect(a["total"] as? Int == 3 && b["total"] as? Int == 3)
        #expect(first.totals.statistics.hits == 1 && first.totals.statistics.entries == 1)
        // Filters are part of the key: another region is counted, not read.
        let sz = try json(await service.search(params(q + [("region", "深圳")])))
        #expect(sz["total"] as? Int == 1 && first.totals.statistics.entries == 2)
        try Self.add([Article(id: "new-3", headline: "佛山新能源汽车零部件项目投产", body: "佛山新能源汽车零部件项目投产。", location: "t", regions: ["440600"])],
                     to: folder.path)
        #expect(holder.refresh())
        let c = try json(await service.search(params(q)))
        #expect(c["total"] as? Int == 4 && c["generation"] as? Int == 2)
        #expect(holder.snapshot.totals.statistics.hits == 0 && holder.snapshot.totals.statistics.entries == 1)
    }

    /// The same search again reads its ranked page from the snapshot's cache and answers the
    /// same bytes; a new commit starts with no pages.
    @Test func pagesAreKeptPerCommit() async throws {
        let first = holder.snapshot
        let q: [(String, String)] = [("q", "新能源汽车"), ("limit", "2")]
        let a = await service.search(params(q)), b = await service.search(params(q))
        #expect(a.body == b.body && first.pages.statistics.hits == 1)
        // With bodies: the same page, more text.
        let withBodies = try json(await service.search(params(q + [("body", "true")])))
        #expect(first.pages.statistics.hits == 2 && first.pages.statistics.entries == 1)
        #expect((withBodies["results"] as? [[String: Any]])?.first?["body"] is String)
        try Self.add([Article(id: "new-4", headline: "新能源汽车下乡", body: "新能源汽车下乡活动。", location: "t")], to: folder.path)
        #expect(holder.refresh())
        let c = try json(await service.search(params(q)))
        #expect(c["total"] as? Int == 4 && holder.snapshot.pages.statistics.hits == 0)
    }

    @Test func totalCacheKeysAndBudget() {
        let a = SnapshotCache.totalKey(query: "q", regions: ["广东"], industries: [], from: nil, to: nil, collapse: true)
        #expect(a != SnapshotCache.totalKey(query: "q", regions: [], industries: ["广东"], from: nil, to: nil, collapse: true))
        #expect(a != SnapshotCache.totalKey(query: "q", regions: ["广东"], industries: [], from: nil, to: nil, collapse: false))
        #expect(a != SnapshotCache.totalKey(query: "q", regions: ["广东"], industries: [], from: "", to: nil, collapse: true))
        let cache = SnapshotCache<Int>(budget: 1000)
        for i in 0 ..< 100 { cache.store("query \(i)", i, cost: 0) }
        // Two generations of at most half the budget each: the latest are kept, the first are gone.
        #expect(cache.value("query 99") == 99 && cache.value("query 0") == nil)
        #expect(cache.statistics.entries * (7 + 16) <= 1000)
        let none = SnapshotCache<Int>(budget: 0)
        none.store("q", 1, cost: 0)
        #expect(none.value("q") == nil)
    }

    /// The workers of a snapshot share one reader, whose store cache keeps the articles shown.
    @Test func shownArticlesAreInflatedOnce() async throws {
        let snapshot = holder.snapshot
        for _ in 0 ..< 3 { _ = await service.search(params([("q", "钙钛矿")])) }
        let stats = snapshot.storeCache.statistics
        #expect(stats.blocks == 1 && stats.misses == 1)
    }

    @Test func aRequestKeepsItsSnapshotWhileANewOneTakesOver() async throws {
        let started = DispatchSemaphore(value: 0), proceed = DispatchSemaphore(value: 0)
        let holder = self.holder
        let pending = Task {
            await holder.run { worker, snapshot in
                started.signal()
                proceed.wait()
                return Answer(contentType: "text/plain", body: Array("\(snapshot.generation) \(worker.reader.liveCount)".utf8))
            }
        }
        started.wait()
        try Self.add([Article(id: "new-2", headline: "东莞", body: "东莞电子信息产业。", location: "t")], to: folder.path)
        #expect(holder.refresh() && holder.generation == 2)
        proceed.signal()
        #expect(await pending.value.text == "1 4")
    }

    @Test func requestsBeyondTheWaitingBoundAreTurnedAwayAndSlowOnesTimeOut() async throws {
        var limits = ServiceLimits()
        limits.workers = 1
        limits.maxWaiting = 0
        limits.requestSeconds = 0.3
        let small = try IndexHolder(directory: folder.path, limits: limits)
        let watch = Task { await small.watch(every: .milliseconds(100)) }
        defer { watch.cancel() }
        let release = DispatchSemaphore(value: 0)
        let slow = Task { await small.run { _, _ in release.wait(); return Answer(contentType: "text/plain", body: []) } }
        try await Task.sleep(for: .milliseconds(100))
        let turnedAway = await small.run { _, _ in Answer(contentType: "text/plain", body: []) }
        #expect(turnedAway.status == 503 && turnedAway.text.contains("busy"))
        let timedOut = await slow.value
        #expect(timedOut.status == 503 && timedOut.text.contains("took longer than"))
        release.signal()
    }

    @Test func queryStringsDecodeAsFormsDo() throws {
        let p = try #require(RequestParameters(query: "q=%E6%B7%84%E5%8D%9A+%2B%E9%92%99&region=a&region=b&flag"))
        #expect(p.value("q") == "淄博 +钙" && p.values("region") == ["a", "b"] && p.value("flag") == "")
        #expect(RequestParameters(query: "q=%zz") == nil && RequestParameters(query: "q=%ff") == nil)
    }

    @Test func everyRouteIsInTheOpenAPIDocumentAndBack() throws {
        let doc = try #require(JSONSerialization.jsonObject(with: Data(Assets.openAPI.body)) as? [String: Any])
        let paths = try #require(doc["paths"] as? [String: Any])
        #expect(Set(paths.keys) == Set(ServiceRouter.paths))
        // Every parameter the service reads is documented for its endpoint, and only those.
        func documented(_ path: String) -> Set<String> {
            let get = (paths[path] as? [String: Any])?["get"] as? [String: Any]
            return Set((get?["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        }
        #expect(documented("/search") == Set(SearchService.searchNames))
        #expect(documented("/counts") == Set(SearchService.countNames))
        #expect(documented("/article") == ["id", "q"] && documented("/regions") == ["parent"] && documented("/health").isEmpty)
    }
}
