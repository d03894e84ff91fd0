import ArgumentParser
import Foundation
import NewsCLI
import NewsIndex
import NewsIngest
import NewsText

/// `news-index [PATH...]`: adds articles to the index (the default command).
struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add articles from files and folders (portal .txt, JSON Lines) to the index; - reads JSON Lines from stdin.",
        discussion: """
            The same article id indexed again replaces the earlier article. Exit status: 0 when \
            everything was indexed, 1 when some input was skipped (see the messages), 2 for usage errors.
            """
    )

    @OptionGroup var location: IndexLocation
    @Argument(help: "Files or folders to index (default: corpus/). - reads JSON Lines from standard input.")
    var paths: [String] = []
    @OptionGroup var input: InputOptions
    @Flag(help: "Start a new, empty index instead of adding to the existing one.")
    var rebuild = false
    @Option(help: "Analysis threads (default: the number of cores, \(ProcessInfo.processInfo.activeProcessorCount) here).")
    var threads: Int?
    @Option(help: "Memory for the in-memory segment, in MB (8 to 4096).")
    var memory: Int = 256
    @Option(help: "A user lexicon file: one term per line.")
    var lexicon: String?
    @Flag(help: "No progress bar, even on a terminal.")
    var quiet = false

    @Flag(help: "Keep running: index new and changed files in the folders as they appear, committing each batch; stop with Ctrl-C.")
    var watch = false

    @Option(help: "With --watch: seconds between polls.")
    var interval: Double = 2

    @Option(help: "With --watch: how to print what happens, text or json (one object a line, for log collectors).")
    var logFormat: String = "text"

    @Option(help: "Reading standard input (-): commit after this many articles.")
    var commitEvery: Int = 1000

    @Option(help: "Reading standard input (-): commit what was read after this many seconds.")
    var commitInterval: Double = 5

    func validate() throws {
        if watch && paths.contains("-") { throw ValidationError("--watch watches folders; for a feed on stdin use news-index - (without --watch)") }
        guard interval > 0 && interval <= 86_400 else { throw ValidationError("--interval must be between 0 and 86400 seconds") }
        guard WatchLog.Format(rawValue: logFormat) != nil else { throw ValidationError("--log-format must be text or json") }
        guard commitEvery >= 1 && commitEvery <= 100_000_000 else { throw ValidationError("--commit-every must be between 1 and 100000000") }
        guard commitInterval > 0 && commitInterval <= 86_400 else {
            throw ValidationError("--commit-interval must be between 0 and 86400 seconds")
        }
        if let threads, !(1 ... 256).contains(threads) { throw ValidationError("--threads must be between 1 and 256") }
        // One in-memory segment holds at most 2 GB of postings (SlicePool), reached near 6 GB of budget.
        guard memory >= 8 && memory <= 4096 else { throw ValidationError("--memory must be between 8 and 4096 (MB)") }
        // `news-index corpus verify`: a subcommand's name among the paths is a command written in
        // the wrong place, not a file (one of that name would be taken); adding nothing would
        // still publish a commit.
        for p in paths where NewsIndexCommand.commandNames.contains(p) && !FileManager.default.fileExists(atPath: p) {
            throw ValidationError("'\(p)' is a news-index command, not a file or folder to add: write it first, "
                                  + "as in news-index \(p) --index DIR (for a file of that name, write ./\(p))")
        }
    }

    func run() throws {
        let start = Date()
        let sources = paths.isEmpty ? ["corpus"] : paths
        let table = try CharacterTable.shared()
        var options = IndexWriter.Options(threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, memory: memory << 20)
        if let lexicon {
            options.lexicon = Lexicon.builtin(table: table, extra: try Lexicon.terms(fromFile: lexicon))
        }
        let ingestor = try Ingestor(table: table, options: input.ingestOptions)
        let writer = try IndexWriter(directory: location.index, options: options, rebuild: rebuild)
        defer { writer.close() }
        if watch {
            let log = WatchLog(format: WatchLog.Format(rawValue: logFormat) ?? .text)
            let watcher = Watcher(paths: sources, interval: interval, ingestor: ingestor, writer: writer, directory: location.index,
                                  rebuild: rebuild, log: log)
            let skipped: Bool
            do {
                skipped = try watcher.run()
            } catch let failure as Watcher.Failure {
                // Said through the log (a time, or JSON), not as a plain line.
                log.error(failure.description)
                throw ExitCode(2)
            }
            for issue in writer.issues { log.error(issue.description) }
            if skipped || !writer.issues.isEmpty { throw ExitCode(1) }
            return
        }
        let progress = Progress(enabled: !quiet && isatty(2) != 0, total: totalBytes(sources))
        for source in sources {
            if source == "-" {
                try readStandardInput(ingestor, writer, progress)
                if stopRequested != 0 { break }
                continue
            }
            try ingestor.read(paths: [source]) { article in
                try writer.add(article)
                progress.update(writer.processed)
            }
        }
        let readDone = Date()
        let commit = try writer.commit()
        progress.finish()
        if ProcessInfo.processInfo.environment["NEWS_INDEX_TIMING"] != nil {
            FileHandle.standardError.write(Data(String(format: "timing: read+queue %.2f s, commit %.2f s\n",
                readDone.timeIntervalSince(start), Date().timeIntervalSince(readDone)).utf8))
        }
        for issue in ingestor.issues + writer.issues { printError("\(issue)") }
        let seconds = Date().timeIntervalSince(start)
        let mb = Double(writer.processed.bytes) / 1e6
        print(String(format: "added %d, replaced %d, skipped %d, warnings %d in %.1f s (%.1f MB/s); index %@: %d articles in %d segment%@",
                     writer.added, writer.replaced, ingestor.skippedCount, ingestor.warningCount + writer.issues.count, seconds,
                     mb / max(seconds, 0.001), SafeText.escaped(location.index), commit.liveCount, commit.segments.count, commit.segments.count == 1 ? "" : "s"))
        if ingestor.skippedCount > 0 { throw ExitCode(1) }
    }

    /// A stream on standard input is committed as it goes (every `--commit-every`
    /// articles and `--commit-interval` seconds), and what was read is committed
    /// when SIGINT or SIGTERM asks the process to stop.
    private func readStandardInput(_ ingestor: Ingestor, _ writer: IndexWriter, _ progress: Progress) throws {
        catchStopSignals()
        var uncommitted = 0
        var lastCommit = Date()
        try ingestor.readJSONLines(fd: 0, name: "-", tickEvery: min(commitInterval, 1), tick: {
            if uncommitted >= commitEvery || uncommitted > 0 && Date().timeIntervalSince(lastCommit) >= commitInterval
                || stopRequested != 0 && uncommitted > 0 {
                try writer.commit()
                uncommitted = 0
                lastCommit = Date()
            }
            return stopRequested == 0
        }) { article in
            try writer.add(article)
            uncommitted += 1
            progress.update(writer.processed)
        }
    }

    private func totalBytes(_ paths: [String]) -> Int {
        var total = 0
        for p in paths where p != "-" {
            guard let e = FileManager.default.enumerator(atPath: p) else { total += fileSize(p); continue }
            var any = false
            while let name = e.nextObject() as? String { any = true; total += fileSize(p + "/" + name) }
            if !any { total += fileSize(p) }
        }
        return total
    }

    private func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}

/// The progress line on stderr: articles, MB/s, ETA (only on a terminal).
final class Progress {
    let enabled: Bool
    let total: Int
    let start = Date()
    var last = Date.distantPast

    init(enabled: Bool, total: Int) {
        self.enabled = enabled
        self.total = total
    }

    func update(_ processed: (articles: Int, bytes: Int)) {
        guard enabled, Date().timeIntervalSince(last) > 0.25 else { return }
        last = Date()
        let seconds = max(0.001, last.timeIntervalSince(start))
        let rate = Double(processed.bytes) / seconds
        let fraction = total > 0 ? min(1, Double(processed.bytes) / Double(total)) : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let eta = rate > 0 && total > processed.bytes ? Double(total - processed.bytes) / rate : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = String(format: "\r%@ %3.0f%%  %d articles  %.1f MB/s  ETA %.0f s ", bar, fraction * 100, processed.articles, rate / 1e6, eta)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
