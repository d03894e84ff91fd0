import Foundation
import Testing
import TestSupport
import IndexFormat
import NewsIngest
import NewsText
@testable import NewsIndex

/// Synthetic articles built from real words (not from any article).
func makeArticles(_ n: Int, seed: UInt64 = 1, prefix: String = "a") -> [Article] {
    let words = ["淄博", "高新区", "招商", "钙钛矿", "光伏", "组件", "新能源", "汽车", "出口", "增长", "项目", "签约", "山东", "张店",
                 "产业园", "传感器", "芯片", "投资", "亿元", "企业", "港口", "集装箱", "房地产", "楼市", "债券", "银行", "GDP", "5G"]
    var rng = SplitMix64(seed: seed)
    return (0 ..< n).map { i in
        func sentence(_ k: Int) -> String { (0 ..< k).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined() }
        let body = (0 ..< 3).map { _ in sentence(8 + Int(rng.next() % 12)) + "。" }.joined(separator: "\n")
        return Article(id: "\(prefix)\(i)", headline: sentence(4), body: body, date: Day(number: 19000 + Int32(i % 700)),
                       source: "测试网", url: "https://e.example/\(prefix)\(i)", location: "test:\(i)",
                       regions: i % 3 == 0 ? ["370303"] : [], industries: i % 5 == 0 ? ["C3825"] : [])
    }
}

func buildIndex(_ dir: String, _ articles: [Article], threads: Int = 2, maxDocs: Int? = nil, mergeFactor: Int = 8,
                chunkTerms: Int = 1 << 12) throws -> Commit {
    var options = IndexWriter.Options(threads: threads, memory: 16 << 20)
    options.maxBufferedDocs = maxDocs
    options.mergeFactor = mergeFactor
    options.chunkTerms = chunkTerms
    let writer = try IndexWriter(directory: dir, options: options)
    defer { writer.close() }
    for a in articles { try writer.add(a) }
    return try writer.commit()
}

@Suite(.serialized) struct IndexRoundTripTests {
    @Test func everyTokenPositionLengthColumnAndStoredArticleReadsBack() throws {
        let dir = try TemporaryFolder("roundtrip")
        // Segments of 180 documents: common terms span two postings blocks, and a
        // block's positions exceed 128 (the bit-packed runs of version 3).
        let articles = makeArticles(400)
        let commit = try buildIndex(dir.path, articles, threads: 1, maxDocs: 180)
        #expect(commit.segments.count >= 3)
        let reader = try IndexReader.open(directory: dir.path)
        #expect(reader.liveCount == 400)
        let common = try #require(try reader.segments[0].term(TermKey.make(field: .body, kind: .bigram, text: "淄博")))
        let commonCursor = try reader.segments[0].postings(common)
        #expect(commonCursor.blockCount == 2)
        let analyzer = try Analyzer()
        var byID = [String: (SegmentReader, Int)]()
        for s in reader.segments { for d in 0 ..< s.docCount { byID[s.id(d)] = (s, d) } }
        var positions = [UInt32]()
        for a in articles {
            let (segment, doc) = try #require(byID[a.id])
            #expect(try segment.stored(doc) == StoredArticle(a))
            #expect(segment.date(doc) == a.date?.number)
            if a.regions.isEmpty {
                // Tagged from the text: only the places its words name, in Shandong (codes 37…) or
                // the zone 淄博高新区 (990028), and none without them.
                let named = ["山东", "淄博", "张店", "高新区"].contains { a.headline.contains($0) || a.body.contains($0) }
                #expect(segment.regions(doc).allSatisfy { $0 / 10000 == 37 || $0 == 990028 }, "\(segment.regions(doc))")
                #expect(named || segment.regions(doc).isEmpty)
            } else {
                #expect(segment.regions(doc) == [370303])
            }
            for (field, text) in [(Field.headline, a.headline), (Field.body, a.body)] {
                try analyzer.analyze(text)
                #expect(segment.length(doc, field) == UInt32(analyzer.tokens.count))
                var expected = [String: [UInt32]]()
                for t in analyzer.tokens { expected[analyzer.text(of: t) + "|\(t.kind.rawValue)", default: []].append(UInt32(t.start)) }
                for (key, want) in expected {
                    let parts = key.split(separator: "|")
                    let term = TermKey.make(field: field, kind: TokenKind(rawValue: UInt8(parts[1])!)!, text: String(parts[0]))
                    let info = try #require(try segment.term(term), "\(TermKey.describe(term)) missing")
                    var cursor = try segment.postings(info)
                    #expect(try cursor.advance(to: Int32(doc)) == Int32(doc))
                    #expect(cursor.freq == UInt32(want.count))
                    try cursor.positions(into: &positions)
                    // Words are stored without positions (FORMAT.md, postings versions 2 and later).
                    let expected = term[1] == TokenKind.word.rawValue ? [] : want.sorted()
                    #expect(positions == expected, "\(TermKey.describe(term)) in \(a.id)")
                }
            }
        }
        #expect(try reader.verify() > 0)
    }

