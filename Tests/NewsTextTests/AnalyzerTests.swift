import Foundation
import Testing
import TestSupport
@testable import NewsText

@Suite struct AnalyzerTests {
    @Test(.enabled(if: SharedData.available, "\(SharedData.skipMessage)"))
    func seedSampleNormalizesCleanly() throws {
        let raw = try SharedData.text("samples/000_174991fef433684e.txt")
        let cleaned = TextCleaner.removePinyinDebris(raw)
        #expect(cleaned.contains("(中車)"))
        #expect(cleaned.contains("(北京微電子所)"))
        let a = try makeAnalyzer()
        let normalized = try a.normalize(cleaned)
        for expected in ["淄博高新区", "时间", "钙钛矿", "(中车)", "(北京微电子所)", "精准招商"] {
            #expect(normalized.contains(expected), "missing \(expected)")
        }
        let debris = try NSRegularExpression(pattern: "\\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\\)")
        #expect(debris.numberOfMatches(in: normalized, range: NSRange(normalized.startIndex..., in: normalized)) == 0)
        #expect(try a.words(cleaned).contains("钙钛矿"))
    }

    @Test func traditionalAndSimplifiedGiveTheSameTokens() throws {
        let a = try makeAnalyzer()
        let pairs = [
            ("淄博高新區精準招商，提著「籃子」選「好菜」", "淄博高新区精准招商，提着「篮子」选「好菜」"),
            ("鈣鈦礦電池產業園在廣東開工，總投資10億元", "钙钛矿电池产业园在广东开工，总投资10亿元"),
            ("臺灣半導體與新能源汽車產業鏈", "台湾半导体与新能源汽车产业链"),
        ]
        for (traditional, simplified) in pairs {
            #expect(try a.describe(traditional) == a.describe(simplified))
        }
    }

    @Test(arguments: [
        ("淄博高新区精准招商", ["淄博", "高新区"]),
        ("山东省淄博市张店区", ["山东省", "淄博市", "张店区"]),
        ("重庆两江新区签约", ["重庆", "两江新区"]),
        ("钙钛矿太阳能电池", ["钙钛矿"]),
        ("钙钛矿产业加速发展", ["钙钛矿", "产业"]),
        ("新能源汽车产量增长", ["新能源汽车"]),
        ("跨境电商出口", ["跨境电商"]),
        ("智能传感器批量生产线", ["传感器"]),
        ("呼和浩特市和鄂尔多斯", ["呼和浩特市", "鄂尔多斯"]),
    ])
    func phrasesGiveTheExpectedWords(text: String, expected: [String]) throws {
        let words = try makeAnalyzer().words(text)
        for word in expected { #expect(words.contains(word), "\(text): \(words) lacks \(word)") }
        #expect(words.allSatisfy { $0.count >= 2 }, "single-character word in \(words)")
    }

    @Test func weakLexiconMatchesYieldToICUWords() throws {
        // 和平 (a district's short name) must not be cut out of 维和|平台.
        let words = try makeAnalyzer().words("联合国维和平台")
        #expect(!words.contains("和平"), "\(words)")
    }

    @Test func userLexiconAddsWords() throws {
        let text = "鲁辰新材料发布公告"
        #expect(!(try makeAnalyzer().words(text).contains("鲁辰")))
        #expect(try makeAnalyzer(["魯辰"]).words(text).contains("鲁辰"))
    }

    @Test func hanRunsGiveBigramsAndAFinalUnigram() throws {
        let tokens = try makeAnalyzer().describe("淄博 高新区。煤")
        let hanNonWords = tokens.filter { !$0.hasPrefix("word:") }
        #expect(hanNonWords == ["bigram:淄博@0", "unigram:博@1", "bigram:高新@3", "bigram:新区@4", "unigram:区@5", "unigram:煤@7"])
    }

    @Test func lettersNumbersAndMixedTokensAreUsable() throws {
        let a = try makeAnalyzer()
        let tokens = try a.describe("GDP增长5.2%，5G基站10亿元，2024年3月")
        for expected in ["letters:gdp@0", "number:5.2@5", "letters:5g@10", "bigram:基站@12", "number:10@14",
                         "bigram:亿元@16", "number:2024@19", "unigram:年@23", "number:3@24", "unigram:月@25"] {
            #expect(tokens.contains(expected), "\(tokens) lacks \(expected)")
        }
    }

    @Test func tokensAreSortedByPosition() throws {
        let a = try makeAnalyzer()
        try a.analyze("ABC公司在淄博投资10亿元建设钙钛矿项目，GDP增长")
        #expect(a.tokens.map(\.start) == a.tokens.map(\.start).sorted())
    }

    @Test func emptyAndPunctuationOnlyTextGiveNoTokens() throws {
        let a = try makeAnalyzer()
        #expect(try a.describe("").isEmpty)
        #expect(try a.describe("，。！？  ——").isEmpty)
    }

    @Test func longUnbrokenRunIsHandled() throws {
        let a = try makeAnalyzer()
        let text = String(repeating: "淄博高新区钙钛矿产业园", count: 20_000)
        try a.analyze(text)
        #expect(a.tokens.filter { $0.kind == .bigram }.count == text.count - 1)
    }

    /// Property: the bigrams of any substring of an article occur, consecutively
    /// and at the same relative positions, among the article's tokens — so a
    /// quoted string found by grep is always found through bigrams.
    @Test(.enabled(if: SharedData.available, "\(SharedData.skipMessage)"))
    func substringBigramsOccurInTheArticle() throws {
        var rng = SplitMix64(seed: 20_241_129)
        let files = ["news/cctv/cctv-2022.jsonl", "news/cctv/cctv-2024.jsonl", "news/fincuge/finna_title_text.jsonl"]
        var articles = [String]()
        for file in files {
            let lines = try SharedData.text(file).split(separator: "\n")
            for _ in 0 ..< 100 {
                let line = lines[Int(rng.next() % UInt64(lines.count))]
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                if let body = object?["body"] as? String, body.count > 30 { articles.append(body) }
            }
        }
        let article = try makeAnalyzer()
        let piece = try makeAnalyzer()
        var checked = 0
        for body in articles {
            let characters = Array(body)
            try article.analyze(body)
            var bigrams = Set<String>()
            for t in article.tokens where t.kind == .bigram || t.kind == .unigram {
                bigrams.insert("\(t.kind):\(article.text(of: t))@\(t.start)")
            }
            for _ in 0 ..< 10 {
                let length = 2 + Int(rng.next() % 20)
                let start = Int(rng.next() % UInt64(max(1, characters.count - length)))
                let substring = String(characters[start ..< min(characters.count, start + length)])
                let byteOffset = String(characters[..<start]).utf8.count
                let base = article.normalizedOffset(ofSource: byteOffset)
                try piece.analyze(substring)
                for t in piece.tokens where t.kind == .bigram {
                    let key = "bigram:\(piece.text(of: t))@\(Int(t.start) + base)"
                    #expect(bigrams.contains(key), "\(substring) in \(body.prefix(40))…: missing \(key)")
                    checked += 1
                }
            }
        }
        #expect(checked > 1000)
    }
}

extension Analyzer {
    /// The first normalized unit that came from UTF-8 offset `byte` or later.
    func normalizedOffset(ofSource byte: Int) -> Int {
        var k = 0
        while k < normalizedCount && Int(state.origins[k]) < byte { k += 1 }
        return k
    }
}

