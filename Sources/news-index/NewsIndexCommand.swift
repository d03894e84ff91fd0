import Foundation
import ArgumentParser
import NewsText

@main
struct NewsIndexCommand: ParsableCommand {
    /// Like ArgumentParser's `main`, but usage errors exit with 2 (scripts rely on 0/1/2).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code.rawValue == 64 {  // EX_USAGE: a parse or validation error
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "news-index",
        abstract: "Index Chinese news articles for news-search.",
        subcommands: [Add.self, Analyze.self, Parse.self, Stats.self, Verify.self, Merge.self, Delete.self],
        defaultSubcommand: Add.self
    )
}
