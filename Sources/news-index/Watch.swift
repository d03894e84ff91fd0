import Foundation
import NewsCLI
import NewsIndex
import NewsIngest

/// Set by SIGINT/SIGTERM; the watch loop commits and returns when it sees it.
nonisolated(unsafe) var stopRequested: sig_atomic_t = 0

/// Makes SIGINT and SIGTERM set `stopRequested` instead of killing the process
/// (unblocking them: some process launchers start children with them blocked).
func catchStopSignals() {
    signal(SIGINT) { _ in stopRequested = 1 }
    signal(SIGTERM) { _ in stopRequested = 1 }
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigaddset(&set, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
}

/// Lines a watcher prints as things happen: a timestamp, then the event; or one
/// JSON object a line (`--log-format json`) for log collectors.
struct WatchLog {
    enum Format: String, CaseIterable { case text, json }
    var format: Format = .text

    func info(_ message: String, _ fields: [String: Any] = [:]) { write("info", nil, message, fields, toError: false) }

    func issue(_ issue: IngestIssue) {
        write(issue.severity == .skipped ? "skipped" : "warning", issue.location, issue.message, [:], toError: true)
    }

    func error(_ message: String) { write("error", nil, message, [:], toError: true) }

    private func write(_ level: String, _ location: String?, _ message: String, _ fields: [String: Any], toError: Bool) {
        let time = ISO8601DateFormatter().string(from: Date())
        var line: String
        switch format {
        case .text:
            // Paths and messages come from files: never raw control characters on a terminal.
            line = "\(time) " + (level == "info" ? "" : level + ": ") + SafeText.escaped((location.map { $0 + ": " } ?? "") + message)
        case .json:
            var object: [String: Any] = ["time": time, "level": level, "message": SafeText.escaped(message)]
            if let location { object["location"] = SafeText.escaped(location) }
            for (k, v) in fields { object[k] = (v as? String).map(SafeText.escaped) ?? v }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            line = String(decoding: data, as: UTF8.self)
        }
        (toError ? FileHandle.standardError : FileHandle.standardOutput).write(Data((line + "\n").utf8))
    }
}

/// `news-index --watch DIR`: indexes what is there, then polls for new and
/// changed files. A file is read only once its size and modification time have
/// stayed the same for one poll (so a file still being written is never read
/// half-way). A file read again replaces what it gave before: its articles by
/// id, and those no longer in it are deleted, in the same commit. The index
/// keeps a record of the files read (`FileRecord`), so a restart reads only
/// new and changed files. Every poll that read something ends with a commit,
/// so a running `news-search` sees it within seconds.
struct Watcher {
    let paths: [String]
    let interval: Double
    let ingestor: Ingestor
    let writer: IndexWriter
    /// The index folder, where the record of files read is kept.
    let directory: String
    /// Forget the record (the index was rebuilt).
    var rebuild = false
    var log = WatchLog()

    enum Failure: Error, CustomStringConvertible {
        case missing(String)
        var description: String {
            switch self {
            case let .missing(path): "\(path): no such file or folder to watch"
            }
        }
    }

    /// Returns whether anything was skipped while watching.
    func run() throws -> Bool {
        for p in paths where Ingestor.entry(p) == .missing { throw Failure.missing(p) }
        catchStopSignals()
        var record = rebuild ? FileRecord() : FileRecord.load(directory: directory)
        var reported = Set<String>()
        let skippedBefore = ingestor.skippedCount
        ingestor.onIssue = { [log] in log.issue($0) }
        log.info("watching \(paths.joined(separator: ", ")) into \(directory) every \(interval) s; \(record.entries.count) files read before",
                 ["event": "start", "index": directory, "paths": paths, "interval": interval, "files_known": record.entries.count])
        var pending = [String: Ingestor.Entry]()
        var first = true
        while stopRequested == 0 {
            var ready = [(path: String, size: Int, modified: Double, hash: UInt64)]()
            var recordChanged = false
            for file in scan(&reported) {
                guard case let .regular(size, modified) = Ingestor.entry(file) else { continue }
                let now = Ingestor.Entry.regular(size: size, modified: modified)
                if let known = record[file], known.size == size, known.modified == modified { continue }
                // On the first pass everything present is taken; later, only files that stopped changing.
                guard first || pending[file] == now else { pending[file] = now; continue }
                pending[file] = nil
                guard let hash = FileRecord.hash(contentsOf: file) else { continue }
                if var known = record[file], known.hash == hash {
                    // Touched, not changed.
                    known.size = size
                    known.modified = modified
                    record[file] = known
                    recordChanged = true
                    continue
                }
                ready.append((file, size, modified, hash))
            }
            first = false
            if !ready.isEmpty {
                let before = (added: writer.added, replaced: writer.replaced, deleted: writer.deleted)
                var removed = 0
                for file in ready {
                    var ids = [String]()
                    ingestor.forgetIDs(readFrom: file.path)
                    try ingestor.read(paths: [file.path]) { article in
                        ids.append(article.id)
                        try writer.add(article)
                    }
                    // What the file gave before and no longer holds.
                    let now = Set(ids)
                    for id in record[file.path]?.ids ?? [] where !now.contains(id) && !record.claims(id, besides: file.path) {
                        if writer.delete(id: id) { removed += 1 }
                    }
                    record[file.path] = FileRecord.Entry(size: file.size, modified: file.modified, hash: file.hash, ids: ids)
                }
                let commit = try writer.commit()
                try record.save(directory: directory)
                recordChanged = false
                let added = writer.added - before.added, replaced = writer.replaced - before.replaced
                log.info("read \(ready.count) files: \(added) articles (\(replaced) replacing earlier copies), \(removed) removed; "
                         + "index: \(commit.liveCount) articles (commit \(commit.generation))",
                         ["event": "commit", "files": ready.count, "articles": added, "replaced": replaced, "removed": removed,
                          "live": commit.liveCount, "generation": Int(commit.generation)])
            }
            if recordChanged { try record.save(directory: directory) }
            var waited = 0.0
            while waited < interval && stopRequested == 0 { usleep(100_000); waited += 0.1 }
        }
        let commit = try writer.commit()
        try record.save(directory: directory)
        log.info("stopped; everything read is committed (\(commit.liveCount) articles)", ["event": "stop", "live": commit.liveCount])
        return ingestor.skippedCount > skippedBefore
    }

    /// The readable files under the watched paths; unreadable folders, FIFOs and
    /// ignored file types are reported once each.
    private func scan(_ reported: inout Set<String>) -> [String] {
        var files = [String]()
        for p in paths {
            switch Ingestor.entry(p) {
            case .regular:
                files.append(p)
            case .folder:
                var ignored = 0
                var problems = [(String, String)]()
                files += Ingestor.files(under: p, ignored: &ignored) { problems.append(($0, $1)) }
                for (path, message) in problems where reported.insert(path).inserted {
                    log.issue(IngestIssue(.warning, path, message))
                }
                if ignored > 0 && reported.insert("ignored:\(p):\(ignored)").inserted {
                    log.info("\(p): \(ignored) files of other types ignored (read: \(Ingestor.readableExtensions))")
                }
            case .other, .missing:
                if reported.insert(p).inserted { log.error("\(p): not a folder or regular file (gone?); still watching the rest") }
            }
        }
        return files.sorted()
    }
}