    @Test func firstPositionReadsOneValueEqualToTheFirstOfAllPositions() throws {
        let dir = try TemporaryFolder("first-position")
        // 400 articles in one segment: common bigrams have blocks of 128 documents whose
        // positions fill several bit-packed runs before the varint tail.
        _ = try buildIndex(dir.path, makeArticles(400), threads: 1)
        let reader = try IndexReader.open(directory: dir.path)
        var positions = [UInt32]()
        // Documents whose first value lies past one or more bit-packed runs of their block.
        var pastRuns = 0, checked = 0
        for s in reader.segments {
            var it = s.termIterator()
            while let (_, info) = try it.next() {
                var all = try s.postings(info), first = try s.postings(info)
                var block = -1, valuesBefore = 0
                while try all.next() != PostingsCursor.end {
                    #expect(try first.next() == all.doc)
                    try all.positions(into: &positions)
                    #expect(try first.firstPosition() == positions.first)
                    guard !positions.isEmpty else { continue }
                    if all.block != block { block = all.block; valuesBefore = 0 }
                    checked += 1
                    if valuesBefore >= 128 { pastRuns += 1 }
                    valuesBefore += positions.count
                }
            }
        }
        #expect(checked > 10_000 && pastRuns > 1_000)
    }

    /// Re-ranking moves cursors back and forth: `seek(to:)` lands where a fresh cursor's
    /// `advance(to:)` does, with the same frequency, inside the current block or not.
    @Test func seekLandsWhereAFreshCursorAdvancesInEitherDirection() throws {
        let dir = try TemporaryFolder("seek")
        _ = try buildIndex(dir.path, makeArticles(400), threads: 1)
        let reader = try IndexReader.open(directory: dir.path)
        var random = SplitMix64(seed: 7)
        var multiBlock = 0, backwards = 0
        for s in reader.segments {
            var it = s.termIterator()
            while let (_, info) = try it.next() {
                var reused = try s.postings(info)
                if reused.blockCount > 1 { multiBlock += 1 }
                for _ in 0 ..< 12 {
                    let target = Int32(random.next() % UInt64(s.docCount + 1))
                    if target < reused.doc { backwards += 1 }
                    var fresh = try s.postings(info)
                    let expected = try fresh.advance(to: target)
                    #expect(try reused.seek(to: target) == expected)
                    if expected != PostingsCursor.end { #expect(reused.freq == fresh.freq) }
                }
            }
        }
        #expect(multiBlock > 10 && backwards > 1_000)
    }

    @Test func blockImpactsDecodedInAnyOrderBoundTheirDocuments() throws {
        let dir = try TemporaryFolder("impacts")
        _ = try buildIndex(dir.path, makeArticles(400), threads: 1)
        let s = try #require(try IndexReader.open(directory: dir.path).segments.first)
        let info = try #require(try s.term(TermKey.make(field: .body, kind: .bigram, text: "淄博")))
        var cursor = try s.postings(info)
        #expect(cursor.blockCount >= 3)
        // Each block's documents, (frequency, length) pairs, as written.
        var pairs = [[PostingsCursor.Impact]](repeating: [], count: cursor.blockCount)
        var walk = try s.postings(info)
        while try walk.next() != PostingsCursor.end {
            pairs[walk.block].append(PostingsCursor.Impact(freq: walk.freq, length: s.length(Int(walk.doc), .body)))
        }
        // Last block first, then all: every decoded impact set is the block's frontier.
        for b in (0 ..< cursor.blockCount).reversed() {
            #expect(Array(cursor.impacts(of: b)).map { [$0.freq, $0.length] } == PostingsCursor.frontier(pairs[b]).map { [$0.freq, $0.length] })
        }
        let every = pairs.flatMap { PostingsCursor.frontier($0) }.map { [$0.freq, $0.length] }
        #expect(Array(cursor.allImpacts()).map { [$0.freq, $0.length] }.sorted { $0.lexicographicallyPrecedes($1) }
                == every.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(Array(cursor.impacts(of: 1)).map { [$0.freq, $0.length] } == PostingsCursor.frontier(pairs[1]).map { [$0.freq, $0.length] })
    }

    @Test func prefixRangesListBigramsByFirstCharacter() throws {
        let dir = try TemporaryFolder("prefix")
        _ = try buildIndex(dir.path, makeArticles(30))
        let reader = try IndexReader.open(directory: dir.path)
        for s in reader.segments {
            let terms = try s.terms(withPrefix: TermKey.make(field: .body, kind: .bigram, text: "淄"))
            #expect(!terms.isEmpty)
            #expect(terms.allSatisfy { String(decoding: $0.0.dropFirst(2), as: UTF8.self).hasPrefix("淄") })
        }
    }
}

@Suite(.serialized) struct IndexLifecycleTests {
    @Test func addsAreVisibleToNewReadersOnly() throws {
        let dir = try TemporaryFolder("visibility")
        _ = try buildIndex(dir.path, makeArticles(20))
        let before = try IndexReader.open(directory: dir.path)
        _ = try buildIndex(dir.path, makeArticles(10, seed: 2, prefix: "b"))
        let after = try IndexReader.open(directory: dir.path)
        #expect(before.liveCount == 20)
        #expect(after.liveCount == 30)
        // The old reader still reads its (possibly removed) files.
        #expect(try before.segments[0].stored(0).headline.isEmpty == false)
    }

