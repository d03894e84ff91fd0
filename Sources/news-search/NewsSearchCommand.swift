import ArgumentParser
import NewsCLI
import Foundation
import NewsCatalog
import NewsIndex
import NewsIngest
import NewsSearch
import NewsText


@main
struct NewsSearchCommand: ParsableCommand {
    static func main() {
        if CommandLine.arguments.dropFirst().first == "serve" { return Serve.runWithUsageExit(Array(CommandLine.arguments.dropFirst(2))) }
        if CommandLine.arguments.dropFirst().first == "stats" { return StatsCommand.dispatch(Array(CommandLine.arguments.dropFirst(2))) }
        if CommandLine.arguments.dropFirst().first == "clusters" { return ClustersCommand.dispatch(Array(CommandLine.arguments.dropFirst(2))) }
        let arguments = excludedTermsAsText(joiningNegativeNumbers(Array(CommandLine.arguments.dropFirst()), numeric: numericOptions))
        if let plain = plainQuery(arguments) { return runWithUsageExit(plain) }
        runWithUsageExit(arguments)
    }

    /// Options that take a number (spelling → long name): `--limit -1` must reach `validate()`.
    static let numericOptions: [String: String] = {
        var names = ["-l": "--limit"]
        for n in ["limit", "top", "width", "offset"] + RankingOptions.numericNames { names["--" + n] = "--" + n }
        return names
    }()

    /// The arguments of one dash that are options; any other (`-GDP`, `-房地产`, `-2024`) is a
    /// term excluded from the query.
    static let shortOptions: Set<String> = ["-l", "-h", "-help"]

    /// The arguments with each term excluded from the query (`news-search 房地产 -GDP`) written
    /// with the full-width minus that the query parser also reads (`－GDP`): ArgumentParser takes
    /// any argument that starts with `-` for an option ("Unknown option '-GDP'"). Options keep
    /// their dash: those of two (`--limit`) and `shortOptions` (`-l 5`); a negative number after
    /// an option that takes one is already joined to it (`--limit=-1`, `joiningNegativeNumbers`),
    /// so it still reaches `validate()`. Arguments after `--` are left alone.
    static func excludedTermsAsText(_ arguments: [String]) -> [String] {
        var out = [String]()
        out.reserveCapacity(arguments.count)
        for (i, a) in arguments.enumerated() {
            if a == "--" { return out + arguments[i...] }
            let excluded = a.count > 1 && a.hasPrefix("-") && !a.hasPrefix("--") && !shortOptions.contains(a)
            out.append(excluded ? "－" + a.dropFirst() : a)
        }
        return out
    }

    /// Longer queries are refused: a query is words or a sentence, and planning and scoring
    /// grow with its length (a pasted article would take seconds and find everything).
    static let maxQueryLength = 1000
    /// Longer filter values are refused: no region or industry name is near it, and
    /// suggesting the closest ones compares the value with every catalog entry.
    static let maxFilterLength = 100
    /// More results than anyone reads (0 asks for all).
    static let maxLimit = 1_000_000

    /// Why `text` is too long a query (nil when it is not); scalars, not Characters, are
    /// counted, since a Character can hold any number of them.
    static func queryTooLong(_ text: String) -> String? {
        let n = text.unicodeScalars.count
        return n > maxQueryLength ? "the query has \(n) characters; at most \(maxQueryLength) are allowed" : nil
    }

    static let configuration = CommandConfiguration(
        commandName: "news-search",
        abstract: "Search Chinese news indexed by news-index: BM25, exact strings, region/industry/date filters.",
        discussion: """
            Query syntax: words (Chinese needs no spaces), "exact string", +required, -excluded, A OR B, title:headline-only. \
            An excluded term is query text even where it looks like an option (news-search 房地产 -GDP); \
            -l and -h are the only options of one dash.
            Text output: matches in bold yellow on a terminal, marked ⟦⟧ there without colour, and not marked in a pipe \
            (headlines use 【】 themselves); lines wrap to the terminal's width (East Asian characters take two columns).
            Environment: NEWS_INDEX (the index folder when --index is not given), NO_COLOR (a non-empty value turns \
            colour off, as --color never does), COLUMNS (the width when the output is not a terminal).
            Exit status: 0 (results or none), 1 index error, 2 usage error.
            Examples:
              news-search 淄博高新区 招商
              news-search '"提着“篮子”选“好菜”"'
              news-search 钙钛矿 --region 山东 --from 2024
              news-search --industry K70 --from 2024 --limit 20
            """,
        version: "news-search \(toolsVersion)"
    )

