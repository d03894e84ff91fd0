import ArgumentParser
import NewsCLI

extension NewsSearchCommand {
    /// The command of a plain query — words, and `--index DIR` pairs (`news-search 淄博 招商`,
    /// the commonest invocation) — built without ArgumentParser, or nil for any other
    /// invocation, which is parsed. Describing forty options to ArgumentParser (reflection,
    /// and protocol conformance lookups that scan every conformance in the binary) costs a
    /// one-query process about a fifth of its run. Every option takes the value parsing
    /// gives it when it is not given; debug builds parse the arguments too and check that
    /// both commands are the same (a new option left out here stops them there).
    static func plainQuery(_ arguments: [String]) -> NewsSearchCommand? {
        var words = [String](), indexes = [String]()
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--index", i + 1 < arguments.count, !arguments[i + 1].hasPrefix("-") {
                indexes.append(arguments[i + 1])
                i += 2
                continue
            }
            guard !a.hasPrefix("-") else { return nil }
            words.append(a)
            i += 1
        }
        guard !words.isEmpty else { return nil }
        var c = NewsSearchCommand()
        c.words = words
        var location = IndexLocations()
        location.given = indexes.isEmpty ? [defaultIndexFolder()] : indexes
        c.location = location
        c.globalStats = []
        c.shardColumns = false
        c.spanningClusters = nil
        c.limit = 10
        c.count = false
        c.offset = 0
        c.sort = .relevance
        c.show = nil
        c.body = false
        c.all = false
        c.exhaustive = false
        c.from = nil
        c.to = nil
        c.region = []
        c.industry = []
        c.format = .text
        c.color = .auto
        c.width = nil
        c.queries = nil
        c.timing = false
        c.by = []
        c.top = nil
        c.share = false
        c.chart = nil
        c.noCollapse = false
        c.listRegions = nil
        c.listIndustries = nil
        c.rankingOptions = .unset
        #if DEBUG
        if let parsed = try? NewsSearchCommand.parse(arguments) {
            precondition(String(describing: parsed) == String(describing: c),
                         "plainQuery differs from parsing:\n\(String(describing: parsed))\n\(String(describing: c))")
        }
        #endif
        return c
    }
}
