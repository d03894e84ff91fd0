import NewsCatalog
import NewsCLI
import NewsIndex
import NewsSearch

/// The service's answers, from the NewsSearch API alone (the same answers as `news-search`),
/// independent of HTTP: each endpoint reads its `RequestParameters`, runs on a worker of the current
/// snapshot (`IndexHolder.run`) and gives an `Answer`.
public struct SearchService: Sendable {
    public let holder: IndexHolder
    var limits: ServiceLimits { holder.limits }

    public init(holder: IndexHolder) { self.holder = holder }

    static let filterNames = ["q", "region", "industry", "from", "to", "all"]
    static let searchNames = filterNames + ["limit", "offset", "sort", "collapse", "body"] + RequestParameters.knobNames.map(\.name)
    static let countNames = filterNames + ["by", "top", "share", "collapse", "format"]

    // MARK: /search

    public func search(_ p: RequestParameters) async -> Answer {
        let request: (Query, String, PageRequest, Bool, String, String)
        do {
            try p.only(Self.searchNames, endpoint: "/search")
            let (query, text, options) = try self.query(p)
            // As news-search: a query with nothing in it and no filters would list every article.
            if query.isEmpty && options.filters.isEmpty {
                throw ServiceError.badRequest("give a query (q), or filters (region, industry, from, to)")
            }
            var page = PageRequest()
            page.options = options
            page.options.limit = try p.int("limit", default: 10, in: 1 ... limits.maxLimit)
            page.offset = try p.int("offset", default: 0, in: 0 ... limits.maxWindow - 1)
            if page.offset + page.options.limit > limits.maxWindow {
                throw ServiceError.badRequest("offset + limit must be at most \(limits.maxWindow) (got \(page.offset + page.options.limit)); narrow the query instead of paging so deep")
            }
            page.options.ranking = try p.ranking()
            switch p.value("sort") ?? "relevance" {
            case "relevance": page.order = .relevance
            case "date": page.order = .date
            case let other: throw ServiceError.badRequest("sort must be relevance or date (got \"\(RequestParameters.clip(other))\")")
            }
            page.collapse = try p.bool("collapse", default: true)
            page.countsTotal = true
            let key = SnapshotCache.totalKey(query: text, regions: p.values("region"), industries: p.values("industry"),
                                             from: p.value("from"), to: p.value("to"), collapse: page.collapse)
            request = (query, text, page, try p.bool("body", default: false), key, SnapshotCache.pageKey(p))
        } catch {
            return .error(ServiceError.from(error))
        }
        return await holder.run { worker, snapshot in
            let (query, text, page, bodies, totalKey, pageKey) = request
            let result = try snapshot.pages.value(pageKey) ?? {
                var asked = page
                // A total counted before on this commit (another page, the same search again).
                asked.knownTotal = snapshot.totals.value(totalKey)
                let result = try worker.searcher.page(query, asked)
                if asked.knownTotal == nil, let total = result.total { snapshot.totals.store(totalKey, total, cost: 0) }
                snapshot.pages.store(pageKey, result, cost: SnapshotCache.cost(result))
                return result
            }()
            try worker.summarizer.prepare(query)
            var w = JSONWriter(capacity: 4096)
            w.beginObject()
            w.key("query"); w.string(text)
            w.key("generation"); w.int(Int(snapshot.generation))
            w.key("total"); w.int(result.total ?? 0)
            w.key("offset"); w.int(result.offset)
            w.key("limit"); w.int(page.options.limit)
            w.key("matched"); w.bool(result.matched)
            w.key("has_more"); w.bool(result.hasMore)
            w.key("results")
            w.beginArray()
            for entry in result.entries {
                let s = try worker.summarizer.summary(entry.hit, rank: entry.rank, reprintSources: entry.reprintSources, body: bodies)
                Self.write(s, to: &w)
            }
            w.endArray()
            w.endObject()
            return .json(w)
        }
    }

    /// The query and filters of `/search` and `/counts`, checked as `news-search` checks them.
    func query(_ p: RequestParameters) throws -> (Query, String, Searcher.Options) {
        let text = p.value("q") ?? ""
        let n = text.unicodeScalars.count
        // news-search's message for the same mistake.
        if n > limits.maxQueryLength { throw ServiceError.badRequest("the query has \(n) characters; at most \(limits.maxQueryLength) are allowed") }
        let query = try Query.parse(text)
        var options = Searcher.Options()
        options.all = try p.bool("all", default: false)
        let regions = p.values("region"), industries = p.values("industry")
        for (name, values) in [("region", regions), ("industry", industries)] {
            if values.count > limits.maxFilterValues {
                throw ServiceError.badRequest("\(name): at most \(limits.maxFilterValues) values are allowed (got \(values.count))")
            }
            for v in values { try RequestParameters.check(v, name: name, limit: limits.maxFilterLength) }
        }
        let from = try p.text("from", limit: limits.maxFilterLength), to = try p.text("to", limit: limits.maxFilterLength)
        try options.filters.setDates(from: from, to: to)
        if !regions.isEmpty { try options.filters.addRegions(regions, catalog: try RegionCatalog.shared()) }
        if !industries.isEmpty { try options.filters.addIndustries(industries, catalog: try IndustryCatalog.shared()) }
        return (query, text, options)
    }