    @Argument(help: "The query (may be empty when filters are given).")
    var words: [String] = []

    @OptionGroup var location: IndexLocations

    @Option(name: .customLong("global-stats"), help: ArgumentHelp("Score with these statistics (written by news-search stats; repeatable: the files of several shards are summed) instead of the indexes' own: a shard then ranks as part of the whole collection.", valueName: "file"))
    var globalStats: [String] = []

    @Flag(name: .customLong("shard-columns"), help: "Batch mode with --format tsv: also print tier (complete or partial), bm25 (the score before re-ranking), segment and doc, which a coordinator needs to merge shards' lists exactly as one index ranks (spark/); a lone hit of a tier gets its re-ranking bonus in its score.")
    var shardColumns = false

    @Option(name: .customLong("spanning-clusters"), help: ArgumentHelp("With --by and --format csv: the stories of these clusters (written by news-search clusters over every shard) are not counted but listed, one row per copy with columns cluster, date and id, so that a coordinator counts each story once across shards (spark/).", valueName: "file"))
    var spanningClusters: String?

    @Option(name: .shortAndLong, help: "Number of results (0 = all).")
    var limit: Int = 10

    @Flag(help: "Print only the number of matching articles.")
    var count = false

    @Option(help: "Skip the first N results (paging: --offset 10 shows results 11–20).")
    var offset: Int = 0

    @Option(help: "Order of results: relevance, or date (newest first; only articles that hold the whole query).")
    var sort: ResultOrder = .relevance

    @Option(help: ArgumentHelp("Print one article whole: headline, metadata, tags, reprints and body.", valueName: "id"))
    var show: String?

    @Flag(help: "With --format json: include each result's whole body.")
    var body = false

    @Flag(help: "Require every term (no partial matches).")
    var all = false

    @Flag(help: ArgumentHelp("Score every match, without pruning (to check that pruning changes no result).", visibility: .hidden))
    var exhaustive = false

    @Option(help: "Earliest date: 2024, 2024-03 or 2024-03-19.")
    var from: String?

    @Option(help: "Latest date: 2024, 2024-03 or 2024-03-19.")
    var to: String?

    @Option(help: "Region: name, short name, code or printed path such as 山东省淄博市 (repeatable; 山东 includes 淄博 and 张店).")
    var region: [String] = []

    @Option(help: "Industry: GB/T 4754 code or name at any level (C, C38, C3825, 房地产业) or a strategic emerging category (新能源产业, 6.3), or a printed tag (C3825 光伏设备及元器件制造). Repeatable.")
    var industry: [String] = []

    @Option(help: "Output format (json: JSON Lines).")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Colour matches and metadata: auto (on a terminal, unless NO_COLOR is set to a non-empty value), always (through a pipe too, for less -R), never. Without colour, matches are marked ⟦⟧ on a terminal and not at all in a pipe.", valueName: "when"))
    var color: ColorChoice = .auto

    @Option(help: ArgumentHelp("Columns that text output fits, 0 for no wrapping (default: the terminal's width, else $COLUMNS, else 80).", valueName: "columns"))
    var width: Int?

    @Option(help: "Batch mode: a file of qid<TAB>query lines; with --format tsv prints qid<TAB>rank<TAB>id<TAB>score.")
    var queries: String?

    @Flag(help: "Batch mode: print query latency on stderr (in-process, from each query's text to its results, after one untimed warm-up pass).")
    var timing = false

    @Option(help: "Count matching articles by province|city|industry|division|strategic|source|day|week|month|quarter|year (repeat for a table: --by region --by month).")
    var by: [DimensionArgument] = []

    @Option(help: "With --by: only the N largest rows (not for time).")
    var top: Int?

    @Flag(help: "With --by: also each row's count as a share of all articles in its row (the same filters without the query).")
    var share = false

    @Option(help: ArgumentHelp("With --by: also write the counts as an SVG chart (line chart over time, bars otherwise).", valueName: "file.svg"))
    var chart: String?

    @Flag(name: .customLong("no-collapse"), help: "Show reprints of one story as separate results (and count copies, not stories).")
    var noCollapse = false

