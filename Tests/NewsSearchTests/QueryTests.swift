import Foundation
import TestSupport
import Testing
import NewsText
@testable import NewsSearch

@Suite struct QueryParserTests {
    @Test func quotesSignsOrAndTitleBecomeClausesSplitAtAnyWhiteSpace() throws {
        let q = try Query.parse(#"淄博 高新区 "提着“篮子”选" +钙钛矿 -房地产 A OR B title:招商"#)
        #expect(q.clauses.map(\.text) == ["淄博", "高新区", "提着“篮子”选", "钙钛矿", "房地产", "A", "B", "招商"])
        #expect(q.clauses[2].phrase)
        #expect(q.clauses[3].occur == .must)
        #expect(q.clauses[4].occur == .mustNot)
        #expect(q.clauses[5].orGroup != nil && q.clauses[5].orGroup == q.clauses[6].orGroup)
        #expect(q.clauses[7].headlineOnly)
        #expect(try Query.parse("  ").isEmpty)
        // Any white space separates clauses (no-break, ideographic, em space, tab).
        #expect(try Query.parse("淄博\u{00A0}高新区\u{3000}招商\u{2003}签约\t项目").clauses.count == 5)
        #expect(try Query.parse("\u{00A0} \"\" title:").isEmpty)
        #expect(try Query.parse("a - b").clauses.map(\.text) == ["a", "-", "b"])
        // Clause texts keep every scalar: supplementary characters, full-width letters, combining marks.
        #expect(try Query.parse("𠀀𠀁 ＡＢ e\u{301}x \"𪚥 龘\"").clauses.map(\.text) == ["𠀀𠀁", "ＡＢ", "e\u{301}x", "𪚥 龘"])
    }

    @Test func anUnclosedQuoteOrADanglingORIsAParseError() {
        #expect(throws: Query.ParseError.self) { try Query.parse(#""未闭合"#) }
        #expect(throws: Query.ParseError.self) { try Query.parse("OR 淄博") }
        #expect(throws: Query.ParseError.self) { try Query.parse("淄博 OR") }
    }
}

@Suite struct QueryPlannerTests {
    func units(_ q: String) throws -> [String] {
        try QueryPlanner.plan(try Query.parse(q), analyzer: try Analyzer()).flatMap { $0.units.map(\.text) + $0.words.map(\.text) }
    }

    /// A question's interrogatives are not searched (the answer does not contain them), unless
    /// nothing else is left; an exact string keeps them.
    @Test func interrogativesOfAQuestionAreNotSearched() throws {
        let question = try units("锣鼓经是什么？哪两个公司开发")
        #expect(!question.contains("什么") && !question.contains("哪两"))
        #expect(question.contains("锣鼓") && question.contains("公司"))
        #expect(try units("什么").contains("什么"))
        #expect(try units(#""是什么""#).contains("什么"))
        // Traditional characters are checked as they normalize (誰 → 谁, 嗎 → 吗).
        let traditional = try units("這家公司是誰的嗎")
        #expect(!traditional.contains("是谁") && !traditional.contains("的吗") && traditional.contains("公司"))
    }

    func crossing(_ q: String) throws -> [String] {
        try QueryPlanner.plan(try Query.parse(q), analyzer: try Analyzer()).flatMap { $0.crossing.map(\.text) }
    }

    /// In a sentence, bigrams that join a word to its neighbour are phrasing; inside a word,
    /// between characters no word holds (a name the dictionary lacks), or in a short run
    /// (a keyword), they are what the user asks for.
    @Test func bigramsAcrossWordBoundariesOfASentenceAreMarked() throws {
        #expect(try crossing("德国总理将访华举行会谈") == ["国总", "理将", "将访", "华举", "行会"])
        #expect(try crossing("于乐的职业") == ["的职"])
        #expect(try crossing("联播快讯").isEmpty)  // four characters: a keyword
        #expect(try crossing("\"德国总理将访华\"").isEmpty)  // an exact string weighs every bigram
        #expect(try crossing("𠀀𠀁𠀂𠀃𠀄𠀅").isEmpty)  // supplementary characters, no word among them
    }

    func framed(_ q: String) throws -> Set<String> {
        Set(try QueryPlanner.plan(try Query.parse(q), analyzer: try Analyzer()).flatMap { $0.framed.map(\.text) })
    }

    /// A column's name in 【】 before a headline is marked, unless it is all there is, the
    /// term also occurs outside, or the clause is an exact string.
    @Test func termsOnlyInsideBracketsAreMarked() throws {
        let marked = try framed("【新思想引领新征程】加快建设农业强国")
        #expect(marked.contains("新思") && marked.contains("征程") && marked.contains("思想"))
        #expect(!marked.contains("农业") && !marked.contains("强国"))
        #expect(try framed("〖两会〗部长通道") == ["两会"])
        #expect(try framed("【两会】两会部长通道").isEmpty)  // 两会 is outside too
        #expect(try framed("【两会】").isEmpty)  // nothing outside
        #expect(try framed("两会 部长通道").isEmpty)
        #expect(try framed(#""【两会】部长通道""#).isEmpty)
    }
}

@Suite struct QueryPlanningCostTests {
    /// Planning is linear in the query's length: units, words and the query's term table are
    /// deduplicated through sets (a list scan per token took 15 s on 33,000 Han characters).
    /// The tools refuse queries over 1,000 characters; the library plans any length.
    @Test func aLongQueryIsPlannedInLinearTime() throws {
        var rng = SplitMix64(seed: 20)
        let text = String(String.UnicodeScalarView((0 ..< 33_000).map { _ in Unicode.Scalar(UInt32(0x4E00 + rng.next() % 0x51A6))! }))
        let analyzer = try Analyzer()
        let start = DispatchTime.now().uptimeNanoseconds
        let planned = try QueryPlanner.plan(try Query.parse(text), analyzer: analyzer)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        #expect(planned.count == 1 && planned[0].units.count > 30_000)
        #expect(seconds < 5, "planning 33,000 characters took \(seconds) s")
    }
}
