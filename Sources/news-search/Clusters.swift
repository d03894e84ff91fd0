import ArgumentParser
import Foundation
import NewsCLI
import NewsSearch

/// `news-search clusters`: the reprint clusters whose copies are in two or more of the given
/// indexes, for counting shards one story once (`--spanning-clusters`, spark/run.sh count).
struct ClustersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "news-search clusters",
        abstract: "Print the reprint clusters that span the given indexes (label<TAB>group label, hex), for --spanning-clusters.",
        discussion: """
            The indexes are joined as news-search --index A --index B joins them. Each line is a label that \
            copies of such a story carry in their own index, and the story's label in the group.
            Example:
              news-search clusters --index shards/0 --index shards/1 > spanning.tsv
              news-search --index shards/0 --by month --format csv --spanning-clusters spanning.tsv
            """
    )

    @OptionGroup var location: IndexLocations

    static func dispatch(_ arguments: [String]) { runWithUsageExit(arguments) }

    func run() throws {
        let group: IndexGroup
        do { group = try IndexGroup.open(directories: location.indexes) } catch { throw NewsSearchCommand.failure("\(error)") }
        var out = ""
        for (label, joined) in group.spanningClusters().sorted(by: { $0.key < $1.key }) {
            out += "\(Self.hex(label))\t\(Self.hex(joined))\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// Reads what `run` prints.
    /// - Throws: a usage error naming the file and line.
    static func read(_ file: String) throws -> [UInt64: UInt64] {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw NewsSearchCommand.usage("cannot read \(file)") }
        var map = [UInt64: UInt64]()
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let parts = line.split(separator: "\t")
            guard parts.count == 2, let a = UInt64(parts[0], radix: 16), let b = UInt64(parts[1], radix: 16) else {
                throw NewsSearchCommand.usage("\(file):\(n + 1): expected label<TAB>group label (news-search clusters)")
            }
            map[a] = b
        }
        return map
    }
}