    @Option(name: .customLong("list-regions"), help: ArgumentHelp("Browse regions: the provinces, or the children of a region, with article counts.", valueName: "parent"))
    var listRegions: String?

    @Option(name: .customLong("list-industries"), help: ArgumentHelp("Browse industries: the sections and strategic categories (use -), or the children of a code, with article counts.", valueName: "code"))
    var listIndustries: String?

    @OptionGroup var rankingOptions: RankingOptions

    func validate() throws {
        guard (0 ... Self.maxLimit).contains(limit) else { throw ValidationError("--limit must be between 0 (all) and \(Self.maxLimit)") }
        if let width, !(0 ... 10_000).contains(width) { throw ValidationError("--width must be between 0 (no wrapping) and 10000") }
        guard (0 ... 1_000_000).contains(offset) else { throw ValidationError("--offset must be between 0 and 1000000") }
        if let show, show.isEmpty || show.count > 1000 { throw ValidationError("--show needs an article id (at most 1000 characters)") }
        try rankingOptions.check()
        if let tooLong = Self.queryTooLong(words.joined(separator: " ")) { throw ValidationError(tooLong) }
        let filters = [("--from", from.map { [$0] } ?? []), ("--to", to.map { [$0] } ?? []), ("--region", region), ("--industry", industry),
                       ("--list-regions", listRegions.map { [$0] } ?? []), ("--list-industries", listIndustries.map { [$0] } ?? []),
                       ("--by", by.map(\.name))]
        for (name, values) in filters {
            for v in values where v.unicodeScalars.count > Self.maxFilterLength {
                throw ValidationError("\(name): the value has \(v.unicodeScalars.count) characters; at most \(Self.maxFilterLength) are allowed")
            }
        }
        for d in by where d.dimension == nil {
            throw ValidationError("--by \(d.name): use one of region, province, city, industry, division, strategic, source, day, week, month, quarter, year")
        }
        guard by.count <= 2 else { throw ValidationError("--by at most twice (rows and columns)") }
        if let top {
            guard top >= 1 && top <= 100_000 else { throw ValidationError("--top must be between 1 and 100000") }
            guard let first = by.first?.dimension, !first.isTime else {
                throw ValidationError("--top needs --by with a dimension that is not time (region, industry, source …)")
            }
        }
        if shardColumns && (queries == nil || format != .tsv) { throw ValidationError("--shard-columns needs --queries FILE and --format tsv") }
        if chart != nil && by.isEmpty { throw ValidationError("--chart needs --by (what to count)") }
        if spanningClusters != nil && (by.isEmpty || format != .csv || noCollapse || top != nil || share) {
            throw ValidationError("--spanning-clusters needs --by and --format csv (without --no-collapse, --top, --share)")
        }
        // A query with nothing in it ('', spaces, "", title:) is no query: alone, it would list every article.
        let blank = (try? Query.parse(words.joined(separator: " ")))?.isEmpty ?? false
        if queries == nil && show == nil && blank && from == nil && to == nil && region.isEmpty && industry.isEmpty && by.isEmpty
            && listRegions == nil && listIndustries == nil {
            throw ValidationError("give a query, or filters (--from, --to, --region, --industry), or --queries FILE")
        }
    }

    /// What the invocation asks for, chosen by its options in this order.
    enum Mode {
        /// `--queries FILE`: each query of a file, ranked.
        case batch(file: String)
        /// `--show ID`: one article whole.
        case show(id: String)
        /// `--list-regions`, `--list-industries`: the catalog with article counts.
        case browse
        /// `--by`: counts by one or two dimensions.
        case counts([NewsSearch.Dimension])
        /// `--count`: the number of articles that hold the whole query.
        case total
        /// A page of ranked results.
        case results
    }

    var mode: Mode {
        if let queries { return .batch(file: queries) }
        if let show { return .show(id: show) }
        if listRegions != nil || listIndustries != nil { return .browse }
        if !by.isEmpty { return .counts(by.compactMap(\.dimension)) }
        return count ? .total : .results
    }

    /// A usage error of this tool (exit status 2).
    static func usage(_ message: String) -> ToolError { ToolError(.usage, "news-search: \(message)") }
    /// A failure of this tool (exit status 1).
    static func failure(_ message: String) -> ToolError { ToolError(.failure, "news-search: \(message)") }

