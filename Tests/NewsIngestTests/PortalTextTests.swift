import Foundation
import TestSupport
import Testing
import NewsText
@testable import NewsIngest

@Suite struct PortalTextTests {
    @Test func portalPageYieldsCleanFields() throws {
        let dir = try TempDir()
        let path = try dir.write("page.txt", portalPage)
        let (articles, ingestor) = try ingest([path])
        let a = try #require(articles.first)
        #expect(ingestor.issues.isEmpty)
        #expect(a.headline == "鲁辰新材：聚酰亚胺薄膜项目开工 总投资12亿元")
        #expect(a.source == "齐都经济报")  // 转自 names the source
        #expect(a.date == Day(year: 2024, month: 3, day: 19))
        #expect(a.reprintOrigin == "齐都经济报")
        #expect(a.author == "王晓峰")
        #expect(a.body.hasPrefix("3月18日，鲁辰新材料"))
        #expect(a.body.contains("(中车)"))
        #expect(a.body.split(separator: "\n").count == 2)
        for junk in ["版权", "延伸阅读", "热点", "ICP", "公网安备", "转自", "?", "汽车工业", "记者"] {
            #expect(!a.body.contains(junk), "body keeps \(junk)")
        }
        #expect(a.id.hasPrefix("h") && a.id.count == 17)
    }

    @Test(arguments: [
        ("来源：大众日报  2023年5月8日", "大众日报", "2023-05-08"),
        ("发布时间：2025/7/2  来源：淄博日报", "淄博日报", "2025-07-02"),
        ("2024.03.19  东方财讯网综合", "东方财讯网综合", "2024-03-19"),
        ("中國產業經濟信息網   時間:2024-03-19", "中國產業經濟信息網", "2024-03-19"),
        ("2023/08/30 14:20  記者 林佩君／綜合報導", nil, "2023-08-30"),
    ] as [(String, String?, String)])
    func sourceLinesOfManyShapes(line: String, source: String?, date: String) throws {
        let extractor = PageExtractor(table: try CharacterTable.shared())
        let parsed = extractor.extract("标题在这里\n\n\(line)\n\n  正文第一段，内容足够长。", path: "x.txt")
        #expect(parsed.source == source)
        guard case .day(let d)? = parsed.date else { Issue.record("no date in \(line)"); return }
        #expect(d.description == date)
        #expect(parsed.body == "正文第一段，内容足够长。")
    }

    @Test func bareMonthDayTakesTheYearFromThePath() throws {
        let dir = try TempDir()
        let path = try dir.write("2025/05-xinwen.txt", "标题\n\n来源：某某日报 5月6日\n\n正文。")
        let (articles, _) = try ingest([path])
        #expect(articles.first?.date == Day(year: 2025, month: 5, day: 6))
    }

    @Test func impossibleDateKeepsTheArticleAndWarns() throws {
        let dir = try TempDir()
        let path = try dir.write("bad-date.txt", "标题\n\n来源：某某日报 2024-02-30\n\n正文。")
        let (articles, ingestor) = try ingest([path])
        #expect(articles.count == 1)
        #expect(articles.first?.date == nil)
        #expect(ingestor.issues.contains { $0.severity == .warning && $0.message.contains("2024-02-30") && $0.location == path })
        #expect(ingestor.skippedCount == 0)
    }

    @Test(.enabled(if: SharedData.available, "\(SharedData.skipMessage)"))
    func seedSample() throws {
        let (articles, ingestor) = try ingest([SharedData.path("samples/000_174991fef433684e.txt")])
        let a = try #require(articles.first)
        #expect(ingestor.issues.isEmpty)
        let table = try CharacterTable.shared()
        #expect(table.normalize(a.headline) == "淄博高新区:精准招商 提着“篮子”选“好菜”")
        #expect(a.date == Day(year: 2024, month: 3, day: 19))
        #expect(table.normalize(a.source ?? "") == "淄博日报")  // 转自 names the source
        #expect(table.normalize(a.reprintOrigin ?? "") == "淄博日报")
        #expect(a.author == "徐勐")
        let body = table.normalize(a.body)
        for junk in ["版权及免责声明", "延伸阅读", "热点视频", "热点新闻", "热点舆情", "icp备", "公网安备", "转自", "上半年汽车工业"] {
            #expect(!body.contains(junk), "body keeps \(junk)")
        }
        #expect(!a.body.contains("(qū)"))
        #expect(body.contains("钙钛矿"))
        #expect(!body.contains("记者 徐勐"))  // the credit is the author, not article text
        #expect(body.hasSuffix("。"))
    }
}

@Suite struct DateParserTests {
    @Test(arguments: [
        ("2024-03-19", "2024-03-19"), ("2024/3/19", "2024-03-19"), ("2024.03.19", "2024-03-19"),
        ("2024年3月19日", "2024-03-19"), ("２０２４年３月１９日", "2024-03-19"), ("时间:2024-3-9 08:00", "2024-03-09"),
        ("2024-02-29", "2024-02-29"), ("2025-06-03T08:00:00+08:00", "2025-06-03"),
    ])
    func datesParse(text: String, expected: String) {
        guard case .day(let d)? = DateParser.find(in: text) else { Issue.record("no date in \(text)"); return }
        #expect(d.description == expected)
    }

    /// The shortcut for dates at the start finds what the patterns find, or leaves it to them.
    @Test(arguments: ["2024-03-19", "2025-06-03T08:00:00+08:00", "2024/03/19 10:00", "2024.03.19", "2024-02-30",
                      "2024-03-191", "2024-3-19", "2024-03", "２０２４-03-19", "20240319", "2024-03-19日"])
    func theLeadingDateShortcutAgreesWithThePatterns(text: String) {
        let patterns: DateParser.Match? = {
            let t = DateParser.asciiDigits(text)
            return t.firstMatch(of: DateParser.numeric).map { DateParser.make(String($0.0), Int($0.1), Int($0.2), Int($0.3)) }
        }()
        if let shortcut = DateParser.leadingISODate(text) { #expect(shortcut == patterns) }
        #expect(DateParser.find(in: text) == patterns ?? DateParser.find(in: text))
    }

    @Test func monthDayNeedsAYear() {
        #expect(DateParser.find(in: "3月19日") == nil)
        #expect(DateParser.find(in: "3月19日", contextYear: 2023) == .day(Day(year: 2023, month: 3, day: 19)!))
    }

    @Test(arguments: ["2024-02-30", "2023-02-29", "2024-13-01", "2024年4月31日"])
    func impossibleDates(text: String) {
        guard case .impossible? = DateParser.find(in: text) else { Issue.record("\(text) accepted"); return }
    }

    @Test func dayNumbersRoundTrip() {
        for n in stride(from: Int32(-800_000), through: 800_000, by: 997) {
            let d = Day(number: n)
            let (y, m, dd) = d.components
            if y >= 1 { #expect(Day(year: y, month: m, day: dd) == d) }
        }
        #expect(Day(year: 1970, month: 1, day: 1)?.number == 0)
        #expect(Day(year: 2024, month: 3, day: 19)?.number == 19801)
    }
}
