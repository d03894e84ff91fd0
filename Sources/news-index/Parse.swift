import ArgumentParser
import NewsCLI
import Foundation
import NewsIngest
import NewsText

/// `news-index parse`: what ingest reads from files, without indexing anything.
struct Parse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the articles that would be indexed from PATHs (files, folders, - for JSON Lines on stdin).",
        discussion: "Prints one JSON object per article (body shortened unless --full), then the issues found."
    )

    @Argument(help: "Files or folders to read; - reads JSON Lines from standard input.")
    var paths: [String] = ["corpus"]

    @OptionGroup var input: InputOptions

    @Flag(help: "Print whole bodies.")
    var full = false

    @Flag(help: "Keep pinyin debris (區(qū)) in text pages, to compare the extraction with the page as shown (indexing always removes it).")
    var keepDebris = false

    @Flag(help: "For text pages, print each line with what the extractor took it for (navigation, meta, heading, prose …; lines shortened unless --full).")
    var explain = false

    func run() throws {
        var options = input.ingestOptions
        options.keepDebris = keepDebris
        let ingestor = try Ingestor(table: try CharacterTable.shared(), options: options)
        if explain {
            for (path, lines) in try ingestor.explain(paths: paths) {
                print("== \(SafeText.escaped(path))")
                for line in lines {
                    let text = full || line.text.count <= 40 ? line.text : String(line.text.prefix(40)) + "…"
                    print("\(line.kind.padding(toLength: 13, withPad: " ", startingAt: 0)) \(SafeText.display(text))")
                }
            }
            return
        }
        try ingestor.read(paths: paths) { article in
            let body = full ? article.body : String(article.body.prefix(60)) + (article.body.count > 60 ? "…" : "")
            var fields: [(String, String?)] = [
                ("id", article.id), ("headline", article.headline), ("date", article.date?.description),
                ("source", article.source), ("reprint_origin", article.reprintOrigin), ("author", article.author),
                ("url", article.url), ("location", article.location),
            ]
            fields.append(("body_chars", String(article.body.count)))
            var parts = fields.compactMap { key, value in value.map { "\"\(key)\":\(jsonString($0))" } }
            if !article.regions.isEmpty { parts.append("\"regions\":[\(article.regions.map(jsonString).joined(separator: ","))]") }
            if !article.industries.isEmpty { parts.append("\"industries\":[\(article.industries.map(jsonString).joined(separator: ","))]") }
            parts.append("\"body\":\(jsonString(body))")
            print("{" + parts.joined(separator: ",") + "}")
        }
        for issue in ingestor.issues { printError("\(issue)") }
        FileHandle.standardError.write(Data("parsed \(ingestor.articlesRead) articles from \(ingestor.filesRead) files; \(ingestor.skippedCount) skipped, \(ingestor.warningCount) warnings\n".utf8))
        if ingestor.skippedCount > 0 { throw ExitCode(1) }
    }
}

/// Options shared by the commands that read articles.
struct InputOptions: ParsableArguments {
    @Option(help: "Force the encoding of input files (UTF-8, GB18030, GBK, Big5, UTF-16LE …) instead of detecting it.")
    var encoding: String?

    @Flag(help: "Decode undecodable bytes as U+FFFD instead of skipping the file.")
    var lenient = false

    var ingestOptions: Ingestor.Options { Ingestor.Options(encoding: encoding, lenient: lenient) }
}