    func run() throws {
        do { try runModes() } catch let e as CollectionStatsError { throw Self.failure("\(e)") }
    }

    private func runModes() throws {
        let table: CharacterTable
        let reader: IndexGroup
        var stats: CollectionStats? = nil
        do {
            table = try CharacterTable.shared()
            reader = try IndexGroup.open(directories: location.indexes)
            for file in globalStats {
                let read = try CollectionStats.read(file: file)
                stats = stats.map { $0.merged(with: read) } ?? read
            }
        } catch {
            throw Self.failure("\(error)")
        }
        var options = Searcher.Options()
        options.limit = limit
        options.all = all
        options.exhaustive = exhaustive
        options.scoresLoneHits = shardColumns
        options.ranking = rankingOptions.ranking
        do {
            try options.filters.setDates(from: from, to: to)
            if !region.isEmpty { try options.filters.addRegions(region, catalog: try RegionCatalog.shared()) }
            if !industry.isEmpty { try options.filters.addIndustries(industry, catalog: try IndustryCatalog.shared()) }
        } catch {
            throw Self.usage("\(error)")
        }
        let lexicon = Lexicon.builtin(table: table)
        let searcher = Searcher(reader: reader, analyzer: try Analyzer(lexicon: lexicon))
        searcher.globalStats = stats
        let printer = try Printer(reader: reader, format: format, lexicon: lexicon, color: color.isOn(), width: width ?? Terminal.columns())
        let query: Query
        switch mode {
        case let .batch(file):
            return try runBatch(file: file, searcher: searcher, options: options, printer: printer)
        case let .show(id):
            guard let hit = searcher.article(id: id) else { throw Self.failure("no article with id \(id) in \(location.described)") }
            return try printer.printArticle(hit, reprints: try searcher.reprints(of: hit))
        default:
            do { query = try Query.parse(words.joined(separator: " ")) } catch { throw Self.usage("\(error)") }
        }
        switch mode {
        case .browse:
            try browse(CatalogBrowser(reader: reader), printer: printer)
        case let .counts(dimensions):
            try printCounts(query, dimensions: dimensions, options: options, searcher: searcher, printer: printer)
        case .total:
            print(try searcher.total(query, options: options, collapse: !noCollapse))
        default:
            var request = PageRequest()
            request.options = options
            request.offset = offset
            request.order = sort
            request.collapse = !noCollapse
            // "results 1–10; 228 articles hold the whole query" is said under text only.
            request.countsTotal = format == .text
            try printer.printResults(try searcher.page(query, request), query: query, bodies: body)
        }
    }

    /// `--list-regions`, `--list-industries`: an unknown parent is a usage error.
    private func browse(_ browser: CatalogBrowser, printer: Printer) throws {
        do {
            if let listRegions { printer.printListing(try browser.regions(under: listRegions), header: ["code", "region", "articles"]) }
            if let listIndustries { printer.printListing(try browser.industries(under: listIndustries), header: ["code", "industry", "articles"]) }
        } catch let e as CatalogError {
            throw Self.usage("\(e)")
        }
    }

    /// `--by`: the table (long format with codes for programs), and the chart when asked for.
    private func printCounts(_ query: Query, dimensions: [NewsSearch.Dimension], options: Searcher.Options,
                             searcher: Searcher, printer: Printer) throws {
        var request = CountRequest(dimensions: dimensions, top: top, shares: share, collapse: !noCollapse)
        if let spanningClusters { request.apart = try ClustersCommand.read(spanningClusters) }
        let table = try searcher.counts(query, options: options, request)
        let names = by.map(\.name)
        if spanningClusters != nil { return try printShardCounts(table, names: names) }
        let rows = table.rows.map { (keys: $0.keys, count: $0.count) }
        let shares = share ? table.rows.map { $0.share ?? 0 } : nil
        if format == .csv || format == .json {
            // Programs get codes and names in columns of their own: region_code, region_name …
            let long = try table.longFormat(names: names)
            printer.printCounts(zip(long.rows, table.rows).map { (keys: $0, count: $1.count) }, dimensions: long.columns,
                                total: table.total, shares: shares)
        } else {
            printer.printCounts(rows, dimensions: names, total: table.total, shares: shares)
        }
        guard let chart else { return }
        let title = Chart.title(query: words.joined(separator: " "), regions: region, industries: industry,
                                from: options.filters.from, to: options.filters.to, dimensions: names)
        do { try Chart.svg(rows, dimensions: names, title: title).write(toFile: chart, atomically: true, encoding: .utf8) } catch {
            throw Self.failure("cannot write \(chart): \(error.localizedDescription)")
        }
        printError("chart written to \(chart)")
    }