    @Test func sameIDReplacesAndDeleteRemoves() throws {
        let dir = try TemporaryFolder("replace")
        _ = try buildIndex(dir.path, makeArticles(20))
        var changed = makeArticles(3)
        for i in changed.indices { changed[i].headline = "替换后的标题\(i)" }
        // Within one batch the later one wins too.
        var dup = changed[0]
        dup.headline = "同批次的第二版"
        changed.append(dup)
        let writer = try IndexWriter(directory: dir.path, options: .init(threads: 2))
        for a in changed { try writer.add(a) }
        #expect(writer.replaced == 3)
        #expect(writer.delete(id: "a10"))
        #expect(!writer.delete(id: "nope"))
        let commit = try writer.commit()
        writer.close()
        #expect(commit.liveCount == 19)
        let reader = try IndexReader.open(directory: dir.path)
        var headlines = [String: String]()
        for s in reader.segments { for d in 0 ..< s.docCount where !s.isDeleted(d) { headlines[s.id(d)] = try s.stored(d).headline } }
        #expect(headlines["a0"] == "同批次的第二版")
        #expect(headlines["a1"] == "替换后的标题1")
        #expect(headlines["a10"] == nil)
        #expect(headlines.count == 19)
    }

    @Test func mergePreservesArticlesDeletionsAndColumns() throws {
        let dir = try TemporaryFolder("merge")
        let articles = makeArticles(90)
        _ = try buildIndex(dir.path, articles, maxDocs: 20)
        let writer = try IndexWriter(directory: dir.path, options: .init(threads: 1))
        writer.delete(id: "a5")
        _ = try writer.commit()
        let before = try snapshot(dir.path)
        let merged = try writer.commit(forceMerge: true)
        writer.close()
        #expect(merged.segments.count == 1)
        #expect(try snapshot(dir.path) == before)
        #expect(before.count == 89)
    }

