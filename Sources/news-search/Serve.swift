import ArgumentParser
import Foundation
import NewsCLI
import NewsService

/// `news-search serve`: the search service and web page over one index, held open and
/// reopened when `news-index` publishes a commit. `news-search -- serve` searches the word.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "news-search serve",
        abstract: "Serve the index over HTTP: a JSON API (described at /openapi.json) and a search page at /.",
        discussion: """
            Read-only. Binds to 127.0.0.1 unless --host says otherwise. New commits (news-index, news-index --watch) \
            are picked up within half a second without pausing queries. news-search -- serve searches the word "serve".
            Exit status: 0 after Ctrl-C, 1 when the index cannot be opened or the port cannot be bound, 2 usage error.
            Examples:
              news-search serve
              news-search serve --index /data/news-index --port 9000
            """)

    @OptionGroup var location: IndexLocation

    @Option(help: "The address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface).")
    var host = "127.0.0.1"

    @Option(help: "The port (0: any free port, printed at start).")
    var port = 8080

    @Option(help: "Searches that run at once (each with a searcher of its own); more requests wait.")
    var workers = max(2, ProcessInfo.processInfo.activeProcessorCount)

    @Option(help: ArgumentHelp("Seconds a request may take, waiting included, before it is answered 503.", valueName: "seconds"))
    var timeout = 10.0

    @Option(name: .customLong("cache-mb"),
            help: ArgumentHelp("Megabytes of inflated articles kept per commit, and a sixteenth and an eighth of that for totals and ranked pages (0: no caches).", valueName: "MB"))
    var cacheMB = 64

    func validate() throws {
        guard (0 ... 65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (1 ... 256).contains(workers) else { throw ValidationError("--workers must be between 1 and 256") }
        guard timeout.isFinite, timeout >= 0.1, timeout <= 3600 else { throw ValidationError("--timeout must be between 0.1 and 3600 seconds") }
        guard (0 ... 65536).contains(cacheMB) else { throw ValidationError("--cache-mb must be between 0 and 65536") }
        guard !host.isEmpty, host.count <= 255 else { throw ValidationError("--host needs an address or a host name") }
    }

    /// Opens the index, then runs the server on Swift's concurrency threads while this one
    /// waits (the tool's entry point, `runWithUsageExit`, is synchronous).
    func run() throws {
        var limits = ServiceLimits()
        limits.workers = workers
        limits.requestSeconds = timeout
        limits.storeCacheBytes = cacheMB << 20
        limits.totalCacheBytes = cacheMB << 16
        limits.pageCacheBytes = cacheMB << 17
        let holder: IndexHolder
        do { holder = try IndexHolder(directory: location.index, limits: limits) } catch {
            throw ToolError(.failure, "news-search serve: \(error)")
        }
        var server = SearchServer(holder: holder)
        server.host = host
        server.port = port
        let line = "serving \(location.index) (commit \(holder.generation), \(holder.articleCount) articles) at "
        let outcome = Outcome()
        Task { [server] in
            do {
                try await server.run { address in
                    // One line on stdout, flushed at once: scripts read the address (port 0 picks one).
                    FileHandle.standardOutput.write(Data((line + address + "\n").utf8))
                }
            } catch {
                outcome.error = error
            }
            outcome.done.signal()
        }
        outcome.done.wait()
        if let error = outcome.error { throw ToolError(.failure, "news-search serve: cannot serve on \(host):\(port): \(error)") }
    }
}

/// How the server's task ended, handed to the waiting thread (the semaphore orders the accesses).
private final class Outcome: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    var error: Error?
}