    /// `--spanning-clusters`: the table, then the copies counted apart (count 1, cluster, date, id).
    private func printShardCounts(_ table: CountTable, names: [String]) throws {
        let long = try table.longFormat(names: names)
        var out = (long.columns + ["count", "cluster", "date", "id"]).joined(separator: ",") + "\n"
        for (keys, row) in zip(long.rows, table.rows) { out += (keys.map(SafeText.csvCell) + [String(row.count), "", "", ""]).joined(separator: ",") + "\n" }
        for (copy, combos) in try table.longFormatApart() {
            let date = copy.day.map { Day(number: $0).description } ?? ""
            for keys in combos {
                out += (keys.map(SafeText.csvCell) + ["1", ClustersCommand.hex(copy.cluster), date, SafeText.csvCell(copy.id)]).joined(separator: ",") + "\n"
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// `--queries FILE`: every line checked before any query runs; a syntax error stops the
    /// batch, a query with nothing in it is skipped with a warning (without filters it would
    /// list every article).
    private func runBatch(file: String, searcher: Searcher, options: Searcher.Options, printer: Printer) throws {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw Self.usage("cannot read \(file)") }
        var batch = [(qid: String, text: String)]()
        // Any line break (\r\n is one Character, which a split on "\n" would not cut).
        for (n, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            where !line.allSatisfy(\.isWhitespace) {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw Self.usage("\(file):\(n + 1): expected qid<TAB>query") }
            if let tooLong = Self.queryTooLong(String(parts[1])) { throw Self.usage("\(file):\(n + 1): \(tooLong)") }
            do {
                if try Query.parse(String(parts[1])).isEmpty && options.filters.isEmpty {
                    printError("news-search: \(file):\(n + 1): empty query: no results for \(parts[0])")
                    continue
                }
            } catch {
                throw Self.usage("\(file):\(n + 1): \(error)")
            }
            batch.append((String(parts[0]), String(parts[1])))
        }
        if timing { for (_, text) in batch { _ = try searcher.search(try Query.parse(text), options: options) } }
        var micros = [Double]()
        var output = ""
        for (qid, text) in batch {
            // A query's time runs from its text, as a user's does (and Lucene's is measured).
            let start = DispatchTime.now().uptimeNanoseconds
            let q = try Query.parse(text)
            let result = try searcher.search(q, options: options)
            micros.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1000)
            if format == .tsv {
                for (rank, hit) in result.hits.enumerated() {
                    let id = searcher.reader.segments[hit.segment].id(hit.doc)
                    output += "\(SafeText.tsvCell(qid))\t\(rank + 1)\t\(SafeText.tsvCell(id))\t\(String(format: "%.4f", hit.score))"
                    if shardColumns {
                        // Full precision: the coordinator compares these across shards.
                        output += "\t\(hit.complete ? "complete" : "partial")\t\(hit.bm25)\t\(hit.score)\t\(hit.segment)\t\(hit.doc)"
                    }
                    output += "\n"
                }
            } else {
                try printer.printResults(ResultPage(hits: result.hits), query: q, qid: qid)
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        if timing && !micros.isEmpty {
            let sorted = micros.sorted()
            func pct(_ p: Double) -> Int { Int(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) }
            let mean = Int(micros.reduce(0, +) / Double(micros.count))
            FileHandle.standardError.write(Data("queries=\(micros.count) mean_us=\(mean) p50_us=\(pct(0.5)) p90_us=\(pct(0.9)) p99_us=\(pct(0.99))\n".utf8))
        }
    }
}

/// A `--by` value: the dimension, and the name it was given by (`region` or `province`),
/// which heads its column and names the chart's axis. Any text parses, so that
/// `validate()` can name the dimensions when it is none of them.
struct DimensionArgument: ExpressibleByArgument {
    let name: String
    let dimension: NewsSearch.Dimension?

    init(argument: String) {
        name = argument
        dimension = NewsSearch.Dimension(name: argument)
    }
}

extension ResultOrder: ExpressibleByArgument {}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, tsv
}
