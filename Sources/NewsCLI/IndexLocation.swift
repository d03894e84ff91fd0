import ArgumentParser

/// `--index DIR`, one index: for commands that write or maintain it (`news-index`).
public struct IndexLocation: ParsableArguments {
    @Option(name: .long, help: "The index folder; the NEWS_INDEX environment variable sets the default.")
    public var index: String = defaultIndexFolder()

    public init() {}
}

/// `--index DIR`, repeatable: for commands that read indexes (`news-search`). Several
/// indexes are searched as one, with statistics summed over them.
public struct IndexLocations: ParsableArguments {
    @Option(name: .customLong("index"),
            help: ArgumentHelp("The index folder; repeat it to search several as one. NEWS_INDEX sets the default.",
                               valueName: "index"))
    public var given: [String] = [defaultIndexFolder()]

    public init() {}

    /// The folders given, or the default (`NEWS_INDEX`, else `index`; values given replace it).
    public var indexes: [String] { given.isEmpty ? [defaultIndexFolder()] : given }

    /// The folders as messages name them: `shards/0, shards/1`.
    public var described: String { indexes.joined(separator: ", ") }
}
