import Foundation
import NewsIngest
import NewsText
import Testing
import TestSupport
@testable import NewsSearch

/// The highlighter segments only the clauses of a text that hold a term's text
/// (`Highlighter+Windows.swift`); these check that it finds exactly what analyzing the whole
/// text finds, and cuts the same snippet, on articles of the sample corpus and of
/// `../shared/data`, with queries made from their own headlines and from other articles'.
@Suite(.serialized) struct HighlighterWindowTests {
    /// The snippet as it was cut from the matches of the whole text (before windows).
    static func referenceSnippet(_ h: Highlighter, _ text: String, width: Int = 90) throws -> Snippet {
        let scalars = Array(text.unicodeScalars.map { $0 == "\n" ? " " : $0 })
        let found = try h.wholeTextMatches(in: text)
        var start = 0
        if !found.isEmpty {
            var best = -1
            for (i, m) in found.enumerated() {
                let windowStart = max(0, m.lowerBound - width / 4)
                let count = found[i...].prefix { $0.upperBound <= windowStart + width }.count
                if count > best { best = count; start = windowStart }
            }
        }
        let end = min(scalars.count, start + width)
        var out = String.UnicodeScalarView()
        var shift = 0
        if start > 0 { out.append("…"); shift = 1 }
        out.append(contentsOf: scalars[start ..< end])
        if end < scalars.count { out.append("…") }
        let inWindow = found.filter { $0.lowerBound >= start && $0.upperBound <= end }
            .map { ($0.lowerBound - start + shift) ..< ($0.upperBound - start + shift) }
        return Snippet(text: String(out), matches: inWindow)
    }

    /// Checks `query` on each text; returns the number of texts with a match.
    @discardableResult
    static func check(_ h: Highlighter, _ query: String, _ texts: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        try h.prepare(try Query.parse(query))
        var matched = 0
        for text in texts {
            let windowed = try h.matches(in: text)
            let whole = try h.wholeTextMatches(in: text)
            #expect(windowed == whole, "query \(query) on \(text.prefix(60))", sourceLocation: sourceLocation)
            let snippet = try h.snippet(text), reference = try referenceSnippet(h, text)
            #expect(snippet == reference, "snippet of \(query) on \(text.prefix(60))", sourceLocation: sourceLocation)
            if !whole.isEmpty { matched += 1 }
        }
        return matched
    }

    /// Queries made like the benchmark's: pieces of Han runs of headlines, one to three of them.
    static func queries(from headlines: [String], count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        let runs = headlines.flatMap { h in
            h.split { !Han.isHan($0.unicodeScalars.first!.value) }.map(String.init).filter { $0.count >= 2 }
        }
        guard !runs.isEmpty else { return [] }
        return (0 ..< count).map { _ in
            (0 ..< Int.random(in: 1 ... 3, using: &rng)).map { _ in
                let r = Array(runs.randomElement(using: &rng)!)
                let n = min(r.count, Int.random(in: 1 ... 4, using: &rng))
                let s = Int.random(in: 0 ... r.count - n, using: &rng)
                return String(r[s ..< s + n])
            }.joined(separator: " ")
        }
    }

    @Test func handMadeCases() throws {
        let h = Highlighter(analyzer: try Analyzer())
        let texts = [
            "淄博高新區智能傳感器產業園開工，總投資５０億元。項目規劃用地約420畝、分三期建設MEMS(微機電系統)產線！",
            "淄博高新区钙钛矿项目，总投资10亿元;5G基站3,000个:覆盖“全市”《规划》（草案）",
            "没有任何标点的一长段中文文字淄博高新区钙钛矿项目总投资十亿元在这里继续下去没有结束",
            "，淄博，高新区，",
            "淄博\n高新区\n\n钙钛矿",
            "㍿淄博,㍿高新区,株式会社",
            "𠀀淄博,𠀀高新区𠀁,𠀂",
            "GDP增长5.2%,CPI上涨0.3%,iPhone 15发布;AI大模型",
            "",
            "价格上涨5%……市场回暖……。价格",
        ]
        for q in ["淄博 高新区", "高新区", "淄", "区", "钙钛矿", "投资 10亿元", "5G", "3,000", "GDP", "CPI 0.3", "iphone",
                  "株式会社", "𠀀", "……", #""……" 价格"#, "\"淄博高新区\"", "-淄博 高新区", "全市 规划", "微机电", "mems"] {
            try Self.check(h, q, texts)
        }
    }

