import Testing
@testable import NewsText

@Suite struct CleanerTests {
    @Test(arguments: [
        ("淄博高新區(qū)", "淄博高新區"),
        ("時(shí)間:2024-03-19", "時間:2024-03-19"),
        ("產(chǎn)業(yè)經(jīng)濟(jì)", "產業經濟"),
        ("綠（lǜ）色", "綠色"),
        ("坦達(dá)(中車)", "坦達(中車)"),
    ])
    func pinyinDebrisIsRemoved(input: String, expected: String) {
        #expect(TextCleaner.removePinyinDebris(input) == expected)
    }

    @Test(arguments: [
        ("東(dong)", "東"),
        ("發(fa)展", "發展"),
        ("經(jing)濟(ji)", "經濟"),
        ("綠（lv）色", "綠色"),
        ("略(lue)有", "略有"),
        ("長(zhuang)", "長"),
        ("經(jīng)(jing)濟", "經濟"),
    ])
    func tonelessReadingsAreRemoved(input: String, expected: String) {
        #expect(TextCleaner.removePinyinDebris(input) == expected)
    }

    @Test(arguments: [
        ("新闻记者(xīnwénjìzhě)报道", "新闻记者报道"),
        ("钙钛矿(gàitàikuàng)电池", "钙钛矿电池"),
        ("新闻(xīn wén)", "新闻"),
        ("西安（xī'ān）", "西安"),
        ("西安(Xi’an)", "西安(Xi’an)"),
        ("新闻记者(xinwenjizhe)", "新闻记者"),
        ("新闻(xin wen)联播", "新闻联播"),
        ("钙钛矿（gaitaikuang）", "钙钛矿"),
        ("北京(beijing)", "北京"),
        ("時(shi\u{301})間", "時間"),
    ])
    func wordGlossesAreRemoved(input: String, expected: String) {
        #expect(TextCleaner.removePinyinDebris(input) == expected)
    }

    @Test(arguments: [
        "坦达(中车)", "航天772所（北京微电子所）", "强化ABC三类(ABC)部门", "规划(2024)", "方案(a)", "措施(ok)",
        "the (shí) after a Latin letter", "(shí) at the start",
        "国内生产总值(GDP)", "建设(5G)基站", "苹果(Apple)", "发布(iPhone)", "指数(CPI)", "采购经理指数(PMI)", "传感器(MEMS)",
        "方案(e)", "方案(o)", "华(china)", "供应链(chain)", "苹果(apple)", "智能(smart)", "链(chain)", "标准(standard)",
        "项(dong jing)", "东(dong ", "东(dong  jing)", "东( dong)", "东(dong )", "东(xīn", "(dong)",
    ])
    func realParenthesesAreKept(text: String) {
        #expect(TextCleaner.removePinyinDebris(text) == text)
    }

    @Test func everySyllableOfTheTableIsAReading() {
        var count = 0
        for (initial, finals) in Pinyin.table {
            for final in finals.split(separator: " ") {
                let syllable = initial + final
                count += 1
                let expected = syllable.count < 2 ? "字(\(syllable))" : "字"
                #expect(TextCleaner.removePinyinDebris("字(\(syllable))") == expected)
            }
        }
        #expect(count == 412)
        for notPinyin in ["tin", "ten", "bou", "fai", "jo", "qa", "xong", "shong", "v", "n", "ng"] {
            #expect(TextCleaner.removePinyinDebris("字(\(notPinyin))") == "字(\(notPinyin))")
        }
        #expect(TextCleaner.removePinyinDebris("嗯(ńg)") == "嗯")
    }

    @Test func longGlossesAreKept() {
        let text = "经济(" + String(repeating: "jing", count: 20) + ")"
        #expect(TextCleaner.removePinyinDebris(text) == text)
    }
}
