import Foundation
import Testing
import TestSupport
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
}
