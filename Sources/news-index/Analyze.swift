import ArgumentParser
import NewsCLI
import NewsCatalog
import NewsText
#if canImport(Glibc)
import Glibc
#endif

/// `news-index analyze`: shows what the analyzer makes of a text, like
/// Elasticsearch's `_analyze` — the way to find out why an article does or
/// does not match a query.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the cleaned and normalized text and its tokens (kind, position, text).",
        discussion: """
            Positions are UTF-16 offsets in the normalized text; `source` is the \
            UTF-8 byte range in the cleaned input that a snippet would highlight.
            Examples:
              news-index analyze '淄博高新區(qū)精準(zhǔn)招商'
              news-index analyze --file article.txt
              echo '钙钛矿电池' | news-index analyze -
            """
    )

    @Argument(help: "Text to analyze; `-` reads standard input.")
    var text: String?

    @Option(name: .long, help: "Analyze the contents of a UTF-8 file.")
    var file: String?

    @Option(name: .long, help: "A user lexicon: one term per line, added to the built-in one.")
    var lexicon: String?

    @Flag(name: .long, help: "Print tokens as JSON Lines (kind, text, position, end, source_start, source_end).")
    var json = false

    @Flag(name: .long, help: "Also show the region and industry tags the text would get, and the place-name mentions behind them.")
    var tags = false

    func validate() throws {
        if (text == nil) == (file == nil) {
            throw ValidationError("give either a TEXT argument (or - for standard input) or --file FILE")
        }
    }

    func run() throws {
        let input = try readInput()
        let extra = try lexicon.map { try Lexicon.terms(fromFile: $0) } ?? []
        let analyzer = try Analyzer(extraTerms: extra)
        let cleaned = TextCleaner.removePinyinDebris(input)
        try analyzer.analyze(cleaned)
        let utf8 = Array(cleaned.utf8)
        if !json {
            print("cleaned:    \(SafeText.escaped(cleaned))")
            print("normalized: \(SafeText.escaped(analyzer.normalizedText))")
            print("tokens:     \(analyzer.tokens.count)")
        }
        if tags {
            let regions = RegionTagger(catalog: try RegionCatalog.shared())
            let industries = IndustryTagger(catalog: try IndustryCatalog.shared())
            let segmenter = try WordSegmenter()
            let lines = cleaned.split(separator: "\n", maxSplits: 1).map(String.init)
            let headline = lines.count > 1 ? lines[0] : "", body = lines.count > 1 ? lines[1] : cleaned
            let r = regions.tag(headline: headline, body: body, segmenter: segmenter)
            print("regions:    " + r.map { "\($0) \(regions.catalog.path($0))" }.joined(separator: ", "))
            print("mentions:   " + SafeText.display(regions.explain(headline: headline, body: body, segmenter: segmenter).joined(separator: "; ")))
            let i = industries.tag(headline: headline, body: body)
            print("industries: " + i.compactMap { industries.catalog.industry(id: $0) }.map { "\(industries.catalog.displayCode($0)) \($0.name)" }.joined(separator: ", "))
            try analyzer.analyze(cleaned)
        }
        for token in analyzer.tokens {
            let source = analyzer.sourceRange(of: token)
            let original = String(decoding: utf8[source], as: UTF8.self)
            let term = analyzer.text(of: token)
            if json {
                print(#"{"kind":"\#(token.kind)","text":\#(jsonString(term)),"position":\#(token.start),"end":\#(token.end),"source_start":\#(source.lowerBound),"source_end":\#(source.upperBound)}"#)
            } else {
                let shown = original == term ? "" : "  (source: \(SafeText.escaped(original)))"
                print("  \(pad(token.kind.description, 8)) \(pad(String(token.start), 6)) \(SafeText.escaped(term))\(shown)")
            }
        }
    }

    private func readInput() throws -> String {
        if let file {
            guard let data = readAll(path: file) else { throw ValidationError("cannot read \(file)") }
            guard let s = String(validating: data, as: UTF8.self) else {
                throw ValidationError("\(file) is not UTF-8 text (analyze reads UTF-8; the indexer detects other encodings)")
            }
            return s
        }
        if text == "-" {
            var lines = [String]()
            while let line = readLine(strippingNewline: false) { lines.append(line) }
            return lines.joined()
        }
        return text ?? ""
    }
}

func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
}

func readAll(path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var result = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 { return nil }
        if n == 0 { break }
        result.append(contentsOf: chunk[0 ..< n])
    }
    return result
}