    /// One result as `news-search --format json` prints it, with the headline's matches.
    static func write(_ s: ArticleSummary, to w: inout JSONWriter) {
        w.beginObject()
        w.key("rank"); w.int(s.rank)
        w.key("id"); w.string(s.id)
        w.key("score"); w.number(s.score)
        w.key("title"); w.string(s.article.headline)
        w.key("title_matches"); w.ranges(s.headlineMatches)
        w.key("date"); w.string(s.date.isEmpty ? nil : s.date)
        w.key("source"); w.string(s.article.source)
        w.key("url"); w.string(s.article.url)
        writeTags(s, to: &w)
        w.key("cluster"); w.string(s.cluster == 0 ? nil : String(s.cluster, radix: 16))
        w.key("also_in"); w.beginArray(); for a in s.alsoIn { w.string(a) }; w.endArray()
        w.key("snippet"); w.beginObject(); w.key("text"); w.string(s.snippet.text); w.key("matches"); w.ranges(s.snippet.matches); w.endObject()
        if let body = s.body { w.key("body"); w.string(body) }
        w.endObject()
    }

    static func writeTags(_ s: ArticleSummary, to w: inout JSONWriter) {
        w.key("regions"); w.beginArray()
        for r in s.regions { w.beginObject(); w.key("code"); w.string(String(r.code)); w.key("name"); w.string(r.name); w.endObject() }
        w.endArray()
        w.key("industries"); w.beginArray()
        for i in s.industries { w.beginObject(); w.key("code"); w.string(i.code); w.key("name"); w.string(i.name); w.endObject() }
        w.endArray()
    }

    // MARK: /counts

    public func counts(_ p: RequestParameters) async -> Answer {
        let request: (Query, Searcher.Options, CountRequest, [String], Bool)
        do {
            try p.only(Self.countNames, endpoint: "/counts")
            let (query, _, options) = try self.query(p)
            let names = p.values("by")
            guard (1 ... 2).contains(names.count) else {
                throw ServiceError.badRequest("by is needed once or twice (rows, then columns); got it \(names.count) times")
            }
            let dimensions = try names.map { name -> NewsSearch.Dimension in
                guard let d = NewsSearch.Dimension(name: name) else {
                    throw ServiceError.badRequest("by \(RequestParameters.clip(name)): use one of region, province, city, industry, division, strategic, source, day, week, month, quarter, year")
                }
                return d
            }
            var top: Int? = nil
            if p.value("top") != nil {
                top = try p.int("top", default: 10, in: 1 ... 100_000)
                if dimensions[0].isTime { throw ServiceError.badRequest("top needs a first by that is not time (region, industry, source …)") }
            }
            let csv: Bool
            switch p.value("format") ?? "json" {
            case "json": csv = false
            case "csv": csv = true
            case let other: throw ServiceError.badRequest("format must be json or csv (got \"\(RequestParameters.clip(other))\")")
            }
            let count = CountRequest(dimensions: dimensions, top: top, shares: try p.bool("share", default: false),
                                     collapse: try p.bool("collapse", default: true))
            request = (query, options, count, names, csv)
        } catch {
            return .error(ServiceError.from(error))
        }
        return await holder.run { worker, snapshot in
            let (query, options, count, names, csv) = request
            let table = try worker.searcher.counts(query, options: options, count)
            let long = try table.longFormat(names: names)
            if csv {
                var out = (long.columns + ["count"] + (count.shares ? ["share"] : [])).joined(separator: ",") + "\n"
                for (keys, row) in zip(long.rows, table.rows) {
                    out += (keys.map(SafeText.csvCell) + [String(row.count)] + (count.shares ? [Self.shareText(row.share)] : [])).joined(separator: ",") + "\n"
                }
                return Answer(contentType: "text/csv; charset=utf-8", body: Array(out.utf8), attachment: "counts.csv")
            }
            var w = JSONWriter(capacity: 256 + 64 * table.rows.count)
            w.beginObject()
            w.key("generation"); w.int(Int(snapshot.generation))
            w.key("dimensions"); w.beginArray(); for d in table.dimensions { w.string(d.rawValue) }; w.endArray()
            w.key("columns"); w.beginArray(); for c in long.columns { w.string(c) }; w.endArray()
            w.key("total"); w.int(table.total)
            w.key("rows"); w.beginArray()
            for (keys, row) in zip(long.rows, table.rows) {
                w.beginObject()
                w.key("keys"); w.beginArray(); for k in keys { w.string(k) }; w.endArray()
                w.key("count"); w.int(row.count)
                if count.shares { w.key("share"); w.number(row.share ?? 0) }
                w.endObject()
            }
            w.endArray()
            w.endObject()
            return .json(w)
        }
    }

