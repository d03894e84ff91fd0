import ArgumentParser
import NewsText

@main
struct NewsIndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "news-index",
        abstract: "Index Chinese news articles for news-search.",
        subcommands: [Analyze.self, Parse.self]
    )
}
