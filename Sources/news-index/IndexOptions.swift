import ArgumentParser
import NewsCLI

/// `--index DIR`, shared by every command that opens an index.
struct IndexLocation: ParsableArguments {
    @Option(name: .long, help: "The index folder; the NEWS_INDEX environment variable sets the default.")
    var index: String = defaultIndexFolder()
}
