import ArgumentParser
import Foundation
import NewsCLI
import NewsSearch
import NewsText

/// `news-search stats`: the statistics of a query's terms in one or more indexes, in JSON:
/// the shard's half of the global statistics exchange. A coordinator sums the shards'
/// (`CollectionStats.merged`), and each shard then scores with the sum (`--global-stats`).
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "news-search stats",
        abstract: "Print the statistics of the query's terms (articles, field lengths, document frequencies) as JSON, for --global-stats.",
        discussion: """
            Several --index are summed. With --queries, the terms of every query of the file. \
            news-search -- stats searches the word "stats".
            Example:
              news-search stats --index shards/0 淄博 传感器 > s0.json
              news-search stats --index shards/1 淄博 传感器 > s1.json
              news-search --index shards/0 --global-stats s0.json --global-stats s1.json 淄博 传感器
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
    }

    @Argument(help: "The query.")
    var words: [String] = []

    @OptionGroup var location: IndexLocations

    @Option(help: "A file of qid<TAB>query lines: the statistics of every query's terms.")
    var queries: String?

    @Option(help: "Output format (json, what --global-stats reads).")
    var format: Format = .json

    func validate() throws {
        if words.isEmpty && queries == nil { throw ValidationError("give a query, or --queries FILE") }
        if let tooLong = NewsSearchCommand.queryTooLong(words.joined(separator: " ")) { throw ValidationError(tooLong) }
    }

    static func dispatch(_ arguments: [String]) {
        runWithUsageExit(NewsSearchCommand.excludedTermsAsText(arguments))
    }

    func run() throws {
        var texts = words.isEmpty ? [] : [words.joined(separator: " ")]
        if let queries {
            guard let text = try? String(contentsOfFile: queries, encoding: .utf8) else { throw NewsSearchCommand.usage("cannot read \(queries)") }
            for (n, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
                where !line.allSatisfy(\.isWhitespace) {
                let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2 else { throw NewsSearchCommand.usage("\(queries):\(n + 1): expected qid<TAB>query") }
                texts.append(String(parts[1]))
            }
        }
        var parsed = [Query]()
        for text in texts {
            do { parsed.append(try Query.parse(text)) } catch { throw NewsSearchCommand.usage("\(error)") }
        }
        let searcher: Searcher
        do {
            searcher = Searcher(reader: try IndexGroup.open(directories: location.indexes),
                                analyzer: try Analyzer(lexicon: Lexicon.builtin(table: try CharacterTable.shared())))
        } catch {
            throw NewsSearchCommand.failure("\(error)")
        }
        print(try searcher.statistics(for: parsed).json())
    }
}