    static func shareText(_ share: Double?) -> String {
        let x = ((share ?? 0) * 10_000).rounded() / 10_000
        var s = String(x)
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }

    // MARK: /article

    public func article(_ p: RequestParameters) async -> Answer {
        let id: String, query: Query
        do {
            try p.only(["id", "q"], endpoint: "/article")
            guard let value = try p.text("id", limit: limits.maxIDLength), !value.isEmpty else {
                throw ServiceError.badRequest("id is needed: the id of an article, as /search gives it")
            }
            id = value
            query = try Query.parse(try p.text("q", limit: limits.maxQueryLength) ?? "")
        } catch {
            return .error(ServiceError.from(error))
        }
        return await holder.run { worker, snapshot in
            guard let hit = worker.searcher.article(id: id) else {
                throw ServiceError(status: 404, "no article with id \(id) in the index")
            }
            try worker.summarizer.prepare(query)
            let s = try worker.summarizer.summary(hit, rank: 1, body: true)
            let reprints = try worker.searcher.reprints(of: hit)
            var w = JSONWriter(capacity: 1024 + s.article.body.utf8.count)
            w.beginObject()
            w.key("generation"); w.int(Int(snapshot.generation))
            w.key("id"); w.string(s.id)
            w.key("title"); w.string(s.article.headline)
            w.key("title_matches"); w.ranges(s.headlineMatches)
            w.key("date"); w.string(s.date.isEmpty ? nil : s.date)
            w.key("source"); w.string(s.article.source)
            w.key("author"); w.string(s.article.author)
            w.key("reprint_origin"); w.string(s.article.reprintOrigin)
            w.key("url"); w.string(s.article.url)
            Self.writeTags(s, to: &w)
            w.key("cluster"); w.string(s.cluster == 0 ? nil : String(s.cluster, radix: 16))
            w.key("reprints"); w.beginArray()
            for r in reprints {
                w.beginObject(); w.key("id"); w.string(r.id); w.key("source"); w.string(r.source)
                w.key("date"); w.string(r.date.isEmpty ? nil : r.date); w.endObject()
            }
            w.endArray()
            w.key("body"); w.string(s.article.body)
            w.key("body_matches"); w.ranges(query.isEmpty ? [] : try worker.summarizer.matches(in: s.article.body))
            w.endObject()
            return .json(w)
        }
    }

    // MARK: /regions, /industries

    public func regions(_ p: RequestParameters) async -> Answer { await browse(p, endpoint: "/regions") { try $0.regions(under: $1) } }
    public func industries(_ p: RequestParameters) async -> Answer { await browse(p, endpoint: "/industries") { try $0.industries(under: $1) } }

    private func browse(_ p: RequestParameters, endpoint: String,
                        _ list: @escaping @Sendable (CatalogBrowser, String?) throws -> [CatalogEntry]) async -> Answer {
        let parent: String?
        do {
            try p.only(["parent"], endpoint: endpoint)
            parent = try p.text("parent", limit: limits.maxFilterLength)
        } catch {
            return .error(ServiceError.from(error))
        }
        return await holder.run { worker, snapshot in
            let entries = try list(worker.browser, parent)
            var w = JSONWriter(capacity: 128 + 64 * entries.count)
            w.beginObject()
            w.key("generation"); w.int(Int(snapshot.generation))
            w.key("parent"); w.string(parent.flatMap { $0.isEmpty || $0 == "-" ? nil : $0 })
            w.key("entries"); w.beginArray()
            for e in entries {
                w.beginObject(); w.key("code"); w.string(e.code); w.key("name"); w.string(e.name); w.key("articles"); w.int(e.articles); w.endObject()
            }
            w.endArray()
            w.endObject()
            return .json(w)
        }
    }

    // MARK: /health, /status

    public func health(_ p: RequestParameters) -> Answer {
        do { try p.only([], endpoint: "/health") } catch { return .error(ServiceError.from(error)) }
        let s = holder.snapshot
        var w = JSONWriter()
        w.beginObject()
        w.key("status"); w.string("ok")
        w.key("generation"); w.int(Int(s.generation))
        w.key("articles"); w.int(s.articles)
        w.endObject()
        return .json(w)
    }

    public func status(_ p: RequestParameters) -> Answer {
        do { try p.only([], endpoint: "/status") } catch { return .error(ServiceError.from(error)) }
        let state = holder.state
        var w = JSONWriter()
        w.beginObject()
        w.key("generation"); w.int(Int(state.snapshot.generation))
        w.key("articles"); w.int(state.snapshot.articles)
        w.key("deleted"); w.int(state.snapshot.deleted)
        w.key("segments"); w.int(state.snapshot.segments)
        w.key("opened_at"); w.string(state.snapshot.openedText)
        w.key("reopened"); w.int(state.reopened)
        w.key("running"); w.int(state.running)
        w.key("waiting"); w.int(state.waiting)
        w.key("workers"); w.int(limits.workers)
        w.key("version"); w.string(toolsVersion)
        w.key("last_reopen_error"); w.string(state.lastError)
        w.endObject()
        return .json(w)
    }
}
