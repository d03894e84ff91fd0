import Testing
import TestSupport
@testable import NewsText

@Suite struct NormalizationTests {
    @Test func normalizingAloneGivesWhatAnalysisNormalizes() throws {
        let a = try Analyzer()
        let text = "淄博高新區(qū)招商，ＧＤＰ增長５．２％"
        try a.analyze(text)
        let analyzed = a.normalizedText
        #expect(!a.tokens.isEmpty)
        a.normalizeOnly(text)
        #expect(a.normalizedText == analyzed)
        #expect(a.tokens.isEmpty)
    }

    @Test func utf16UnitsBecomeTheSameStringAsTheStandardLibraryMakes() {
        for text in ["", "abc", "淄博高新区", "é€𠀀𝄞x", "混合 mixed 😀 文本"] {
            let units = Array(text.utf16)
            #expect(units.withUnsafeBufferPointer { String(utf16: $0) } == text)
        }
        // Unpaired surrogates become U+FFFD, as String(decoding:as:) makes them.
        let broken: [UInt16] = [0x6DC4, 0xD800, 0x0041, 0xDC00, 0xD83D]
        #expect(broken.withUnsafeBufferPointer { String(utf16: $0) } == String(decoding: broken, as: UTF16.self))
    }

    @Test func fullWidthLettersAndDigitsBecomeASCIIAndCaseFolds() throws {
        let a = try makeAnalyzer()
        #expect(try a.normalize("ＧＤＰ增长５．２％，ＡＢＣ公司") == "gdp增长5.2%,abc公司")
        #expect(try a.normalize("Hello ＷＯＲＬＤ") == "hello world")
    }

    @Test func traditionalBecomesSimplified() throws {
        let a = try makeAnalyzer()
        #expect(try a.normalize("淄博高新區精準招商，產業經濟信息網") == "淄博高新区精准招商,产业经济信息网")
        #expect(try a.normalize("臺灣銀行與廣東發展") == "台湾银行与广东发展")
    }

    @Test func invisibleCharactersAreDropped() throws {
        let a = try makeAnalyzer()
        #expect(try a.normalize("淄\u{200B}博\u{FEFF}高新\u{00AD}区") == "淄博高新区")
    }

    @Test func offsetsMapBackToTheOriginalCharacters() throws {
        let a = try makeAnalyzer()
        let text = "中國產業ＧＤＰ報告"
        try a.analyze(text)
        let bytes = Array(text.utf8)
        let shown = a.tokens.map { String(decoding: bytes[a.sourceRange(of: $0)], as: UTF8.self) }
        #expect(shown.contains("產業"))
        #expect(shown.contains("ＧＤＰ"))
        #expect(shown.contains("報告"))
    }

    @Test func tableAgreesWithICUsTransliteratorOnRealTraditionalText() throws {
        let a = try makeAnalyzer()
        let text = "淄博高新區與廣東先導稀材股份有限公司就投資10億元的智能傳感器批量生產線項目進行首次對接，" +
            "緊鑼密鼓看企業、做推介、尋商機、談合作，與多家企業達成合作意向。鈣鈦礦電池從實驗室走向產業園。"
        let icu = try Transliterator(id: "Traditional-Simplified")
        let expected = String(decoding: try icu.transliterate(Array(text.utf16)), as: UTF16.self)
        let han = { (s: String) in s.unicodeScalars.filter { Han.isHan($0.value) }.map(String.init).joined() }
        #expect(han(try a.normalize(text)) == han(expected))
    }

    @Test func compiledInTableIsWhatICUDerives() throws {
        // The table in the binary was derived from one ICU; on that ICU, deriving it again
        // (in a stable order: ICU swaps 苎 and 苧) gives the same entries.
        // On another ICU the table stays the compiled-in one (indexes normalize alike everywhere).
        let table = try CharacterTable.shared()
        guard ICU.version == CharacterTable.builtinICUVersion else { return }
        let derived = try CharacterTableBuilder.build()
        #expect(derived.bmp.array == table.bmp.array)
        #expect(derived.expansions.array == table.expansions.array)
        #expect(derived.supplementaryKeys.array == table.supplementaryKeys.array)
        #expect(derived.supplementaryValues.array == table.supplementaryValues.array)
        #expect(table.normalize("薴苧苎") == "苎苎苎")
    }
}
