import Foundation
import ArgumentParser
import NewsCLI
import NewsText

@main
struct NewsIndexCommand: ParsableCommand {
    static func main() { runWithUsageExit() }

    static let configuration = CommandConfiguration(
        commandName: "news-index",
        abstract: "Index Chinese news articles for news-search.",
        subcommands: [Add.self, Analyze.self, Parse.self, Stats.self, Verify.self, Merge.self, Delete.self],
        defaultSubcommand: Add.self
    )
}
