import Foundation
import Testing
import TestSupport

/// Articles as they arrive: watched files that grow and change, watcher
/// restarts, a stream on standard input stopped by a signal, hostile folders.
@Suite(.serialized) struct ArrivalTests {
    let newsIndex: String
    let newsSearch: String

    init() throws {
        newsIndex = try #require(executable("news-index"), "news-index is not built")
        newsSearch = try #require(executable("news-search"), "news-search is not built")
    }

    static func line(_ id: String?, _ title: String, _ body: String) -> String {
        (id.map { "{\"id\":\"\($0)\"," } ?? "{") + "\"title\":\"\(title)\",\"body\":\"\(body)\",\"date\":\"2025-03-01\"}\n"
    }

    func count(_ index: String, _ query: String) throws -> Int {
        // Quoted: only articles that hold the whole string count.
        let r = try run(newsSearch, ["--index", index, "--count", "--no-collapse", "\"" + query + "\""])
        return Int(r.out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// The number of live articles (all are dated after 1990).
    func live(_ index: String) throws -> Int {
        let r = try run(newsSearch, ["--index", index, "--count", "--no-collapse", "--from", "1990"])
        return Int(r.out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    func append(_ text: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    /// Starts a watcher; `body` changes the inbox; the watcher is stopped with SIGTERM.
    func watching(_ dir: TemporaryFolder, _ body: (String, String) throws -> Void) throws -> (status: Int32, out: String, err: String) {
        let inbox = dir.path + "/inbox", index = dir.path + "/index"
        try? FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let watcher = Process()
        watcher.executableURL = URL(fileURLWithPath: newsIndex)
        watcher.arguments = ["--index", index, "--watch", "--interval", "0.2", "--threads", "1", inbox]
        let out = Pipe(), err = Pipe()
        watcher.standardOutput = out
        watcher.standardError = err
        try watcher.run()
        defer { if watcher.isRunning { watcher.terminate() } }
        try body(inbox, index)
        watcher.terminate()
        watcher.waitUntilExit()
        return (watcher.terminationStatus, String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    /// Waits until `condition` holds (the watcher commits within a second or two).
    func eventually(_ condition: () throws -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if try condition() { return true }
            usleep(150_000)
        }
        return false
    }

    @Test func aWatchedFileThatGrowsOrChangesReplacesWhatItGave() throws {
        let dir = try TemporaryFolder("arrive")
        let result = try watching(dir) { inbox, index in
            let a = inbox + "/a.jsonl"
            try (1 ... 3).map { Self.line("a\($0)", "临川县新材料项目第\($0)期开工", "临川县新材料产业园第\($0)期项目开工。") }.joined()
                .write(toFile: a, atomically: false, encoding: .utf8)
            #expect(try eventually { try live(index) == 3 })
            try append((4 ... 5).map { Self.line("a\($0)", "临川县新材料项目第\($0)期开工", "临川县新材料产业园第\($0)期项目开工。") }.joined(), to: a)
            #expect(try eventually { try live(index) == 5 })
            // An edited title in place: the article is replaced, not doubled.
            let text = try String(contentsOfFile: a, encoding: .utf8).replacingOccurrences(of: "第2期开工", with: "第二期开工")
            try text.write(toFile: a, atomically: false, encoding: .utf8)
            #expect(try eventually { try count(index, "第二期开工") == 1 })
            #expect(try live(index) == 5)
            #expect(try count(index, "第2期开工") == 0)
            // Without ids, an edited article changes its id: the old one leaves the index.
            let b = inbox + "/b.jsonl"
            try Self.line(nil, "临川县光伏组件下线", "临川县光伏组件项目首批产品下线。").write(toFile: b, atomically: false, encoding: .utf8)
            #expect(try eventually { try live(index) == 6 })
            try Self.line(nil, "临川县光伏组件批量下线", "临川县光伏组件项目产品批量下线。").write(toFile: b, atomically: false, encoding: .utf8)
            #expect(try eventually { try count(index, "批量下线") == 1 })
            #expect(try live(index) == 6)
            #expect(try count(index, "首批产品") == 0)
        }
        #expect(result.status == 0, "\(result.err)")
        #expect(!result.err.contains("duplicate id"), "\(result.err)")
    }

    @Test func aRestartedWatcherReadsOnlyNewAndChangedFiles() throws {
        let dir = try TemporaryFolder("restart")
        var first = try watching(dir) { inbox, index in
            for i in 1 ... 4 {
                try Self.line("r\(i)", "临川县第\(i)批项目签约", "临川县第\(i)批重点项目集中签约。")
                    .write(toFile: inbox + "/r\(i).jsonl", atomically: true, encoding: .utf8)
            }
            #expect(try eventually { try live(index) == 4 })
        }
        #expect(first.status == 0)
        #expect(first.out.contains("0 files read before"))
        first = try watching(dir) { inbox, index in
            usleep(800_000)
            try Self.line("r5", "临川县第5批项目签约", "临川县第5批重点项目集中签约。")
                .write(toFile: inbox + "/r5.jsonl", atomically: true, encoding: .utf8)
            #expect(try eventually { try live(index) == 5 })
        }
        #expect(first.out.contains("4 files read before"), "\(first.out)")
        // Only the new file was read.
        let reads = first.out.split(separator: "\n").filter { $0.contains(" files: ") }
        #expect(reads.count == 1 && reads[0].contains("read 1 files: 1 articles"), "\(first.out)")
    }

    @Test func aStreamOnStandardInputIsCommittedAsItGoesAndOnSIGTERM() throws {
        let dir = try TemporaryFolder("stdin")
        let index = dir.path + "/index"
        let indexer = Process()
        indexer.executableURL = URL(fileURLWithPath: newsIndex)
        indexer.arguments = ["--index", index, "--commit-interval", "0.5", "--threads", "1", "-"]
        let input = Pipe(), out = Pipe()
        indexer.standardInput = input
        indexer.standardOutput = out
        indexer.standardError = FileHandle.nullDevice
        try indexer.run()
        defer { if indexer.isRunning { indexer.terminate() } }
        for i in 1 ... 3 {
            input.fileHandleForWriting.write(Data(Self.line("s\(i)", "慢速来稿\(i)", "临川县第\(i)条慢速来稿。").utf8))
        }
        // The pipe stays open: the articles are searchable anyway.
        #expect(try eventually { try count(index, "慢速来稿") == 3 })
        input.fileHandleForWriting.write(Data(Self.line("s4", "慢速来稿4", "临川县第4条慢速来稿。").utf8))
        usleep(100_000)
        indexer.terminate()
        indexer.waitUntilExit()
        #expect(indexer.terminationStatus == 0)
        #expect(try count(index, "慢速来稿") == 4)
    }

    @Test func aMissingWatchedFolderIsAnError() throws {
        let dir = try TemporaryFolder("missing")
        let r = try run(newsIndex, ["--index", dir.path + "/index", "--watch", dir.path + "/nowhere"])
        #expect(r.status == 2)
        #expect(r.err.contains("nowhere: no such file or folder to watch"), "\(r.err)")
    }

    @Test func fifosAndLinkLoopsNeitherHangNorRepeat() throws {
        let dir = try TemporaryFolder("hostile")
        let inbox = dir.path + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox + "/sub", withIntermediateDirectories: true)
        try Self.line("f1", "临川县跨境电商园开园", "临川县跨境电商产业园开园。").write(toFile: inbox + "/a.jsonl", atomically: true, encoding: .utf8)
        #expect(mkfifo(inbox + "/pipe.jsonl", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: inbox + "/sub/up", withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: inbox + "/self", withDestinationPath: inbox + "/self")
        let r = try run(newsIndex, ["--index", dir.path + "/index", "--quiet", inbox])
        #expect(r.out.hasPrefix("added 1,"), "\(r.out)")
        #expect(r.err.contains("pipe.jsonl: not a regular file"), "\(r.err)")
        let fifo = try run(newsIndex, ["--index", dir.path + "/index", "--quiet", inbox + "/pipe.jsonl"])
        #expect(fifo.status == 1)
        #expect(fifo.err.contains("not a regular file"))
    }
}