    /// Analysts may finish batches in any order; the inverter adds them in input order and a
    /// flush encodes terms in chunks side by side: the files are those of one thread.
    @Test func threadsDoNotChangeOneByteOfTheIndex() throws {
        let articles = makeArticles(300, seed: 4)
        let one = try TemporaryFolder("threads1"), three = try TemporaryFolder("threads3")
        let a = try buildIndex(one.path, articles, threads: 1, maxDocs: 70, mergeFactor: 1000)
        let b = try buildIndex(three.path, articles, threads: 3, maxDocs: 70, mergeFactor: 1000, chunkTerms: 7)
        #expect(a.segments.count == 5 && b.segments == a.segments)
        let files = try FileManager.default.contentsOfDirectory(atPath: one.path).filter { $0.hasPrefix("seg-") || $0.hasPrefix("commit") }.sorted()
        #expect(files.count == 21)
        #expect(try FileManager.default.contentsOfDirectory(atPath: three.path).filter { $0.hasPrefix("seg-") || $0.hasPrefix("commit") }.sorted() == files)
        func expectSameFiles() throws {
            let files = try FileManager.default.contentsOfDirectory(atPath: one.path).filter { $0.hasPrefix("seg-") || $0.hasPrefix("commit") }.sorted()
            #expect(try FileManager.default.contentsOfDirectory(atPath: three.path).filter { $0.hasPrefix("seg-") || $0.hasPrefix("commit") }.sorted() == files)
            for f in files {
                #expect(FileManager.default.contents(atPath: one.path + "/" + f) == FileManager.default.contents(atPath: three.path + "/" + f), "\(f)")
            }
        }
        try expectSameFiles()
        // A merge (with a deletion, so postings are decoded, and without, so rare terms move as bytes)
        // encodes terms side by side too.
        for (path, threads) in [(one.path, 1), (three.path, 3)] {
            var options = IndexWriter.Options(threads: threads)
            options.chunkTerms = 7
            let writer = try IndexWriter(directory: path, options: options)
            writer.delete(id: "a7")
            _ = try writer.commit(forceMerge: true)
            writer.close()
        }
        #expect(try IndexReader.open(directory: one.path).segments.count == 1)
        try expectSameFiles()
    }

    /// Segments cut by the memory budget (not by a document count) end at the same
    /// documents whatever the threads: the estimate counts what was added, never what
    /// the allocator happened to reserve.
    @Test func theMemoryBudgetCutsSegmentsAtTheSameDocuments() throws {
        let articles = makeArticles(600, seed: 5)
        var segments = [[UInt32]]()
        var files = [[String: Data]]()
        for threads in [1, 3] {
            let dir = try TemporaryFolder("budget\(threads)")
            var options = IndexWriter.Options(threads: threads)
            options.memory = 1_500_000  // below the 8 MB the initializer allows: a few hundred small articles
            options.mergeFactor = 1000
            let writer = try IndexWriter(directory: dir.path, options: options)
            for a in articles { try writer.add(a) }
            let commit = try writer.commit()
            writer.close()
            segments.append(commit.segments.map(\.docCount))
            var bytes = [String: Data]()
            for f in try FileManager.default.contentsOfDirectory(atPath: dir.path) where f.hasPrefix("seg-") {
                bytes[f] = FileManager.default.contents(atPath: dir.path + "/" + f)
            }
            files.append(bytes)
        }
        #expect(segments[0].count >= 3 && segments[0].reduce(0, +) == 600)
        #expect(segments[1] == segments[0])
        #expect(files[1] == files[0])
    }

    /// Twenty small segments of one size tier: two groups of eight merge side by side.
    @Test func tieredMergesRunSideBySideAndLoseNothing() throws {
        let merged = try TemporaryFolder("tiered"), unmerged = try TemporaryFolder("untiered")
        let articles = makeArticles(200, seed: 9)
        let commit = try buildIndex(merged.path, articles, maxDocs: 10)
        _ = try buildIndex(unmerged.path, articles, maxDocs: 10, mergeFactor: 1000)
        #expect(commit.segments.count == 6)  // 20 of ten documents: 16 merge into two, 4 stay
        #expect(commit.segments.filter { $0.docCount == 80 }.count == 2)
        #expect(try snapshot(merged.path) == (try snapshot(unmerged.path)))
        #expect(try IndexReader.open(directory: merged.path).verify() > 0)
    }

