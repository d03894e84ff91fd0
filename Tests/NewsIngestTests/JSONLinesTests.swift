import Foundation
import Testing
import TestSupport
import NewsText
@testable import NewsIngest

@Suite struct JSONLinesTests {
    @Test func fieldsAreReadAndExtrasIgnored() throws {
        let dir = try TempDir()
        let path = try dir.write("feed.jsonl", """
        {"id": "a1", "title": "淄博高新区签约", "body": "正文一。", "date": "2025-06-03", "source": "某报", "url": "https://e.example/1", "region": "370303", "industry": ["C3825", "C3983"], "labels": ["公司"], "summary_title": "ignored", "category": 3}
        {"id": 42, "body": "只有正文，没有标题。", "date": null}
        {"title": "只有标题", "url": "https://e.example/3"}
        {"title": "没有id也没有url", "date": "2024年3月19日", "source": "某网"}
        """)
        let (articles, ingestor) = try ingest([path])
        #expect(ingestor.issues.isEmpty)
        #expect(articles.count == 4)
        let a = articles[0]
        #expect(a.id == "a1" && a.headline == "淄博高新区签约" && a.body == "正文一。" && a.source == "某报")
        #expect(a.date == Day(year: 2025, month: 6, day: 3))
        #expect(a.regions == ["370303"] && a.industries == ["C3825", "C3983"] && a.labels == ["公司"])
        #expect(a.location == "\(path):1")
        #expect(articles[1].id == "42" && articles[1].headline.isEmpty && articles[1].date == nil)
        #expect(articles[2].id == "https://e.example/3" && articles[2].body.isEmpty)
        #expect(articles[3].id.hasPrefix("h") && articles[3].date == Day(year: 2024, month: 3, day: 19))
    }

