import Foundation
import Testing
import TestSupport
import NewsIngest
import NewsText
@testable import NewsIndex

/// Small indexes written by every format version must keep opening as the code moves on
/// (`Fixtures/golden-vN`: three synthetic articles, one deleted; add one per new version).
/// Each was written with `news-index --index DIR golden.jsonl` and `news-index delete --index DIR g3`:
///
///     {"id":"g1","title":"淄博高新区钙钛矿项目开工","body":"淄博高新区钙钛矿电池项目开工，总投资10亿元。","date":"2024-03-19","source":"测试网"}
///     {"id":"g2","title":"合肥新能源汽车产量增长","body":"合肥新能源汽车产量突破70万辆，GDP增长5.3%。","date":"2025-01-22","source":"测试网","region":"合肥市"}
///     {"id":"g3","title":"郑州楼市新政","body":"郑州推出商品住房以旧换新。","date":"2025-08-13","industry":"K70"}
@Suite struct CompatibilityTests {
    @Test(arguments: [1, 2, 3, 4])
    func everyFormatVersionStillOpens(version: Int) throws {
        let golden = repositoryRoot + "/Tests/NewsIndexTests/Fixtures/golden-v\(version)"
        let dir = try TemporaryFolder("golden")
        for f in try FileManager.default.contentsOfDirectory(atPath: golden) {
            try FileManager.default.copyItem(atPath: golden + "/" + f, toPath: dir.path + "/" + f)
        }
        let reader = try IndexReader.open(directory: dir.path)
        #expect(reader.commit.generation == 2)
        #expect(reader.liveCount == 2)
        #expect(try reader.verify() == 6)
        let s = try #require(reader.segments.first)
        #expect((0 ..< s.docCount).map(s.id) == ["g1", "g2", "g3"])
        #expect(s.isDeleted(2) && !s.isDeleted(0))
        #expect(try s.stored(0).headline == "淄博高新区钙钛矿项目开工")
        #expect(s.date(1) == 20110)  // 2025-01-22
        #expect(s.regions(1) == [340100])
        let info = try #require(try s.term(TermKey.make(field: .body, kind: .bigram, text: "钙钛")))
        var fresh = try s.postings(info)
        #expect(try fresh.next() == 0)
        #expect(try fresh.firstPosition() == 5)
        var cursor = try s.postings(info)
        #expect(try cursor.next() == 0)
        var positions = [UInt32]()
        try cursor.positions(into: &positions)
        #expect(positions == [5])
        #expect(try s.term(TermKey.make(field: .body, kind: .letters, text: "gdp")) != nil)
        // Versions 2 and later store words without positions; version 1 has them.
        var word = try s.postings(try #require(try s.term(TermKey.make(field: .body, kind: .word, text: "钙钛矿"))))
        #expect(try word.next() == 0)
        try word.positions(into: &positions)
        #expect(positions == (version == 1 ? [5] : []))
    }

    /// The 300 generated articles of `Fixtures/golden-many.jsonl` written by old versions
    /// (`scripts/make-goldens.sh`): terms of several blocks and bit-packed positions read
    /// back, and the old segment merged with a new one. Version 3 postings move into the
    /// merged segment through the byte-level fast paths, versions 1 and 2 are decoded.
    @Test(arguments: [1, 2, 3])
    func manyArticlesOfAnOldVersionAreReadAndMerged(version: Int) throws {
        let golden = repositoryRoot + "/Tests/NewsIndexTests/Fixtures/golden-v\(version)-many"
        let dir = try TemporaryFolder("golden-many")
        for f in try FileManager.default.contentsOfDirectory(atPath: golden) {
            try FileManager.default.copyItem(atPath: golden + "/" + f, toPath: dir.path + "/" + f)
        }
        let bodies = try Self.goldenBodies()
        let old = try IndexReader.open(directory: dir.path)
        #expect(old.liveCount == 300)
        #expect(try old.verify() == 5)
        let s = try #require(old.segments.first)
        #expect(s.post.version == UInt32(version) && s.dict.version == UInt32(version))
        #expect((0 ..< s.docCount).map(s.id) == bodies.indices.map { String(format: "m%03d", $0) })
        try Self.expectPlantedPostings(s, bodies)

        // Forty new articles, a new segment; the marker 通报 in each, 磷虾 in one.
        let writer = try IndexWriter(directory: dir.path, options: .init(threads: 1))
        var newBodies = [String]()
        for i in 0 ..< 40 {
            let body = "通报港口集装箱吞吐。" + (i == 5 ? "磷虾捕捞。" : "")
            newBodies.append(body)
            try writer.add(Article(id: "n\(i)", headline: "港口集装箱", body: body, date: Day(number: 20000), source: "测试网",
                                   url: "", location: "test:\(i)", regions: [], industries: []))
        }
        #expect(try writer.commit().segments.count == 2)
        // The merge copies an input's postings as bytes exactly when this says so.
        let rare = try #require(try s.term(TermKey.make(field: .body, kind: .bigram, text: "钙钛")))
        #expect(PostingsSplice.canShift(s.spliceInput(rare, shift: 0)) == (version >= 3))
        let merged = try writer.commit(forceMerge: true)
        writer.close()
        #expect(merged.segments.count == 1)
        let after = try IndexReader.open(directory: dir.path)
        #expect(after.liveCount == 340)
        #expect(try after.verify() == 5)
        let m = try #require(after.segments.first)
        #expect(m.post.version == PostingsFormat.current)
        #expect((0 ..< 300).map(m.id) == (0 ..< 300).map(s.id) && m.id(339) == "n39")
        #expect(try m.stored(250).body == bodies[250] && m.stored(305).body == newBodies[5])
        try Self.expectPlantedPostings(m, bodies + newBodies)
        if version >= 3 {
            // A term of the old segment alone, its documents unmoved: the very same bytes.
            let moved = try #require(try m.term(TermKey.make(field: .body, kind: .bigram, text: "钙钛")))
            #expect(Array(m.post.file.bytes[moved.offset ..< moved.offset + moved.length]) == Array(s.post.file.bytes[rare.offset ..< rare.offset + rare.length]))
        }
    }

    /// The bodies of `Fixtures/golden-many.jsonl`, in order.
    static func goldenBodies() throws -> [String] {
        let text = try String(contentsOfFile: repositoryRoot + "/Tests/NewsIndexTests/Fixtures/golden-many.jsonl", encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(record["body"] as? String)
        }
    }

    /// The markers planted in the bodies (see `scripts/make-goldens.sh`), read from `segment`
    /// whose document d has `bodies[d]`: exactly the documents holding them, with every
    /// position (UTF-16 offsets; the bodies need no normalization).
    static func expectPlantedPostings(_ segment: SegmentReader, _ bodies: [String]) throws {
        for marker in ["通报", "钙钛", "增长", "磷虾"] {
            var expected = [(doc: Int32, positions: [UInt32])]()
            for (d, body) in bodies.enumerated() {
                let units = Array(body.utf16), m = Array(marker.utf16)
                let at = (0 ... units.count - m.count).filter { Array(units[$0 ..< $0 + m.count]) == m }.map { UInt32($0) }
                if !at.isEmpty { expected.append((Int32(d), at)) }
            }
            let info = try #require(try segment.term(TermKey.make(field: .body, kind: .bigram, text: marker)), "\(marker)")
            #expect(info.docFreq == expected.count, "\(marker)")
            var cursor = try segment.postings(info)
            var positions = [UInt32]()
            for (doc, want) in expected {
                #expect(try cursor.next() == doc, "\(marker)")
                #expect(cursor.freq == UInt32(want.count), "\(marker) in \(doc)")
                try cursor.positions(into: &positions)
                #expect(positions == want, "\(marker) in \(doc)")
            }
            #expect(try cursor.next() == PostingsCursor.end)
            if marker == "通报" { #expect(cursor.blockCount == (bodies.count + 127) / 128) }
        }
    }
}