    /// id → (stored, columns without cluster, every term with its positions).
    func snapshot(_ dir: String) throws -> [String: String] {
        let reader = try IndexReader.open(directory: dir)
        var result = [String: String]()
        var perDoc = [String: [String]]()
        var positions = [UInt32]()
        for s in reader.segments {
            var it = s.termIterator()
            while let (term, info) = try it.next() {
                var c = try s.postings(info)
                while try c.next() != PostingsCursor.end {
                    guard !s.isDeleted(Int(c.doc)) else { continue }
                    try c.positions(into: &positions)
                    perDoc[s.id(Int(c.doc)), default: []].append("\(TermKey.describe(term))@\(positions)")
                }
            }
            for d in 0 ..< s.docCount where !s.isDeleted(d) {
                var cols = s.columns(d)
                cols.cluster = 0
                result[s.id(d)] = "\(try s.stored(d))|\(cols)"
            }
        }
        for (id, terms) in perDoc { result[id, default: ""] += terms.sorted().joined(separator: ",") }
        return result
    }

    @Test func aSecondWriterIsRefused() throws {
        let dir = try TemporaryFolder("lock")
        let first = try IndexWriter(directory: dir.path, options: .init(threads: 1))
        #expect {
            _ = try IndexWriter(directory: dir.path, options: .init(threads: 1))
        } throws: { error in
            guard case IndexError.locked(_, let pid) = error else { return false }
            return pid == getpid() && "\(error)".contains("another news-index")
        }
        first.close()
        let again = try IndexWriter(directory: dir.path, options: .init(threads: 1))
        again.close()
    }
}

@Suite(.serialized) struct IndexDamageTests {
    @Test(arguments: ["dict", "post", "cols", "store", "commit"])
    func aFlippedByteIsReportedWithTheFileName(kind: String) throws {
        let dir = try TemporaryFolder("damage")
        let commit = try buildIndex(dir.path, makeArticles(40), threads: 1)
        let name = kind == "commit" ? Commit.fileName(commit.generation) : commit.segments[0].name + "." + kind
        let path = dir.path + "/" + name
        var bytes = [UInt8](FileManager.default.contents(atPath: path)!)
        bytes[bytes.count / 2] ^= 0x5A
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        var message = ""
        do {
            let reader = try IndexReader.open(directory: dir.path)
            _ = try reader.verify()
        } catch {
            message = "\(error)"
        }
        #expect(message.contains(name), "\(kind): \(message)")
        #expect(message.contains("damaged") || message.contains("checksum"))
    }

    /// Version 4 columns: opening checks what queries read; the reprint sketches are
    /// checked by `verify` and before a writer (or a merge) uses them.
    @Test func damageInTheColumnsIsFoundWhereItMatters() throws {
        let dir = try TemporaryFolder("damage-cols")
        let commit = try buildIndex(dir.path, makeArticles(40), threads: 1)
        let name = commit.segments[0].name + ".cols"
        let path = dir.path + "/" + name
        let original = [UInt8](FileManager.default.contents(atPath: path)!)
        // Section k's bytes start after the header (12), DocCount and Flags (8) and k length-prefixed sections.
        func sectionStart(_ k: Int) -> Int {
            var offset = 20
            for _ in 0 ..< k {
                let n = original[offset ..< offset + 8].reversed().reduce(0) { $0 << 8 | Int($1) }
                offset += 8 + n
            }
            return offset + 8
        }
        func damage(at offset: Int) {
            var bytes = original
            bytes[offset] ^= 0x5A
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
        }
        damage(at: sectionStart(1) + 3)  // a length: queries would score with it
        #expect { _ = try IndexReader.open(directory: dir.path) } throws: { "\($0)".contains(name) && "\($0)".contains("checksum") }

        damage(at: sectionStart(5) + 100)  // a sketch: no query reads it
        let reader = try IndexReader.open(directory: dir.path)
        let segment = try #require(reader.segments.first)
        #expect(segment.length(0, .body) > 0 && segment.id(0) == "a0")
        #expect { _ = try reader.verify() } throws: { "\($0)".contains(name) }
        #expect { _ = try IndexWriter(directory: dir.path, options: .init(threads: 1)) } throws: { "\($0)".contains(name) && "\($0)".contains("sketches") }
    }

