import Foundation
import NewsCLI
import NewsCatalog
import NewsIndex
import NewsIngest
import NewsSearch
import NewsText

/// Prints results in the chosen format. Text is laid out for `width` columns (0: lines
/// are not wrapped). Matches are coloured when `color` is on; else, on a terminal, marked
/// ⟦⟧, which news text does not use (headlines carry 【】 of their own), and in a pipe
/// left as they are, so that what is printed is the article's text.
final class Printer {
    let format: OutputFormat
    let summarizer: Summarizer
    let color: Bool
    /// Whether matches are marked ⟦⟧ (without colour).
    let marks: Bool
    /// Columns that text output fits (0: no wrapping).
    let width: Int
    private var headerPrinted = false

    init(reader: IndexGroup, format: OutputFormat, lexicon: Lexicon,
         color: Bool = ColorChoice.auto.isOn(), width: Int = Terminal.columns(), marks: Bool? = nil) throws {
        self.format = format
        summarizer = try Summarizer(reader: reader, lexicon: lexicon)
        self.color = color
        self.width = width
        self.marks = marks ?? (!color && isatty(1) != 0)
    }

    /// Prints a page of results, each as soon as it is made (`--limit 0 | head` shows the
    /// first at once); under text, where the page stands when its total is known.
    /// `bodies` adds each article's body to JSON.
    func printResults(_ page: ResultPage, query: Query, qid: String? = nil, bodies: Bool = false) throws {
        try summarizer.prepare(query)
        let output = FileHandle.standardOutput
        for entry in page.entries {
            let r = try summarizer.summary(entry.hit, rank: entry.rank, reprintSources: entry.reprintSources, body: bodies)
            output.write(Data(render(r, qid: qid).utf8))
        }
        guard format == .text else { return }
        let (offset, shown) = (page.offset, page.entries.count)
        if !page.matched || shown == 0 && offset == 0 {
            output.write(Data("no matching articles\n".utf8))
        } else if let total = page.total {
            let range = shown == 0 ? "no results from \(offset + 1)" : "results \(offset + 1)–\(offset + shown)"
            var whole = total == 1 ? "1 article holds the whole query" : "\(total) articles hold the whole query"
            if offset + shown > total { whole += ", the others part of it" }
            let more = page.hasMore ? "; --offset \(offset + shown) for more" : ""
            output.write(Data(dim("\(range); \(whole)\(more)").wrapped(width: width, indent: "", continuation: "").utf8))
        }
    }

