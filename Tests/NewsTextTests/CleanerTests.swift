import Testing
import NewsText

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
        "坦达(中车)", "航天772所（北京微电子所）", "强化ABC三类(ABC)部门", "规划(2024)", "方案(a)", "措施(ok)",
        "the (shí) after a Latin letter", "(shí) at the start",
    ])
    func realParenthesesAreKept(text: String) {
        #expect(TextCleaner.removePinyinDebris(text) == text)
    }
}
