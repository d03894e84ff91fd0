import Foundation
import Testing
import TestSupport
import NewsText
@testable import NewsIndex

/// A small index written by format version 1 must keep opening as the code moves on.
/// (`Fixtures/golden-v1`: three synthetic articles, one deleted. Add a golden-vN per new version.)
@Suite struct CompatibilityTests {
    static let golden = repositoryRoot + "/Tests/NewsIndexTests/Fixtures/golden-v1"

    @Test func formatVersion1StillOpens() throws {
        let dir = try TemporaryFolder("golden")
        for f in try FileManager.default.contentsOfDirectory(atPath: Self.golden) {
            try FileManager.default.copyItem(atPath: Self.golden + "/" + f, toPath: dir.path + "/" + f)
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
        var cursor = try s.postings(info)
        #expect(try cursor.next() == 0)
        var positions = [UInt32]()
        try cursor.positions(into: &positions)
        #expect(positions == [5])
        #expect(try s.term(TermKey.make(field: .body, kind: .letters, text: "gdp")) != nil)
    }
}
