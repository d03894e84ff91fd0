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
        // "-房地产" is an excluded term, not an option: hand it to the query parser as "－房地产".
        runWithUsageExit(CommandLine.arguments.dropFirst().map { a -> String in
            guard a.count > 1, a.first == "-", let second = a.unicodeScalars.dropFirst().first, second.value > 0x7F else { return a }
            return "－" + a.dropFirst()
        })
    }

    static let configuration = CommandConfiguration(
        commandName: "news-search",
        abstract: "Search Chinese news indexed by news-index: BM25, exact strings, region/industry/date filters.",
        discussion: """
            Query syntax: words (Chinese needs no spaces), "exact string", +required, -excluded, A OR B, title:headline-only.
            Exit status: 0 (results or none), 1 index error, 2 usage error.
            Examples:
              news-search 淄博高新区 招商
              news-search '"提着“篮子”选“好菜”"'
              news-search 钙钛矿 --region 山东 --from 2024
              news-search --industry K70 --from 2024 --limit 20
            """
    )

    @Argument(help: "The query (may be empty when filters are given).")
    var words: [String] = []

    @Option(name: .long, help: "The index folder.")
    var index: String = "index"

    @Option(name: .shortAndLong, help: "Number of results (0 = all).")
    var limit: Int = 10

    @Flag(help: "Print only the number of matching articles.")
    var count = false

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

    @Option(help: "Output: text, json (JSON Lines), csv, tsv.")
    var format: OutputFormat = .text

    @Option(help: "Batch mode: a file of qid<TAB>query lines; with --format tsv prints qid<TAB>rank<TAB>id<TAB>score.")
    var queries: String?

    @Flag(help: "Batch mode: print query latency on stderr (in-process, from each query's text to its results, after one untimed warm-up pass).")
    var timing = false

    @Option(help: "Count matching articles by province|city|industry|division|strategic|day|week|month|quarter|year (repeat for a table: --by region --by month).")
    var by: [String] = []

    @Option(help: ArgumentHelp("With --by: also write the counts as an SVG chart (line chart over time, bars otherwise).", valueName: "file.svg"))
    var chart: String?

    @Flag(name: .customLong("no-collapse"), help: "Show reprints of one story as separate results (and count copies, not stories).")
    var noCollapse = false

    @Option(name: .customLong("list-regions"), help: ArgumentHelp("Browse regions: the provinces, or the children of a region, with article counts.", valueName: "parent"))
    var listRegions: String?

    @Option(name: .customLong("list-industries"), help: ArgumentHelp("Browse industries: the sections and strategic categories (use -), or the children of a code, with article counts.", valueName: "code"))
    var listIndustries: String?

    @Option(help: "BM25 k1.") var k1: Double = Ranking().k1
    @Option(help: "BM25 b.") var b: Double = Ranking().b
    @Option(name: .customLong("headline-boost"), help: "Weight of headline matches.") var headlineBoost: Double = Ranking().headlineBoost
    @Option(name: .customLong("lead-weight"), help: "Weight (× idf) of query terms found in the first --lead-length characters of the body (0 = off).")
    var leadWeight: Double = Ranking().leadWeight
    @Option(name: .customLong("lead-length"), help: "Characters of the body that make its lead.") var leadLength: Int = Ranking().leadLength
    @Option(name: .customLong("lead-depth"), help: "How many top results the lead and the headline's coverage re-order.") var leadDepth: Int = Ranking().leadDepth
    @Option(name: .customLong("coverage-weight"), help: "Weight (× idf) of the share of a headline that the query covers (0 = off).")
    var coverageWeight: Double = Ranking().coverageWeight
    @Option(name: .customLong("number-weight"), help: "Weight (× idf) of the query's numbers and Latin tokens an article holds (0 = off).")
    var numberWeight: Double = Ranking().numberWeight
    @Option(name: .customLong("boundary-weight"), help: "Weight of a query bigram that crosses a word boundary in a run of five or more characters (国总 of 德国总理将访华; 1 = off).")
    var boundaryWeight: Double = Ranking().boundaryWeight
    @Option(name: .customLong("frame-weight"), help: "Weight of a query term found only inside 【】 or 〖〗 when others are outside (a column's name before a headline; 1 = off).")
    var frameWeight: Double = Ranking().frameWeight

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be 0 (all) or more") }
        for d in by where NewsSearch.Dimension(name: d) == nil {
            throw ValidationError("--by \(d): use one of region, province, city, industry, division, strategic, day, week, month, quarter, year")
        }
        guard by.count <= 2 else { throw ValidationError("--by at most twice (rows and columns)") }
        if chart != nil && by.isEmpty { throw ValidationError("--chart needs --by (what to count)") }
        guard k1 >= 0, (0 ... 1).contains(b), headlineBoost >= 0 else { throw ValidationError("--k1 ≥ 0, 0 ≤ --b ≤ 1, --headline-boost ≥ 0") }
        guard leadWeight >= 0, leadLength >= 0, leadDepth >= 0, coverageWeight >= 0, numberWeight >= 0, boundaryWeight >= 0, frameWeight >= 0 else {
            throw ValidationError("--lead-weight, --lead-length, --lead-depth, --coverage-weight, --number-weight, --boundary-weight and --frame-weight must be ≥ 0")
        }
        // A query with nothing in it ('', spaces, "", title:) is no query: alone, it would list every article.
        let blank = (try? Query.parse(words.joined(separator: " ")))?.isEmpty ?? false
        if queries == nil && blank && from == nil && to == nil && region.isEmpty && industry.isEmpty && by.isEmpty
            && listRegions == nil && listIndustries == nil {
            throw ValidationError("give a query, or filters (--from, --to, --region, --industry), or --queries FILE")
        }
    }

    func run() throws {
        let table: CharacterTable
        let reader: IndexReader
        do {
            table = try CharacterTable.shared()
            reader = try IndexReader.open(directory: index)
        } catch {
            FileHandle.standardError.write(Data("news-search: \(error)\n".utf8))
            throw ExitCode(1)
        }
        var options = Searcher.Options()
        options.limit = limit
        options.all = all
        options.exhaustive = exhaustive
        options.ranking.k1 = k1
        options.ranking.b = b
        options.ranking.headlineBoost = headlineBoost
        options.ranking.leadWeight = leadWeight
        options.ranking.leadLength = leadLength
        options.ranking.leadDepth = leadDepth
        options.ranking.coverageWeight = coverageWeight
        options.ranking.numberWeight = numberWeight
        options.ranking.boundaryWeight = boundaryWeight
        options.ranking.frameWeight = frameWeight
        do {
            try options.filters.setDates(from: from, to: to)
            if !region.isEmpty { try options.filters.addRegions(region, catalog: try RegionCatalog.shared()) }
            if !industry.isEmpty { try options.filters.addIndustries(industry, catalog: try IndustryCatalog.shared()) }
        } catch {
            FileHandle.standardError.write(Data("news-search: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let lexicon = Lexicon.builtin(table: table)
        let analyzer = try Analyzer(lexicon: lexicon)
        let searcher = Searcher(reader: reader, analyzer: analyzer)
        let printer = try Printer(reader: reader, format: format, lexicon: lexicon)
        if let queries {
            try runBatch(file: queries, searcher: searcher, options: options, printer: printer)
            return
        }
        let query: Query
        do { query = try Query.parse(words.joined(separator: " ")) } catch {
            FileHandle.standardError.write(Data("news-search: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if listRegions != nil || listIndustries != nil {
            do {
                try Browser(reader: reader, printer: printer).run(regionsUnder: listRegions, industriesUnder: listIndustries)
            } catch let e as CatalogError {
                FileHandle.standardError.write(Data("news-search: \(e)\n".utf8))
                throw ExitCode(2)
            }
            return
        }
        if !by.isEmpty {
            // Counts cover every article that matches the whole query.
            var all = options
            all.limit = 0
            all.all = true
            all.ranking.leadDepth = 0  // order does not matter to counts
            let hits = try searcher.search(query, options: all).hits
            let counter = Counter(regions: try RegionCatalog.shared(), industries: try IndustryCatalog.shared())
            let rows = counter.count(hits, reader: reader, by: by.compactMap(NewsSearch.Dimension.init(name:)), collapse: !noCollapse)
            printer.printCounts(rows, dimensions: by, total: hits.count)
            if let chart {
                let dims = by.compactMap(NewsSearch.Dimension.init(name:))
                let time: Set<NewsSearch.Dimension> = [.day, .week, .month, .quarter, .year]
                var title = words.joined(separator: " ")
                if !region.isEmpty { title += " · " + region.joined(separator: "、") }
                if !industry.isEmpty { title += " · " + industry.joined(separator: "、") }
                if from != nil || to != nil { title += " · \(from ?? "…")–\(to ?? "…")" }
                title = (title.isEmpty ? "全部文章" : title) + " — 按" + by.joined(separator: "、") + "统计"
                let svg = Chart.svg(rows, dimensions: by, title: title, timeSeries: time.contains(dims[0]))
                do { try svg.write(toFile: chart, atomically: true, encoding: .utf8) } catch {
                    FileHandle.standardError.write(Data("news-search: cannot write \(chart): \(error.localizedDescription)\n".utf8))
                    throw ExitCode(1)
                }
                FileHandle.standardError.write(Data("chart written to \(chart)\n".utf8))
            }
            return
        }
        var wanted = options
        if !noCollapse && limit > 0 { wanted.limit = limit * 4 }  // room for reprints folded away
        let result = try searcher.search(query, options: wanted, count: count)
        if count {
            print(result.total ?? 0)
            return
        }
        try printer.printResults(result.hits, query: query, collapse: !noCollapse, limit: limit)
    }

    private func runBatch(file: String, searcher: Searcher, options: Options, printer: Printer) throws {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            FileHandle.standardError.write(Data("news-search: cannot read \(file)\n".utf8))
            throw ExitCode(2)
        }
        var batch = [(qid: String, text: String)]()
        // Any line break (\r\n is one Character, which a split on "\n" would not cut).
        for (n, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            where !line.allSatisfy(\.isWhitespace) {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                FileHandle.standardError.write(Data("news-search: \(file):\(n + 1): expected qid<TAB>query\n".utf8))
                throw ExitCode(2)
            }
            // A syntax error stops the batch before it runs; a query with nothing in it finds nothing
            // (without filters it would list every article).
            do {
                if try Query.parse(String(parts[1])).isEmpty && options.filters.isEmpty {
                    FileHandle.standardError.write(Data("news-search: \(file):\(n + 1): empty query: no results for \(parts[0])\n".utf8))
                    continue
                }
            } catch {
                FileHandle.standardError.write(Data("news-search: \(file):\(n + 1): \(error)\n".utf8))
                throw ExitCode(2)
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
                    output += "\(qid)\t\(rank + 1)\t\(searcher.reader.segments[hit.segment].id(hit.doc))\t\(String(format: "%.4f", hit.score))\n"
                }
            } else {
                try printer.printResults(result.hits, query: q, qid: qid)
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

    typealias Options = Searcher.Options
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, tsv
}