    /// A merge copies some postings and stored bytes unchanged: damage there must stop it.
    @Test(arguments: ["post", "store"])
    func aMergeRefusesDamagedInput(kind: String) throws {
        let dir = try TemporaryFolder("damaged-merge")
        let commit = try buildIndex(dir.path, makeArticles(60), threads: 1, maxDocs: 20)
        let name = commit.segments[0].name + "." + kind
        let path = dir.path + "/" + name
        var bytes = [UInt8](FileManager.default.contents(atPath: path)!)
        bytes[bytes.count / 2] ^= 0x5A
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let writer = try IndexWriter(directory: dir.path, options: .init(threads: 1))
        defer { writer.close() }
        var message = ""
        do { _ = try writer.commit(forceMerge: true) } catch { message = "\(error)" }
        #expect(message.contains(name), "\(kind): \(message)")
        #expect(try IndexReader.open(directory: dir.path).commit.generation == commit.generation, "nothing published")
    }

    @Test func aWriterKilledMidFlushLeavesThePreviousCommitComplete() throws {
        guard let newsIndex = executable("news-index") else {
            Issue.record("news-index binary not built")
            return
        }
        let dir = try TemporaryFolder("kill")
        _ = try buildIndex(dir.path, makeArticles(50))
        let feed = dir.path + "/feed.jsonl"
        let lines = makeArticles(4000, seed: 9, prefix: "k").map { a in
            "{\"id\":\"\(a.id)\",\"title\":\"\(a.headline)\",\"body\":\"\(a.body.replacingOccurrences(of: "\n", with: "\\n"))\"}"
        }
        try lines.joined(separator: "\n").write(toFile: feed, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: newsIndex)
        p.arguments = ["--index", dir.path + "/index", "--threads", "2", "--memory", "8", feed]
        // The index lives in a subfolder: copy the committed one there first.
        try FileManager.default.createDirectory(atPath: dir.path + "/index", withIntermediateDirectories: true)
        for f in try FileManager.default.contentsOfDirectory(atPath: dir.path) where f.hasPrefix("seg-") || f.hasPrefix("commit.") {
            try FileManager.default.copyItem(atPath: dir.path + "/" + f, toPath: dir.path + "/index/" + f)
        }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Kill it while it analyzes and flushes (segments appear before the commit).
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path + "/index")) ?? []
            if files.filter({ $0.hasPrefix("seg-") }).count > 4 { break }
            usleep(20_000)
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let reader = try IndexReader.open(directory: dir.path + "/index")
        #expect(reader.liveCount == 50)
        #expect(try reader.verify() > 0)
        // The next writer cleans up and works.
        _ = try buildIndex(dir.path + "/index", makeArticles(5, seed: 3, prefix: "n"))
        #expect(try IndexReader.open(directory: dir.path + "/index").liveCount == 55)
    }
}

@Suite struct ImpactTests {
    /// Every document of a block must be dominated by one of its impacts (a frequency at
    /// least as high with a length at most as long), or block-max pruning would be wrong.
    @Test func impactsDominateEveryDocumentAndStayFew() {
        var rng = SplitMix64(seed: 3)
        for _ in 0 ..< 200 {
            let pairs = (0 ..< 1 + Int(rng.next() % 128)).map { _ in
                PostingsCursor.Impact(freq: 1 + UInt32(rng.next() % 12), length: 20 + UInt32(rng.next() % 3000))
            }
            let frontier = PostingsCursor.frontier(pairs)
            #expect(frontier.count >= 1 && frontier.count <= PostingsCursor.maxImpacts)
            for p in pairs {
                #expect(frontier.contains { $0.freq >= p.freq && $0.length <= p.length })
            }
            #expect(zip(frontier, frontier.dropFirst()).allSatisfy { $0.length < $1.length && $0.freq < $1.freq })
        }
    }
}
