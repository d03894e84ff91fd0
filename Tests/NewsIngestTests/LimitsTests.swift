import Foundation
import Testing
@testable import NewsIngest

/// Input that could exhaust memory or time is bounded, with a warning.
@Suite struct LimitsTests {
    @Test func aRunawayBodyIsCutAtALineEndWithAWarning() throws {
        let dir = try TempDir()
        let paragraph = "临川县经济开发区新材料产业园今年一季度完成固定资产投资12.6亿元，同比增长18.3%。"
        let lines = (0 ..< 30_000).map { "\($0) " + paragraph }
        let body = lines.joined(separator: "\n")
        #expect(body.utf8.count > 3 * Ingestor.maxBodyBytes)
        let record = try JSONSerialization.data(withJSONObject: ["id": "big", "title": "超长文章", "body": body])
        let path = try dir.write("big.jsonl", String(decoding: record, as: UTF8.self) + "\n")
        let (articles, ingestor) = try ingest([path])
        let article = try #require(articles.first)
        #expect(article.body.utf8.count <= Ingestor.maxBodyBytes)
        #expect(article.body.utf8.count > Ingestor.maxBodyBytes * 3 / 4)
        // Whole lines only: the text ends where a line of the original ends.
        let last = try #require(article.body.split(separator: "\n").last)
        #expect(last.hasSuffix(paragraph))
        #expect(body.hasPrefix(article.body))
        #expect(ingestor.issues.contains { $0.severity == .warning && $0.message.contains("longer than 1024 KB") })
    }

    @Test func aBodyWithoutLineBreaksIsCutAtACharacterBoundary() {
        let text = String(repeating: "鈣", count: 1000)  // 3 bytes each
        let cut = Ingestor.truncated(text, to: 100)
        #expect(cut.utf8.count == 99)
        #expect(cut == String(repeating: "鈣", count: 33))
        #expect(Ingestor.truncated("short", to: 100) == "short")
    }
}
