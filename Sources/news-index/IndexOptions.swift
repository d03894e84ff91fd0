import ArgumentParser

/// `--index DIR`, shared by every command that opens an index.
struct IndexLocation: ParsableArguments {
    @Option(name: .long, help: "The index folder.")
    var index: String = "index"
}
