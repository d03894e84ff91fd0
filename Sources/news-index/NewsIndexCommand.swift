import Foundation
import ArgumentParser
import NewsCLI
import NewsText

@main
struct NewsIndexCommand: ParsableCommand {
    static func main() {
        let arguments = joiningNegativeNumbers(Array(CommandLine.arguments.dropFirst()), numeric: numericOptions)
        runWithUsageExit(commandFirst(arguments))
    }

    static let configuration = CommandConfiguration(
        commandName: "news-index",
        abstract: "Index Chinese news articles for news-search.",
        discussion: "Environment: NEWS_INDEX, the index folder when --index is not given.",
        version: "news-index \(toolsVersion)",
        subcommands: [Add.self, Analyze.self, Parse.self, Stats.self, Verify.self, Merge.self, Delete.self],
        defaultSubcommand: Add.self
    )

    /// The subcommands' names (`add`, `analyze`, `parse`, `stats`, `verify`, `merge`, `delete`).
    static var commandNames: Set<String> { Set(configuration.subcommands.map { $0._commandName }) }

    /// Options that take a number (spelling → long name): `--threads -1` must reach `validate()`.
    static let numericOptions = ["--threads": "--threads", "--memory": "--memory", "--interval": "--interval",
                                 "--commit-every": "--commit-every", "--commit-interval": "--commit-interval"]

    /// Options of any subcommand that take a value (the value is never a subcommand's name).
    static let valueOptions: Set<String> = ["--index", "--threads", "--memory", "--lexicon", "--encoding", "--interval", "--file",
                                            "--log-format", "--commit-every", "--commit-interval"]

    /// `news-index --index DIR verify` as `news-index verify --index DIR`: ArgumentParser
    /// looks for a subcommand in the first argument only, and took `verify` for a file to
    /// add (the default command), committing nothing. The first argument that is not an
    /// option or an option's value is moved to the front when it names a subcommand and
    /// no file or folder of that name exists; `Add` refuses such a name anywhere else.
    static func commandFirst(_ arguments: [String]) -> [String] {
        let names = commandNames
        guard let first = arguments.first, !names.contains(first) else { return arguments }
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { break }
            if a.hasPrefix("-") && a != "-" {
                i += valueOptions.contains(a) ? 2 : 1
                continue
            }
            guard names.contains(a), !FileManager.default.fileExists(atPath: a) else { break }
            var rest = arguments
            rest.remove(at: i)
            return [a] + rest
        }
        return arguments
    }
}
