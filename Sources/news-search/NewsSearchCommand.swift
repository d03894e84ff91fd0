import ArgumentParser
import NewsCLI
import Foundation
import NewsCatalog
import NewsIndex
import NewsIngest
import NewsSearch
import NewsText

enum SortOrder: String, ExpressibleByArgument, CaseIterable { case relevance, date }

@main
struct NewsSearchCommand: ParsableCommand {
    static func main() {
        let arguments = joiningNegativeNumbers(Array(CommandLine.arguments.dropFirst()), numeric: numericOptions)
        runWithUsageExit(excludedTermsAsText(arguments))
    }

    /// Options that take a number (spelling → long name): `--limit -1` must reach `validate()`.
    static let numericOptions: [String: String] = {
        var names = ["-l": "--limit"]
        for n in ["limit", "k1", "b", "headline-boost", "lead-weight", "lead-length", "lead-depth", "coverage-weight",
                  "number-weight", "boundary-weight", "frame-weight", "top", "width", "offset"] { names["--" + n] = "--" + n }
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

    @Option(name: .long, help: "The index folder; the NEWS_INDEX environment variable sets the default.")
    var index: String = defaultIndexFolder()

    @Option(name: .shortAndLong, help: "Number of results (0 = all).")
    var limit: Int = 10

    @Flag(help: "Print only the number of matching articles.")
    var count = false

    @Option(help: "Skip the first N results (paging: --offset 10 shows results 11–20).")
    var offset: Int = 0

    @Option(help: "Order of results: relevance, or date (newest first; only articles that hold the whole query).")
    var sort: SortOrder = .relevance

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
    var by: [String] = []

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
        guard (0 ... Self.maxLimit).contains(limit) else { throw ValidationError("--limit must be between 0 (all) and \(Self.maxLimit)") }
        if let width, !(0 ... 10_000).contains(width) { throw ValidationError("--width must be between 0 (no wrapping) and 10000") }
        guard (0 ... 1_000_000).contains(offset) else { throw ValidationError("--offset must be between 0 and 1000000") }
        if let show, show.isEmpty || show.count > 1000 { throw ValidationError("--show needs an article id (at most 1000 characters)") }
        try validateRanking()
        if let tooLong = Self.queryTooLong(words.joined(separator: " ")) { throw ValidationError(tooLong) }
        let filters = [("--from", from.map { [$0] } ?? []), ("--to", to.map { [$0] } ?? []), ("--region", region), ("--industry", industry),
                       ("--list-regions", listRegions.map { [$0] } ?? []), ("--list-industries", listIndustries.map { [$0] } ?? []), ("--by", by)]
        for (name, values) in filters {
            for v in values where v.unicodeScalars.count > Self.maxFilterLength {
                throw ValidationError("\(name): the value has \(v.unicodeScalars.count) characters; at most \(Self.maxFilterLength) are allowed")
            }
        }
        for d in by where NewsSearch.Dimension(name: d) == nil {
            throw ValidationError("--by \(d): use one of region, province, city, industry, division, strategic, source, day, week, month, quarter, year")
        }
        guard by.count <= 2 else { throw ValidationError("--by at most twice (rows and columns)") }
        if let top {
            guard top >= 1 && top <= 100_000 else { throw ValidationError("--top must be between 1 and 100000") }
            guard let first = by.first.flatMap(NewsSearch.Dimension.init(name:)), !first.isTime else {
                throw ValidationError("--top needs --by with a dimension that is not time (region, industry, source …)")
            }
        }
        if chart != nil && by.isEmpty { throw ValidationError("--chart needs --by (what to count)") }
        // A query with nothing in it ('', spaces, "", title:) is no query: alone, it would list every article.
        let blank = (try? Query.parse(words.joined(separator: " ")))?.isEmpty ?? false
        if queries == nil && show == nil && blank && from == nil && to == nil && region.isEmpty && industry.isEmpty && by.isEmpty
            && listRegions == nil && listIndustries == nil {
            throw ValidationError("give a query, or filters (--from, --to, --region, --industry), or --queries FILE")
        }
    }

