import Foundation
import NewsIndex
import NewsIngest

/// Set by SIGINT/SIGTERM; the watch loop commits and returns when it sees it.
nonisolated(unsafe) var stopRequested: sig_atomic_t = 0

/// `news-index --watch DIR`: indexes what is there, then polls for new and
/// changed files. A file is read only once its size and modification time have
/// stayed the same for one poll (so a file still being written is never read
/// half-way). Every poll that found articles ends with a commit, so a running
/// `news-search` sees them within seconds.
struct Watcher {
    let paths: [String]
    let interval: Double
    let ingestor: Ingestor
    let writer: IndexWriter

    struct Seen: Equatable {
        var size: Int
        var modified: Double
    }

    func run(report: (String) -> Void) throws {
        signal(SIGINT) { _ in stopRequested = 1 }
        signal(SIGTERM) { _ in stopRequested = 1 }
        // A parent may have started us with these signals blocked (some process launchers do).
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        var indexed = [String: Seen]()
        var pending = [String: Seen]()
        var first = true
        while stopRequested == 0 {
            var ready = [String]()
            for file in scan() {
                guard let now = stat(file), indexed[file] != now else { continue }
                // On the first pass everything present is taken; later, only files that stopped changing.
                if first || pending[file] == now { ready.append(file) } else { pending[file] = now }
            }
            first = false
            if !ready.isEmpty {
                let before = writer.added
                let skipped = ingestor.skippedCount
                try ingestor.read(paths: ready) { try writer.add($0) }
                let commit = try writer.commit()
                for f in ready { indexed[f] = stat(f); pending[f] = nil }
                report("indexed \(writer.added - before) articles from \(ready.count) files"
                       + (ingestor.skippedCount > skipped ? ", \(ingestor.skippedCount - skipped) skipped" : "")
                       + "; index: \(commit.liveCount) articles (commit \(commit.generation))")
            }
            var waited = 0.0
            while waited < interval && stopRequested == 0 { usleep(100_000); waited += 0.1 }
        }
        _ = try writer.commit()
        report("stopped; everything indexed is committed")
    }

    private func scan() -> [String] {
        var files = [String]()
        for p in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue { files.append(p); continue }
            guard let e = FileManager.default.enumerator(atPath: p) else { continue }
            while let name = e.nextObject() as? String {
                guard Ingestor.reads(name), !(name as NSString).lastPathComponent.hasPrefix(".") else { continue }
                files.append(p + "/" + name)
            }
        }
        return files.sorted()
    }

    private func stat(_ path: String) -> Seen? {
        guard let a = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (a[.size] as? NSNumber)?.intValue, let date = a[.modificationDate] as? Date else { return nil }
        return Seen(size: size, modified: date.timeIntervalSince1970)
    }
}