    /// One article whole (`--show ID`): headline, metadata, tags, the other copies of a
    /// reprinted story, and the body; JSON carries the same with the body.
    func printArticle(_ hit: Hit, reprints copies: [Reprint]) throws {
        try summarizer.prepare(try Query.parse(""))
        let r = try summarizer.summary(hit, rank: 1, body: true)
        let a = r.article
        switch format {
        case .json:
            var line = render(r, qid: nil).trimmingCharacters(in: .newlines)
            line.removeLast()
            line += ",\"reprints\":[" + copies.map { "{\"id\":\(json($0.id)),\"source\":\(json($0.source)),\"date\":\(json($0.date))}" }
                .joined(separator: ",") + "]}\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        case .csv, .tsv:
            FileHandle.standardOutput.write(Data(render(r, qid: nil).utf8))
        case .text:
            var out = StyledText(SafeText.display(a.headline.isEmpty ? "(no headline)" : a.headline), style: color ? "\u{1B}[1m" : "")
                .wrapped(width: width, indent: "", continuation: "")
            let fields: [(String, String)] = [
                ("id", r.id), ("date", r.date), ("source", a.source), ("url", a.url), ("path", a.location),
                ("regions", r.regions.map(\.1).joined(separator: "、")),
                ("industries", r.industries.map { "\($0.0) \($0.1)" }.joined(separator: "、")),
                ("reprints", copies.map { "\($0.source.isEmpty ? $0.id : $0.source) \($0.date)" }.joined(separator: "、")),
            ]
            for (name, value) in fields where !value.isEmpty {
                // Addresses and paths are not broken over lines (they are copied whole).
                let line = dim(name.padding(toLength: 11, withPad: " ", startingAt: 0) + SafeText.display(value))
                out += ["url", "path", "id"].contains(name) ? line.wrapped(width: 0, indent: "", continuation: "")
                    : line.wrapped(width: width, indent: "", continuation: String(repeating: " ", count: 11))
            }
            out += "\n"
            for paragraph in a.body.split(separator: "\n") {
                out += StyledText(SafeText.display(String(paragraph))).wrapped(width: width, indent: "  ", continuation: "")
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }

    func render(_ r: ArticleSummary, qid: String?) -> String {
        switch format {
        case .text:
            // Every line of a result after its first is indented, so results stay apart when wrapped.
            let indent = "    "
            var s = mark(r.article.headline.isEmpty ? "(no headline)" : r.article.headline, r.headlineMatches, bold: true)
                .wrapped(width: width, indent: (r.rank < 10 ? " " : "") + "\(r.rank). ", continuation: indent)
            var meta = [r.date, r.article.source].filter { !$0.isEmpty }
            if !r.regions.isEmpty { meta.append(r.regions.map(\.1).joined(separator: "、")) }
            if !r.industries.isEmpty { meta.append(r.industries.map { "\($0.0) \($0.1)" }.joined(separator: "、")) }
            s += dim(SafeText.display(meta.joined(separator: " · "))).wrapped(width: width, indent: indent, continuation: indent)
            s += mark(r.snippet.text, r.snippet.matches, bold: false).wrapped(width: width, indent: indent, continuation: indent)
            if !r.alsoIn.isEmpty {
                s += dim("also reprinted by: " + SafeText.display(r.alsoIn.joined(separator: "、"))).wrapped(width: width, indent: indent, continuation: indent)
            }
            return s
        case .json:
            var fields = [String]()
            if let qid { fields.append("\"qid\":\(json(qid))") }
            fields += [
                "\"rank\":\(r.rank)", "\"id\":\(json(r.id))", "\"score\":\(r.score.isFinite ? String(format: "%.4f", r.score) : "null")",
                "\"title\":\(json(r.article.headline))", "\"date\":\(r.date.isEmpty ? "null" : json(r.date))",
                "\"source\":\(json(r.article.source))", "\"url\":\(json(r.article.url))", "\"path\":\(json(r.article.location))",
                "\"regions\":[\(r.regions.map { "{\"code\":\($0.0),\"name\":\(json($0.1))}" }.joined(separator: ","))]",
                "\"industries\":[\(r.industries.map { "{\"code\":\(json($0.0)),\"name\":\(json($0.1))}" }.joined(separator: ","))]",
                "\"cluster\":\(r.cluster == 0 ? "null" : json(String(r.cluster, radix: 16)))",
                "\"also_in\":[\(r.alsoIn.map(json).joined(separator: ","))]",
                "\"snippet\":{\"text\":\(json(r.snippet.text)),\"matches\":[\(r.snippet.matches.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ","))]}",
            ]
            if let body = r.body { fields.append("\"body\":\(json(body))") }
            return "{" + fields.joined(separator: ",") + "}\n"
        case .csv, .tsv:
            let sep = format == .csv ? "," : "\t"
            var s = ""
            if !headerPrinted {
                s += ["rank", "id", "score", "date", "title", "source", "regions", "industries", "url", "path"].joined(separator: sep) + "\n"
                headerPrinted = true
            }
            // Rank and score are numbers of ours; every other cell is text from the article.
            let text = [r.date, r.article.headline, r.article.source, r.regions.map(\.1).joined(separator: ";"),
                        r.industries.map(\.0).joined(separator: ";"), r.article.url, r.article.location].map(cell)
            return s + ([String(r.rank), cell(r.id), String(format: "%.4f", r.score)] + text).joined(separator: sep) + "\n"
        }
    }

    /// Counts as a table (terminal), or long-format rows (csv, tsv, json) for pandas, R or Excel.
    /// `shares`: each row's count as a share of all articles in its bucket (`--share`), row by row.
    func printCounts(_ rows: [(keys: [String], count: Int)], dimensions: [String], total: Int, shares: [Double]? = nil) {
        var out = ""
        func share(_ i: Int) -> String { shares.map { String(format: "%.4f", $0[i]) } ?? "" }
        switch format {
        case .json:
            for (i, r) in rows.enumerated() {
                var fields = zip(dimensions, r.keys).map { "\(json($0.0)):\(json($0.1))" } + ["\"count\":\(r.count)"]
                if shares != nil { fields.append("\"share\":\(share(i))") }
                out += "{" + fields.joined(separator: ",") + "}\n"
            }
        case .csv, .tsv:
            let sep = format == .csv ? "," : "\t"
            out += (dimensions + ["count"] + (shares != nil ? ["share"] : [])).joined(separator: sep) + "\n"
            for (i, r) in rows.enumerated() {
                out += (r.keys.map(cell) + [String(r.count)] + (shares != nil ? [share(i)] : [])).joined(separator: sep) + "\n"
            }
        case .text:
            if dimensions.count == 1 {
                let width = max(4, rows.map { displayWidth($0.keys[0]) }.max() ?? 4)
                // With shares, the bars draw the shares: what the reader compares.
                let values = shares ?? rows.map { Double($0.count) }
                let top = max(values.max() ?? 1, 1e-9)
                let bars = barWidth(labelWidth: width, shares: shares != nil)
                for (i, r) in rows.enumerated() {
                    let bar = String(repeating: "█", count: max(values[i] > 0 ? 1 : 0, Int(values[i] * Double(bars) / top)))
                    let percent = shares.map { String(format: "  %5.1f%%", $0[i] * 100) } ?? ""
                    out += padded(r.keys[0], width) + "  " + String(repeating: " ", count: max(0, 6 - String(r.count).count)) + "\(r.count)\(percent)  \(bar)\n"
                }
                out += barNote(labelWidth: width, shares: shares != nil)
            } else {
                let columns = Array(Set(rows.map { $0.keys[1] })).sorted()
                // Rows in the order given (time in order, others largest first).
                var rowKeys = [String]()
                var listed = Set<String>()
                for r in rows where listed.insert(r.keys[0]).inserted { rowKeys.append(r.keys[0]) }
                var cell = [String: Int]()
                for r in rows { cell[r.keys[0] + "\u{1}" + r.keys[1]] = r.count }
                let width = max(4, rowKeys.map(displayWidth).max() ?? 4)
                out += crossTable(rowKeys: rowKeys, columns: columns, counts: cell, rowLabelWidth: width)
            }
            out += "\(total) matching articles\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// Columns for the longest bar of a one-dimension table: 40, or what the terminal leaves
    /// beside the labels and counts, at least 5 (`barNote` then says the table is too wide).
    private func barWidth(labelWidth: Int, shares: Bool) -> Int {
        guard width > 0 else { return 40 }
        return min(40, max(5, width - (labelWidth + 2 + 6 + (shares ? 8 : 0) + 2)))
    }

    /// A line after a one-dimension table too wide for the terminal (its labels are), else "".
    private func barNote(labelWidth: Int, shares: Bool) -> String {
        let needed = labelWidth + 2 + 6 + (shares ? 8 : 0) + 2 + 5
        guard width > 0 && needed > width else { return "" }
        return StyledText("(the table needs \(needed) columns, the terminal has \(width); --format csv gives it without bars)").wrapped(width: width)
    }

    /// A table of counts, rows by columns, that fits the terminal: when it would not, column
    /// labels wrap over header lines of at most 12 columns (more when the numbers need it), and columns
    /// that still do not fit go on in further parts below, each with the row labels again,
    /// and a line after the table says so.
    private func crossTable(rowKeys: [String], columns: [String], counts: [String: Int], rowLabelWidth: Int) -> String {
        let values = columns.map { c in rowKeys.map { k in counts[k + "\u{1}" + c].map(String.init) ?? "·" } }
        let valueWidths = values.map { $0.map(\.count).max() ?? 1 }
        var labels = columns.map { [SafeText.display($0)] }
        func columnWidths() -> [Int] { columns.indices.map { max(valueWidths[$0], labels[$0].map(displayWidth).max() ?? 0) } }
        var widths = columnWidths()
        func tableWidth() -> Int { rowLabelWidth + widths.reduce(0) { $0 + 2 + $1 } }
        if width > 0 && tableWidth() > width {
            // Lines as even as they can be: 新能源汽 / 车产业 leaves no character alone.
            labels = columns.indices.map { i in
                let label = labels[i][0], cap = max(12, valueWidths[i])
                let count = (displayWidth(label) + cap - 1) / cap
                return StyledText(label).lines(width: max(valueWidths[i], (displayWidth(label) + count - 1) / max(1, count)))
            }
            widths = columnWidths()
        }
        // Parts of the columns that fit side by side (at least one column each).
        var parts = [Range<Int>]()
        var start = 0, used = rowLabelWidth
        for i in columns.indices {
            if i > start && width > 0 && used + 2 + widths[i] > width {
                parts.append(start ..< i)
                (start, used) = (i, rowLabelWidth)
            }
            used += 2 + widths[i]
        }
        parts.append(start ..< columns.count)
        var out = ""
        for (n, part) in parts.enumerated() {
            if n > 0 { out += "\n" }
            for line in 0 ..< (part.map { labels[$0].count }.max() ?? 0) {
                let header = padded("", rowLabelWidth) + part.map { "  " + padded(line < labels[$0].count ? labels[$0][line] : "", widths[$0]) }.joined()
                out += header.replacingOccurrences(of: " +$", with: "", options: .regularExpression) + "\n"
            }
            for (r, k) in rowKeys.enumerated() {
                out += padded(k, rowLabelWidth)
                    + part.map { "  " + String(repeating: " ", count: widths[$0] - values[$0][r].count) + values[$0][r] }.joined() + "\n"
            }
        }
        if width > 0 && tableWidth() > width {
            out += StyledText("(the table needs \(tableWidth()) columns, the terminal has \(width)"
                + (parts.count > 1 ? ": shown in \(parts.count) parts" : "") + "; --format csv gives it whole)").wrapped(width: width)
        }
        return out
    }

    /// A catalog listing: code, name, article count.
    func printListing(_ entries: [CatalogEntry], header: [String]) {
        let rows = entries.map { ($0.code, $0.name, $0.articles) }
        var out = ""
        switch format {
        case .json:
            for r in rows { out += "{\"code\":\(json(r.0)),\"name\":\(json(r.1)),\"articles\":\(r.2)}\n" }
        case .csv, .tsv:
            let sep = format == .csv ? "," : "\t"
            out += header.joined(separator: sep) + "\n"
            for r in rows { out += [cell(r.0), cell(r.1), String(r.2)].joined(separator: sep) + "\n" }
        case .text:
            let cw = max(4, rows.map { displayWidth($0.0) }.max() ?? 4)
            var nw = max(4, rows.map { displayWidth($0.1) }.max() ?? 4)
            // Names too wide for the terminal wrap, their lines indented under the name column.
            let countWidth = rows.map { String($0.2).count }.max() ?? 1
            if width > 0 && cw + 2 + nw + 2 + countWidth > width { nw = max(8, width - cw - 4 - countWidth) }
            for r in rows {
                let lines = StyledText(SafeText.display(r.1)).lines(width: nw)
                out += padded(r.0, cw) + "  " + padded(lines[0], nw) + "  " + String(r.2) + "\n"
                for line in lines.dropFirst() { out += String(repeating: " ", count: cw + 2) + line + "\n" }
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// Terminal columns: East Asian wide characters take two.
    func displayWidth(_ s: String) -> Int { Terminal.width(s) }

    /// `s` on one line of the terminal, padded to `width` columns.
    func padded(_ s: String, _ width: Int) -> String {
        let s = SafeText.display(s)
        return s + String(repeating: " ", count: max(0, width - displayWidth(s)))
    }

    /// How matches are marked on a terminal without colour: brackets that news text does
    /// not use (headlines carry 【】 and 〖〗 of their own, and 《》 quote titles).
    static let matchMarks = ("⟦", "⟧")

    /// `text` with `ranges` (scalar offsets) highlighted: bold yellow with colour, else ⟦⟧
    /// when `marks` is on, else not at all.
    /// The article's own controls and bidi characters never reach the terminal (the ranges
    /// index the text as stored, so each piece is cleaned on its own).
    func mark(_ text: String, _ ranges: [Range<Int>], bold: Bool) -> StyledText {
        let scalars = Array(text.unicodeScalars)
        var out = StyledText()
        var i = 0
        let plain = color && bold ? "\u{1B}[1m" : ""
        func piece(_ r: Range<Int>) -> String { SafeText.display(String(String.UnicodeScalarView(scalars[r]))) }
        for r in ranges where r.lowerBound >= i && r.upperBound <= scalars.count {
            out.append(piece(i ..< r.lowerBound), style: plain)
            if color {
                out.append(piece(r), style: "\u{1B}[1;33m")
            } else if marks {
                out.append(Self.matchMarks.0 + piece(r) + Self.matchMarks.1)
            } else {
                out.append(piece(r))
            }
            i = r.upperBound
        }
        out.append(piece(i ..< scalars.count), style: plain)
        return out
    }

    func dim(_ s: String) -> StyledText { StyledText(s, style: color ? "\u{1B}[2m" : "") }

    /// A text cell of a CSV or TSV row (see `SafeText`).
    func cell(_ s: String) -> String { format == .csv ? SafeText.csvCell(s) : SafeText.tsvCell(s) }

    func json(_ s: String) -> String { jsonString(s) }
}