    /// The ranking knobs: finite numbers in ranges that make sense (NaN fails every range).
    private func validateRanking() throws {
        let weights: [(String, Double, ClosedRange<Double>)] = [
            ("--k1", k1, 0 ... 100), ("--b", b, 0 ... 1), ("--headline-boost", headlineBoost, 0 ... 1000),
            ("--lead-weight", leadWeight, 0 ... 1000), ("--coverage-weight", coverageWeight, 0 ... 1000),
            ("--number-weight", numberWeight, 0 ... 1000), ("--boundary-weight", boundaryWeight, 0 ... 1000),
            ("--frame-weight", frameWeight, 0 ... 1000),
        ]
        for (name, value, range) in weights where !range.contains(value) {
            throw ValidationError("\(name) must be a number from \(range.lowerBound.shortText) to \(range.upperBound.shortText) (got \(value))")
        }
        for (name, value, range) in [("--lead-length", leadLength, 0 ... 100_000), ("--lead-depth", leadDepth, 0 ... 10_000)]
            where !range.contains(value) {
            throw ValidationError("\(name) must be between \(range.lowerBound) and \(range.upperBound) (got \(value))")
        }
    }

    func run() throws {
        let table: CharacterTable
        let reader: IndexReader
        do {
            table = try CharacterTable.shared()
            reader = try IndexReader.open(directory: index)
        } catch {
            printError("news-search: \(error)")
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
            printError("news-search: \(error)")
            throw ExitCode(2)
        }
        let lexicon = Lexicon.builtin(table: table)
        let analyzer = try Analyzer(lexicon: lexicon)
        let searcher = Searcher(reader: reader, analyzer: analyzer)
        let printer = try Printer(reader: reader, format: format, lexicon: lexicon, color: color.isOn(), width: width ?? Terminal.columns())
        if let queries {
            try runBatch(file: queries, searcher: searcher, options: options, printer: printer)
            return
        }
        if let show {
            try showArticle(show, reader: reader, printer: printer)
            return
        }
        let query: Query
        do { query = try Query.parse(words.joined(separator: " ")) } catch {
            printError("news-search: \(error)")
            throw ExitCode(2)
        }
        if listRegions != nil || listIndustries != nil {
            do {
                try Browser(reader: reader, printer: printer).run(regionsUnder: listRegions, industriesUnder: listIndustries)
            } catch let e as CatalogError {
                printError("news-search: \(e)")
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
            let dimensions = by.compactMap(NewsSearch.Dimension.init(name:))
            var rows = counter.count(hits, reader: reader, by: dimensions, collapse: !noCollapse,
                                     from: options.filters.from, to: options.filters.to)
            if let top {
                // Rows come largest first: keep the first `top` distinct row keys.
                var kept = [String]()
                for r in rows where !kept.contains(r.keys[0]) && kept.count < top { kept.append(r.keys[0]) }
                rows = rows.filter { kept.contains($0.keys[0]) }
            }
            let total = Counter.counted(hits, reader: reader, collapse: !noCollapse).count
            var shares: [Double]? = nil
            if share {
                // Every article the filters let through, counted along the same dimensions.
                var base = all
                base.filters = options.filters
                let everything = try searcher.search(try Query.parse(""), options: base).hits
                let baseline = counter.count(everything, reader: reader, by: dimensions, collapse: !noCollapse,
                                             from: options.filters.from, to: options.filters.to)
                var of = [[String]: Int]()
                for b in baseline { of[b.keys] = b.count }
                shares = rows.map { r in of[r.keys].map { $0 > 0 ? Double(r.count) / Double($0) : 0 } ?? 0 }
            }
            if format == .csv || format == .json {
                // Programs get codes and names in columns of their own: region_code, region_name …
                var names = [String]()
                for (d, name) in zip(dimensions, by) {
                    let column = d == .province ? "region" : d == .city ? "city" : d == .division ? "division" : name
                    names += [.province, .city, .industry, .division, .strategic].contains(d) ? [column + "_code", column + "_name"] : [column]
                }
                let split = rows.map { r -> (keys: [String], count: Int) in
                    var keys = [String]()
                    for (d, k) in zip(dimensions, r.keys) {
                        if [.province, .city, .industry, .division, .strategic].contains(d) {
                            let (code, name) = counter.split(k, d)
                            keys += [code, name]
                        } else {
                            keys.append(k)
                        }
                    }
                    return (keys, r.count)
                }
                printer.printCounts(split, dimensions: names, total: total, shares: shares)
            } else {
                printer.printCounts(rows, dimensions: by, total: total, shares: shares)
            }
            if let chart {
                let title = Chart.title(query: words.joined(separator: " "), regions: region, industries: industry,
                                        from: options.filters.from, to: options.filters.to, dimensions: by)
                let svg = Chart.svg(rows, dimensions: by, title: title)
                do { try svg.write(toFile: chart, atomically: true, encoding: .utf8) } catch {
                    printError("news-search: cannot write \(chart): \(error.localizedDescription)")
                    throw ExitCode(1)
                }
                printError("chart written to \(chart)")
            }
            return
        }
        if count {
            // The articles that hold the whole query, reprints folded: the rule of every count.
            var all = options
            all.limit = 0
            all.all = true
            all.ranking.leadDepth = 0
            let hits = try searcher.search(query, options: all).hits
            print(Counter.counted(hits, reader: reader, collapse: !noCollapse).count)
            return
        }
        var wanted = options
        let page = limit > 0 ? min(limit, 1_000_000) + offset : 0
        if limit > 0 { wanted.limit = noCollapse ? page : page * 4 }  // room for reprints folded away
        var hits: [Hit]
        if sort == .date {
            // Newest first, among the articles that hold the whole query.
            wanted.limit = 0
            wanted.all = true
            wanted.ranking.leadDepth = 0
            hits = try searcher.search(query, options: wanted).hits
            hits.sort { a, b in
                let (da, db) = (reader.segments[a.segment].date(a.doc) ?? .min, reader.segments[b.segment].date(b.doc) ?? .min)
                return da != db ? da > db : a.score > b.score
            }
        } else {
            hits = try searcher.search(query, options: wanted).hits
        }
        // "results 1–10 of 228": the count is of the articles that hold the whole query (the counting rule).
        var total: Int? = nil
        if format == .text {
            if sort == .date || wanted.limit == 0 || hits.count < wanted.limit {
                // Every complete match is among the hits already.
                total = Counter.counted(hits.filter(\.complete), reader: reader, collapse: !noCollapse).count
            } else {
                var every = options
                every.limit = 0
                every.all = true
                every.ranking.leadDepth = 0
                total = Counter.counted(try searcher.search(query, options: every).hits, reader: reader, collapse: !noCollapse).count
            }
        }
        try printer.printResults(hits, query: query, collapse: !noCollapse, limit: limit, offset: offset, total: total, bodies: body)
    }

    /// `--show ID`: one article whole.
    private func showArticle(_ id: String, reader: IndexReader, printer: Printer) throws {
        for (s, segment) in reader.segments.enumerated() {
            for doc in segment.docs(withID: id) where !segment.isDeleted(doc) {
                try printer.printArticle(Hit(segment: s, doc: doc, score: 0, complete: true))
                return
            }
        }
        printError("news-search: no article with id \(id) in \(index)")
        throw ExitCode(1)
    }

    private func runBatch(file: String, searcher: Searcher, options: Options, printer: Printer) throws {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            printError("news-search: cannot read \(file)")
            throw ExitCode(2)
        }
        var batch = [(qid: String, text: String)]()
        // Any line break (\r\n is one Character, which a split on "\n" would not cut).
        for (n, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            where !line.allSatisfy(\.isWhitespace) {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                printError("news-search: \(file):\(n + 1): expected qid<TAB>query")
                throw ExitCode(2)
            }
            // A syntax error stops the batch before it runs; a query with nothing in it finds nothing
            // (without filters it would list every article).
            if let tooLong = Self.queryTooLong(String(parts[1])) {
                printError("news-search: \(file):\(n + 1): \(tooLong)")
                throw ExitCode(2)
            }
            do {
                if try Query.parse(String(parts[1])).isEmpty && options.filters.isEmpty {
                    printError("news-search: \(file):\(n + 1): empty query: no results for \(parts[0])")
                    continue
                }
            } catch {
                printError("news-search: \(file):\(n + 1): \(error)")
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
                    let id = searcher.reader.segments[hit.segment].id(hit.doc)
                    output += "\(SafeText.tsvCell(qid))\t\(rank + 1)\t\(SafeText.tsvCell(id))\t\(String(format: "%.4f", hit.score))\n"
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

private extension Double {
    /// 1000 rather than 1000.0 in a message.
    var shortText: String { self == rounded() ? String(Int(self)) : String(self) }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv, tsv
}