    @Test func escapesNumbersAndNestedValuesParse() throws {
        let dir = try TempDir()
        let path = try dir.write("escapes.jsonl", #"""
        {"id":"e1","title":"\u6dc4\u535a \"\u9ad8\u65b0\u533a\"","body":"tab\there\nline\\ \ud83d\ude00 \ud800x","extra":{"a":[1,2.5e3,-3,{"b":null}],"c":true},"date":"2024-03-19"}
        {"id":-7,"title":"负数id","body":"正文"}
        {"id":1.5,"title":"小数id","body":"正文"}
        {"id":"e4","title":"坏的转义\q","body":"正文"}
        {"id":"e5","title":"多余的尾巴","body":"正文"} x
        """#)
        let (articles, ingestor) = try ingest([path])
        #expect(articles.map(\.id) == ["e1", "-7"])
        #expect(articles[0].headline == "淄博 \"高新区\"")
        #expect(articles[0].body == "tab\there\nline\\ 😀 \u{FFFD}x")
        let messages = ingestor.issues.map(\.description)
        #expect(messages.contains("skipped: \(path):3: field \"id\" must be a string or an integer"))
        #expect(messages.contains("skipped: \(path):4: malformed JSON"))
        #expect(messages.contains("skipped: \(path):5: malformed JSON"))
    }

    /// A lone surrogate escape becomes U+FFFD and takes nothing with it: the escape after
    /// it (another character, a second lone half, a real pair) is read on its own.
    @Test func loneSurrogatesLoseNothingAfterThem() throws {
        let dir = try TempDir()
        let path = try dir.write("surrogates.jsonl", #"""
        {"id":"s1","title":"\ud800\u4e2d","body":"a\udbff\ud83d\ude00b"}
        {"id":"s2","title":"\ud800\ud800\u6587","body":"\udc00\u4e2d \ud800\n"}
        """#)
        let (articles, ingestor) = try ingest([path])
        #expect(ingestor.issues.isEmpty)
        #expect(articles.map(\.headline) == ["\u{FFFD}中", "\u{FFFD}\u{FFFD}文"])
        #expect(articles.map(\.body) == ["a\u{FFFD}😀b", "\u{FFFD}中 \u{FFFD}"])
    }

    /// UTF-16 JSON Lines with a byte-order mark (LE and BE, \n or \r\n line ends) read as UTF-8 does.
    @Test func utf16JSONLinesWithAByteOrderMarkAreRead() throws {
        let dir = try TempDir()
        let text = "{\"id\": \"u1\", \"title\": \"淄博高新区\", \"body\": \"正文😀\"}\n{\"id\": \"u2\", \"title\": \"第二条\"}\n"
        for (name, lineEnd) in [("lf", "\n"), ("crlf", "\r\n")] {
            let lines = text.replacingOccurrences(of: "\n", with: lineEnd)
            let le: [UInt8] = [0xFF, 0xFE] + lines.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            let be: [UInt8] = [0xFE, 0xFF] + lines.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            for (kind, bytes) in [("le", le), ("be", be)] {
                let path = try dir.write("utf16-\(kind)-\(name).jsonl", bytes: bytes)
                let (articles, ingestor) = try ingest([path])
                #expect(ingestor.issues.isEmpty, "\(kind) \(name): \(ingestor.issues)")
                #expect(articles.map(\.id) == ["u1", "u2"], "\(kind) \(name)")
                #expect(articles.first?.headline == "淄博高新区" && articles.first?.body == "正文😀", "\(kind) \(name)")
                #expect(articles.last?.location == "\(path):2", "\(kind) \(name)")
            }
        }
    }

    @Test func badLinesAreReportedWithFileAndLineAndReadingContinues() throws {
        let dir = try TempDir()
        let path = try dir.write("bad.jsonl", """
        {"id": "ok1", "title": "好的", "body": "正文"}
        {"id": "x", "title": "坏的" "body": }
        [1, 2, 3]
        {"id": "t", "title": 5, "body": "正文"}
        {"id": "u", "title": "标题", "labels": {"a": 1}}
        {"id": "v", "date": "2024-03-19"}
        {"id": "w", "title": "日期不可能", "date": "2024-02-30"}
        {"id": "y", "title": "日期看不懂", "date": "昨天"}

        {"id": "ok2", "title": "还是好的", "body": "正文"}
        """)
        let (articles, ingestor) = try ingest([path])
        #expect(articles.map(\.id) == ["ok1", "w", "y", "ok2"])
        let messages = ingestor.issues.map(\.description)
        #expect(messages.contains("skipped: \(path):2: malformed JSON"))
        #expect(messages.contains("skipped: \(path):3: not a JSON object"))
        #expect(messages.contains("skipped: \(path):4: field \"title\" must be a string"))
        #expect(messages.contains("skipped: \(path):5: field \"labels\" must be a string or an array of strings"))
        #expect(messages.contains("skipped: \(path):6: no title and no body"))
        #expect(messages.contains { $0.hasPrefix("warning: \(path):7: impossible date") })
        #expect(messages.contains { $0.hasPrefix("warning: \(path):8: unrecognized date") })
        #expect(ingestor.skippedCount == 5)
    }

    @Test func duplicateIDsAreReportedAndTheLaterOneIsDeliveredLast() throws {
        let dir = try TempDir()
        let path = try dir.write("dup.jsonl", """
        {"id": "same", "title": "第一版", "body": "正文"}
        {"id": "other", "title": "别的", "body": "正文"}
        {"id": "same", "title": "第二版", "body": "正文"}
        """)
        let (articles, ingestor) = try ingest([path])
        #expect(articles.last?.headline == "第二版")
        #expect(ingestor.issues.map(\.description) == ["warning: \(path):3: duplicate id same (also at \(path):1); the later one wins"])
    }

    @Test func invalidUTF8LineIsSkippedOrReplaced() throws {
        let dir = try TempDir()
        var bytes = Array(#"{"id": "a", "title": "好"#.utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array(#"", "body": "正文"}"#.utf8) + [0x0A]
        bytes += Array(#"{"id": "b", "title": "好", "body": "正文"}"#.utf8)
        let path = try dir.write("bytes.jsonl", bytes: bytes)
        let (strict, ingestor) = try ingest([path])
        #expect(strict.map(\.id) == ["b"])
        #expect(ingestor.issues.first?.message.contains("invalid UTF-8 at byte 25") == true)
        let (lenient, _) = try ingest([path], .init(lenient: true))
        #expect(lenient.map(\.id) == ["a", "b"])
        #expect(lenient[0].headline.contains("\u{FFFD}"))
    }

    @Test func standardInputIsReadAsJSONLines() throws {
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data(#"{"id": "s1", "title": "来自标准输入", "body": "正文"}"#.utf8 + [0x0A]))
        try pipe.fileHandleForWriting.close()
        let ingestor = try Ingestor(table: try CharacterTable.shared())
        var ids = [String]()
        try ingestor.readJSONLines(fd: pipe.fileHandleForReading.fileDescriptor, name: "-") { ids.append($0.id) }
        #expect(ids == ["s1"])
    }

    @Test func aFiftyMegabyteLineIsRead() throws {
        let dir = try TempDir()
        let body = String(repeating: "淄博高新区招商引资项目建设", count: 1_300_000)  // 50.7 MB
        let path = try dir.write("huge.jsonl", #"{"id": "big", "title": "很长", "body": ""# + body + "\"}\n" + #"{"id": "next", "title": "下一条"}"#)
        let (articles, ingestor) = try ingest([path])
        // Read whole, indexed up to the body limit, with a warning; the next line follows.
        #expect(ingestor.skippedCount == 0)
        #expect(ingestor.issues.count == 1 && ingestor.issues[0].message.contains("longer than 1024 KB"))
        #expect(articles.map(\.id) == ["big", "next"])
        #expect(articles.first.map { body.hasPrefix($0.body) && $0.body.utf8.count > Ingestor.maxBodyBytes - 64 } == true)
    }

    @Test(.enabled(if: SharedData.available, "\(SharedData.skipMessage)"))
    func sharedDataFilesLoadAsTheyAre() throws {
        for file in ["news/fincuge/finna_title_text.jsonl", "news/fincuge/finnl_news_labels.jsonl",
                     "news/thucnews-titles/thucnews_titles_dev.jsonl", "news/cctv/cctv-2023.jsonl"] {
            let (articles, ingestor) = try ingest([SharedData.path(file)])
            #expect(ingestor.skippedCount == 0, "\(file): \(ingestor.issues.prefix(3))")
            #expect(articles.count > 5000, "\(file)")
        }
    }
}
