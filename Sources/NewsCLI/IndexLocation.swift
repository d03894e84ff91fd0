import ArgumentParser

/// `--index DIR`, shared by every command that opens an index.
public struct IndexLocation: ParsableArguments {
    @Option(name: .long, help: "The index folder; the NEWS_INDEX environment variable sets the default.")
    public var index: String = defaultIndexFolder()

    public init() {}
}
