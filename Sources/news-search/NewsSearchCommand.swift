import ArgumentParser
import NewsText

@main
struct NewsSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "news-search",
        abstract: "Search an index built by news-index."
    )
    func run() throws {}
}
