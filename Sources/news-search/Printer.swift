import Foundation
import NewsCatalog
import NewsIndex
import NewsIngest
import NewsSearch
import NewsText

/// Prints results in the chosen format. Colour and bold only on a terminal without NO_COLOR.
final class Printer {
    let reader: IndexReader
    let format: OutputFormat
    let highlighter: Highlighter
    let regions: RegionCatalog
    let industries: IndustryCatalog
    let color: Bool
    private var headerPrinted = false

    init(reader: IndexReader, format: OutputFormat, table: CharacterTable) throws {
        self.reader = reader
        self.format = format
        highlighter = Highlighter(analyzer: try Analyzer(lexicon: .builtin(table: table)))
        regions = try RegionCatalog.shared()
        industries = try IndustryCatalog.shared()
        color = isatty(1) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    struct Row {
        var rank: Int
        var id: String
        var score: Double
        var date: String
        var article: StoredArticle
        var regions: [(Int32, String)]
        var industries: [(String, String)]
        var cluster: UInt64
        var snippet: Snippet
        var headlineMatches: [Range<Int>]
    }

    func printResults(_ hits: [Hit], query: Query, qid: String? = nil) throws {
        try highlighter.prepare(query)
        var out = ""
        for (i, hit) in hits.enumerated() {
            let segment = reader.segments[hit.segment]
            let article = try segment.stored(hit.doc)
            let row = Row(
                rank: i + 1, id: segment.id(hit.doc), score: hit.score,
                date: segment.date(hit.doc).map { Day(number: $0).description } ?? "",
                article: article,
                regions: segment.regions(hit.doc).map { ($0, regions.path($0)) },
                industries: segment.industries(hit.doc).compactMap { id in industries.industry(id: id).map { (industries.displayCode($0), $0.name) } },
                cluster: segment.cluster(hit.doc),
                snippet: try highlighter.snippet(article.body.isEmpty ? article.headline : article.body),
                headlineMatches: try highlighter.matches(in: article.headline))
            out += render(row, qid: qid)
        }
        if format == .text && hits.isEmpty { out += "no matching articles\n" }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    func render(_ r: Row, qid: String?) -> String {
        switch format {
        case .text:
            var s = String(format: "%2d. ", r.rank) + mark(r.article.headline.isEmpty ? "(no headline)" : r.article.headline, r.headlineMatches, bold: true) + "\n"
            var meta = [r.date, r.article.source].filter { !$0.isEmpty }
            if !r.regions.isEmpty { meta.append(r.regions.map(\.1).joined(separator: "、")) }
            if !r.industries.isEmpty { meta.append(r.industries.map { "\($0.0) \($0.1)" }.joined(separator: "、")) }
            s += "    " + dim(meta.joined(separator: " · ")) + "\n"
            s += "    " + mark(r.snippet.text, r.snippet.matches, bold: false) + "\n"
            return s
        case .json:
            var fields = [String]()
            if let qid { fields.append("\"qid\":\(json(qid))") }
            fields += [
                "\"rank\":\(r.rank)", "\"id\":\(json(r.id))", "\"score\":\(String(format: "%.4f", r.score))",
                "\"title\":\(json(r.article.headline))", "\"date\":\(r.date.isEmpty ? "null" : json(r.date))",
                "\"source\":\(json(r.article.source))", "\"url\":\(json(r.article.url))", "\"path\":\(json(r.article.location))",
                "\"regions\":[\(r.regions.map { "{\"code\":\($0.0),\"name\":\(json($0.1))}" }.joined(separator: ","))]",
                "\"industries\":[\(r.industries.map { "{\"code\":\(json($0.0)),\"name\":\(json($0.1))}" }.joined(separator: ","))]",
                "\"cluster\":\(r.cluster == 0 ? "null" : json(String(r.cluster, radix: 16)))",
                "\"snippet\":{\"text\":\(json(r.snippet.text)),\"matches\":[\(r.snippet.matches.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ","))]}",
            ]
            return "{" + fields.joined(separator: ",") + "}\n"
        case .csv, .tsv:
            let sep = format == .csv ? "," : "\t"
            var s = ""
            if !headerPrinted {
                s += ["rank", "id", "score", "date", "title", "source", "regions", "industries", "url", "path"].joined(separator: sep) + "\n"
                headerPrinted = true
            }
            let cells = [String(r.rank), r.id, String(format: "%.4f", r.score), r.date, r.article.headline, r.article.source,
                         r.regions.map(\.1).joined(separator: ";"), r.industries.map(\.0).joined(separator: ";"), r.article.url, r.article.location]
            return s + cells.map { format == .csv ? csv($0) : $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }
                .joined(separator: sep) + "\n"
        }
    }

    /// `text` with `ranges` (scalar offsets) highlighted: colour on a terminal, 【】 otherwise.
    func mark(_ text: String, _ ranges: [Range<Int>], bold: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        var i = 0
        let (open, close) = color ? ("\u{1B}[1;33m", bold ? "\u{1B}[0;1m" : "\u{1B}[0m") : ("【", "】")
        if color && bold { out += "\u{1B}[1m" }
        for r in ranges where r.lowerBound >= i && r.upperBound <= scalars.count {
            out += String(String.UnicodeScalarView(scalars[i ..< r.lowerBound]))
            out += open + String(String.UnicodeScalarView(scalars[r])) + close
            i = r.upperBound
        }
        out += String(String.UnicodeScalarView(scalars[i...]))
        if color && bold { out += "\u{1B}[0m" }
        return out
    }

    func dim(_ s: String) -> String { color ? "\u{1B}[2m\(s)\u{1B}[0m" : s }

    func csv(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    func json(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 { out += String(format: "\\u%04x", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }
}