    /// Only the clauses that hold a term's text are analyzed, and a clause ends at a
    /// separator between ideographs, not at one beside letters or digits.
    @Test func windowsAreClauses() throws {
        let h = Highlighter(analyzer: try Analyzer())
        func windows(_ q: String, _ text: String) throws -> [String] {
            try h.prepare(try Query.parse(q))
            var text = text
            return text.withUTF8 { bytes in
                h.analyzer.normalizeOnly(utf8: bytes)
                return h.candidateWindows().map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
            }
        }
        let text = "淄博高新区开工，总投资10亿元。钙钛矿项目规划用地420畝，分3,5期建设、钙钛矿组件"
        #expect(try windows("钙钛矿", text) == ["钙钛矿项目规划用地420畝", "钙钛矿组件"])
        #expect(try windows("投资 开工", text) == ["淄博高新区开工", "总投资10亿元"])
        #expect(try windows("3", text) == ["分3,5期建设"])
        #expect(try windows("火箭", text) == [])
        // Traditional and full-width text is found through normalization.
        #expect(try windows("钙钛矿", "前言。鈣鈦礦項目，後記") == ["鈣鈦礦項目"])
    }

    @Test func sampleCorpusArticles() throws {
        let h = Highlighter(analyzer: try Analyzer())
        var articles = [Article]()
        try Ingestor(table: CharacterTable.shared()).read(paths: [repositoryRoot + "/corpus"]) { articles.append($0) }
        #expect(articles.count > 50)
        let texts = articles.flatMap { [$0.body, $0.headline] }
        var matched = 0
        for q in Self.queries(from: articles.map(\.headline), count: 60, seed: 7) { matched += try Self.check(h, q, texts) }
        #expect(matched > 40)
    }

    @Test(.enabled(if: SharedData.available, "\(SharedData.skipMessage)"))
    func sharedDataArticles() throws {
        let h = Highlighter(analyzer: try Analyzer())
        var articles = [(headline: String, body: String)]()
        for year in 2022 ... 2025 {
            let lines = try SharedData.text("news/cctv/cctv-\(year).jsonl").split(separator: "\n")
            for line in lines.prefix(300) {
                guard let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
                articles.append(((o["title"] as? String) ?? "", (o["body"] as? String) ?? (o["content"] as? String) ?? ""))
            }
        }
        #expect(articles.count > 1000)
        var rng = SplitMix64(seed: 42)
        var matched = 0
        // Each query on its own article (where it matches) and on a few others.
        for k in 0 ..< 400 {
            let own = articles[k * 3 % articles.count]
            guard let q = Self.queries(from: [own.headline], count: 1, seed: UInt64(k)).first else { continue }
            let others = (0 ..< 3).map { _ in articles.randomElement(using: &rng)! }
            matched += try Self.check(h, q, ([own] + others).flatMap { [$0.body, $0.headline] })
        }
        #expect(matched > 400)
    }
}

extension HighlighterWindowTests {
    /// The scan's inlined test for Han agrees with `Han.isHan` on every UTF-16 unit.
    @Test func directHanTestIsHanIsHan() {
        for u in 0 ... 0xFFFF where !(0xD800 ..< 0xE000).contains(u) {
            #expect(DirectTerms.isHan(UInt16(u)) == Han.isHan(UInt32(u)), "U+\(String(u, radix: 16))")
        }
    }

    /// Queries of Han alone whose words are covered by their bigrams take the direct path;
    /// letters, numbers and words without all their bigrams do not.
    @Test func directPathIsTakenWhenItCanBe() throws {
        let h = Highlighter(analyzer: try Analyzer())
        for (q, direct) in [("淄博 高新区", true), ("淄", true), ("钙钛矿 项目", true), ("5G 基站", false), ("投资 10亿元", false)] {
            try h.prepare(try Query.parse(q))
            #expect((h.direct != nil) == direct, "\(q)")
        }
    }
}
