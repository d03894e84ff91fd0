import Foundation
import Testing
import TestSupport
import NewsText
@testable import NewsIngest

@Suite struct EncodingTests {
    static let simplified = "标题：淄博高新区精准招商\n\n来源：齐都经济报 2024-03-19\n\n  淄博高新区与广东企业签订正式合作协议，投资10亿元建设智能传感器生产线，当天进驻园区启动建设。"
    static let traditional = "標題：淄博高新區精準招商\n\n來源：齊都經濟報 2024-03-19\n\n  淄博高新區與廣東企業簽訂正式合作協議，投資10億元建設智能傳感器生產線，當天進駐園區啟動建設。"

    @Test(arguments: [("GB18030", simplified), ("GBK", simplified), ("BIG5", traditional)])
    func legacyChineseEncodingsAreDetected(encoding: String, text: String) throws {
        let dir = try TempDir()
        let path = try dir.write("a-\(encoding).txt", bytes: try iconv(text, to: encoding))
        let (articles, ingestor) = try ingest([path])
        #expect(ingestor.issues.isEmpty, "\(ingestor.issues)")
        let a = try #require(articles.first)
        #expect(a.headline == text.split(separator: "\n")[0].description)
        #expect(a.body.contains("智能傳感器") || a.body.contains("智能传感器"))
    }

    @Test(arguments: ["UTF-16LE", "UTF-16BE"])
    func utf16WithBOM(encoding: String) throws {
        let dir = try TempDir()
        let bom: [UInt8] = encoding == "UTF-16LE" ? [0xFF, 0xFE] : [0xFE, 0xFF]
        let path = try dir.write("u16.txt", bytes: bom + (try iconv(Self.simplified, to: encoding)))
        let (articles, _) = try ingest([path])
        #expect(articles.first?.headline == "标题：淄博高新区精准招商")
    }

    @Test func utf8WithBOM() throws {
        let dir = try TempDir()
        let path = try dir.write("bom.txt", bytes: [0xEF, 0xBB, 0xBF] + Array(Self.simplified.utf8))
        let (articles, _) = try ingest([path])
        #expect(articles.first?.headline == "标题：淄博高新区精准招商")
    }

    @Test func forcedEncodingWins() throws {
        let dir = try TempDir()
        let path = try dir.write("forced.txt", bytes: try iconv(Self.traditional, to: "BIG5"))
        let (articles, _) = try ingest([path], .init(encoding: "Big5"))
        #expect(articles.first?.headline == "標題：淄博高新區精準招商")
        #expect(throws: IngestError.unknownEncoding("NOPE-1")) { try Ingestor(table: try CharacterTable.shared(), options: .init(encoding: "NOPE-1")) }
    }

    @Test func undecodableFileNamesTheOffsetOrIsReplacedUnderLenient() throws {
        let dir = try TempDir()
        // Valid GB18030, then a lead byte followed by a byte no GB18030 or Big5 sequence allows.
        var bytes = try iconv(Self.simplified, to: "GB18030")
        let offset = bytes.count
        bytes += [0x81, 0x20, 0x81, 0x7F]
        let path = try dir.write("broken.txt", bytes: bytes)
        let (articles, ingestor) = try ingest([path])
        #expect(articles.isEmpty)
        let issue = try #require(ingestor.issues.first)
        #expect(issue.location == path && issue.severity == .skipped)
        #expect(issue.message.contains("byte offset \(offset)"), "\(issue)")
        let (lenient, _) = try ingest([path], .init(lenient: true))
        #expect(lenient.first?.body.contains("\u{FFFD}") == true)
    }

    @Test func corruptUTF8NamesTheOffset() throws {
        let dir = try TempDir()
        var bytes = Array(Self.simplified.utf8)
        bytes.insert(0xC3, at: 40)
        bytes.insert(0x28, at: 41)
        let path = try dir.write("corrupt.txt", bytes: bytes + Array(String(repeating: "正文", count: 200).utf8))
        let (_, ingestor) = try ingest([path])
        #expect(ingestor.issues.first?.message.contains("not valid") == true, "\(ingestor.issues)")
    }
}

@Suite struct BadInputTests {
    @Test func binaryEmptyAndMissingFilesAreSkippedWithReasons() throws {
        let dir = try TempDir()
        var rng = SplitMix64(seed: 1)
        let binary = (0 ..< 4096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let b = try dir.write("image.txt", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0] + binary)
        let e = try dir.write("empty.txt", "")
        let w = try dir.write("blank.txt", "  \n\n \n")
        let good = try dir.write("good.txt", "标题\n\n正文。")
        let (articles, ingestor) = try ingest([b, e, w, dir.path + "/missing.txt", good])
        #expect(articles.count == 1)
        let byFile = Dictionary(ingestor.issues.map { ($0.location, $0.message) }, uniquingKeysWith: { a, _ in a })
        #expect(byFile[b]?.hasPrefix("binary data") == true)
        #expect(byFile[e] == "empty file")
        #expect(byFile[w] == "empty file")
        #expect(byFile[dir.path + "/missing.txt"] == "no such file or directory")
        #expect(ingestor.skippedCount == 4)
    }

    @Test func aFiftyMegabyteSingleLineTextFileIsBodyText() throws {
        let dir = try TempDir()
        let line = String(repeating: "淄博高新区招商引资", count: 1_900_000)  // 51 MB, no newline
        let path = try dir.write("one-line.txt", line)
        let (articles, ingestor) = try ingest([path])
        #expect(ingestor.skippedCount == 0)
        #expect(ingestor.issues.allSatisfy { $0.message.contains("longer than 1024 KB") })
        #expect(articles.first?.headline == "")
        #expect(articles.first.map { line.hasPrefix($0.body) && $0.body.utf8.count > Ingestor.maxBodyBytes - 64 } == true)
    }

    @Test func foldersAreWalkedRecursivelyInAStableOrder() throws {
        let dir = try TempDir()
        try dir.write("b/2.txt", "乙\n\n正文")
        try dir.write("a/z.txt", "甲\n\n正文")
        try dir.write("a/sub/feed.jsonl", #"{"id": "j", "title": "丙"}"#)
        try dir.write("a/.hidden.txt", "隐藏\n\n正文")
        try dir.write("a/photo.jpg", "not text")
        let (articles, ingestor) = try ingest([dir.path])
        #expect(articles.map(\.headline) == ["丙", "甲", "乙"])
        #expect(ingestor.ignoredFiles == 1)
    }
}
