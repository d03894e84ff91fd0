import Testing
@testable import NewsIngest

/// The extractor's hot patterns are written out as scans (a Swift pattern costs
/// microseconds a call); each scan must find what its pattern finds. Random
/// strings over the characters the patterns care about, with a fixed seed.
@Suite struct WrittenOutPatternTests {
    static let alphabet: [String] = ["1", "2", "0", "9", "8", "3", "-", "/", ".", ":", " ", "年", "月", "日", "号", "。", "!", "？",
                                     "”", "快", "評", "记", "者", "／", "【", "a", "\u{3000}", "１"]

    /// A generator whose strings are the same on every run.
    struct Strings: Sequence, IteratorProtocol {
        var state: UInt64
        var left: Int
        init(seed: UInt64, count: Int) { state = seed; left = count }
        mutating func next() -> String? {
            guard left > 0 else { return nil }
            left -= 1
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var s = ""
            var r = state
            for _ in 0 ..< Int(r % 19) {
                r = r &* 6_364_136_223_846_793_005 &+ 1
                s += alphabet[Int((r >> 33) % UInt64(alphabet.count))]
            }
            return s
        }
    }

    @Test func aYearInAPathIsWhatThePatternFinds() {
        for s in Strings(seed: 1, count: 4000) + ["news/2024-03-19.txt", "1979 1980", "20244", "x2099y", "2100"] {
            let pattern = s.firstMatch(of: DateParser.year).flatMap { Int($0.1) }
            #expect(DateParser.year(in: s) == pattern, "\(s)")
        }
    }

    @Test func eightDigitDatesAreWhatThePatternFinds() {
        for s in Strings(seed: 2, count: 4000) + ["发布 20230808", "x19991231", "202308081", "20231399"] {
            let pattern = s.firstMatch(of: DateParser.compactDigits).map { [Int($0.1), Int($0.2), Int($0.3)] }
            #expect(DateParser.compactDate(in: s).map { [$0.0, $0.1, $0.2] } == pattern, "\(s)")
        }
    }

    @Test func aMonthAndDayAfterALabelAreWhatThePatternFinds() {
        for s in Strings(seed: 3, count: 4000) + ["02-06", "2-6 ", "12/31x", "1.2.", "123-4", "02-067"] {
            let pattern = s.firstMatch(of: DateParser.numericMonthDay).map { "\($0.0) \(String(describing: Int($0.1))) \(String(describing: Int($0.2)))" }
            #expect(DateParser.leadingMonthDay(Substring(s)).map { "\($0.0) \(String(describing: $0.1)) \(String(describing: $0.2))" } == pattern, "\(s)")
        }
    }

    @Test func theTailAfterTheLastSentenceIsWhatThePatternFinds() {
        for s in Strings(seed: 4, count: 4000) + ["完成了任务。 展开详细", "好。郭成辉 摄", "好。  a", "好!", "。一二三四五六七八九十一二三"] {
            let pattern = s.firstMatch(of: PageExtractor.tailAfterSentencePattern).map { "\($0.1)|\($0.2)" }
            #expect(PageExtractor.tailAfterSentence(s).map { "\($0.0)|\($0.1)" } == pattern, "\(s)")
        }
    }

    @Test func aColumnLabelIsWhatThePatternFinds() {
        for s in Strings(seed: 5, count: 4000) + ["快評/據大陸", "快評／據", "快評記/據", "快/據", "快評記者/a", "。【/記"] {
            let pattern = s.prefixMatch(of: PageExtractor.columnLabelPattern).map { s.distance(from: s.startIndex, to: $0.range.upperBound) }
            #expect(PageExtractor.columnLabelEnd(s).map { s.distance(from: s.startIndex, to: $0) } == pattern, "\(s)")
        }
    }

    @Test func aDateOrTimeStartsWhereThePatternFindsIt() {
        for s in Strings(seed: 6, count: 4000) + ["来源:新华网 2024-03-19", "12345-6", "9:30", "123:45", "2024 年 3", "2024年x"] {
            let pattern = s.firstMatch(of: MetaReader.dateStartPattern).map { s.distance(from: s.startIndex, to: $0.range.lowerBound) }
            #expect(MetaReader.dateStart(in: s).map { s.distance(from: s.startIndex, to: $0) } == pattern, "\(s)")
        }
    }
}

extension WrittenOutPatternTests {
    static let creditAlphabet: [String] = ["（", "(", "）", ")", " ", "记", "者", "新", "华", "社", ":", "：", "王", "明", "。", "a", "\u{3000}", "、"]

    @Test func anAgencyInALeadIsWhatThePatternCaptures() {
        let alphabet = ["（", "(", "）", ")", " ", "新", "华", "社", "记", "者", "电", "王", "、", "a", "。", "社记者", "电）", "（新华"]
        var strings = ["（新华社记者王明北京电）", "(中新社记者 王明 3日电)", "（新华社社记者王明电）", "（新社记者王电）", "（一二三四五六社记者王电）",
                       "（一二三四五六七社记者王电）", "（新华社记者电）", "（新华社记者王(明)电）", "（新华社记者王明电", "（华社记者王）（新华社记者王电）",
                       "（新华社记者" + String(repeating: "王", count: 30) + "电）", "（新华社记者" + String(repeating: "王", count: 29) + "电）"]
        strings += Self.randomStrings(seed: 22, count: 12000, alphabet: alphabet, maxLength: 20)
        for s in strings {
            let pattern = s.firstMatch(of: MetaReader.innerAgency).map { String($0.1) }
            #expect(MetaReader.innerAgency(in: s).map(String.init) == pattern, "\(s)")
        }
    }

    @Test func aDateInADatelineIsWhatThePatternCaptures() {
        let alphabet = ["【", "[", "】", "]", "2", "0", "1", "3", "年", "月", "日", " ", "\u{3000}", "a", "新", "１", "2024年", "3月", "19日"]
        var strings = ["【新华社北京2024年3月19日电】", "[2024 年 3 月 19 日]", "【一二三四五六七八九十一二2024年3月19日", "【一二三四五六七八九十一二三2024年3月19日",
                       "一二三四五六七八九十一二2024年3月19日", "【新】2024年3月19日", "【12024年3月19日", "2024年123月1日", "2024年12月123日", "【2024年3月1日"]
        strings += Self.randomStrings(seed: 23, count: 12000, alphabet: alphabet, maxLength: 14)
        for s in strings {
            let pattern = s.firstMatch(of: MetaReader.leadDate).map { "\($0.0)|\($0.1)|\($0.2)|\($0.3)" }
            #expect(MetaReader.leadDate(in: s).map { "\($0.match)|\($0.year)|\($0.month)|\($0.day)" } == pattern, "\(s)")
        }
    }

    @Test func aReportersCreditIsWhatThePatternMatches() {
        let alphabet = ["(", "[", "【", ")", "]", "】", "（", "）", "记者", "记", "者", "通讯员", "王", "明", " ", "特约记者", "a"]
        var strings = ["（记者 王明）", "(记者王明)", "【通讯员 王明】", "[ 特约记者王明]", "(新华社记者王明)", "(一二三四五六七八九十一二记者王)",
                       "(一二三四五六七八九十一二三记者王)", "(记者)", "(记者王(明))", "(记者" + String(repeating: "王", count: 40) + ")",
                       "(记者" + String(repeating: "王", count: 41) + ")", "(王记者" + String(repeating: "明", count: 30) + ")", "(王记者" + String(repeating: "明", count: 31) + ")"]
        strings += Self.randomStrings(seed: 24, count: 12000, alphabet: alphabet, maxLength: 10)
        for s in strings {
            let pattern = s.firstMatch(of: LineClassifier.reporterCredit) != nil
            #expect(LineClassifier.isReporterCredit(s) == pattern, "\(s)")
        }
    }

    @Test func aCreditOfNamesIsWhatThePatternMatches() {
        let alphabet = ["（", "(", "）", ")", " ", "\u{3000}", "王", "明", "李", "华", "【", "、", "a", "1", "。"]
        var strings = ["（王明）", "（王明 李华）", "( 王明李华张三 )", "（王）", "（王明李华张三李四）", "（王明 李华张三李四）",
                       "（王明 李华 张三 李四 赵五 钱六）", "（王明 李华 张三 李四 赵五）", "（王明李华）)", "(王明)(李华)", "（【王明】）"]
        strings += Self.randomStrings(seed: 21, count: 12000, alphabet: alphabet, maxLength: 16)
        for s in strings {
            let pattern = s.firstMatch(of: LineClassifier.nameCredit) != nil
            #expect(LineClassifier.isNameCredit(s) == pattern, "\(s)")
        }
    }

    @Test func aReportersNameIsWhatThePatternCaptures() {
        var strings = ["（记者 王明）", "(新华社记者 王明 李华)", "（记者 ）", "（记者）", "（记者：王明）", "( 记者王明)", "（一二三四五六七八九十一记者 王)",
                       "（记者 王明", "（记者 王明）（记者 李华）", "((记者 王明)"]
        var state: UInt64 = 7
        for _ in 0 ..< 6000 {
            var s = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var r = state
            for _ in 0 ..< Int(r % 23) {
                r = r &* 6_364_136_223_846_793_005 &+ 1
                s += Self.creditAlphabet[Int((r >> 33) % UInt64(Self.creditAlphabet.count))]
            }
            strings.append(s)
        }
        for s in strings {
            let pattern = s.firstMatch(of: MetaReader.reporter).map { String($0.1) }
            #expect(MetaReader.reporterName(in: s).map(String.init) == pattern, "\(s)")
        }
    }
}

extension WrittenOutPatternTests {
    @Test func lettersAndNameLettersAreWhatUnicodeSays() {
        for v in UInt32(0) ... 0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            if scalar.isLetter != scalar.properties.isAlphabetic { Issue.record("isLetter U+\(String(v, radix: 16))"); break }
            if scalar.isNumeral != (scalar.properties.numericType != nil) { Issue.record("isNumeral U+\(String(v, radix: 16))"); break }
            if scalar.isNameLetter != (scalar.properties.isAlphabetic && scalar.properties.numericType == nil) {
                Issue.record("isNameLetter U+\(String(v, radix: 16))")
                break
            }
        }
    }

    @Test func furnitureKeysSkipWhiteSpaceAsUnicodeDefinesIt() {
        for v in UInt32(0) ... 0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            if SiteFurniture.isWhiteSpace(v) != scalar.properties.isWhitespace { Issue.record("U+\(String(v, radix: 16))"); break }
        }
        #expect(SiteFurniture.key("分享到：微信 微博") == SiteFurniture.key("分享到：\u{3000}微信微博\t"))
        #expect(SiteFurniture.key("分享到：微信 微博") != SiteFurniture.key("分享到：微信 微搏"))
        #expect(SiteFurniture.key(" \u{3000} ") == nil)
        #expect(SiteFurniture.key(Substring(String(repeating: "字", count: SiteFurniture.maxLength))) != nil)
        #expect(SiteFurniture.key(Substring(String(repeating: "字", count: SiteFurniture.maxLength + 1))) == nil)
    }
}

extension WrittenOutPatternTests {
    static let captionAlphabet: [String] = ["（", "(", "）", ")", "。", "新", "华", "社", "摄", "记", "者", "a", "1", "页", "第", "上", "一", "下",
                                            "首", "尾", "【", "】", "[", "]", "٣", "１", "e\u{301}"]

    static func randomStrings(seed: UInt64, count: Int, alphabet: [String], maxLength: UInt64) -> [String] {
        var strings = [String]()
        var state = seed
        for _ in 0 ..< count {
            var s = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var r = state
            for _ in 0 ..< Int(r % maxLength) {
                r = r &* 6_364_136_223_846_793_005 &+ 1
                s += alphabet[Int((r >> 33) % UInt64(alphabet.count))]
            }
            strings.append(s)
        }
        return strings
    }

    @Test func aCaptionsCreditIsWhatThePatternCaptures() {
        var strings = ["新华社发布。（新华社 摄）", "一二三四。(记者 王明)", "一二三。（摄影）", "一二三四。（）", "一二三四。（一二三四五六七八九十一）",
                       "一二三四。（a(b）", "一二三四。。（新华社）", String(repeating: "新", count: 50) + "。(新华)", String(repeating: "新", count: 51) + "。(新华)"]
        strings += Self.randomStrings(seed: 11, count: 6000, alphabet: ["新", "华", "。", "（", "）", "(", ")", "摄"], maxLength: 16)
        strings += Self.randomStrings(seed: 12, count: 3000, alphabet: Self.captionAlphabet, maxLength: 20)
        for s in strings {
            let pattern = s.firstMatch(of: LineClassifier.captionCredit).map { String($0.1) }
            #expect(LineClassifier.captionCredit(in: s).map(String.init) == pattern, "\(s)")
        }
    }

    @Test func aPagerIsWhatThePatternFinds() {
        var strings = ["第1页", "【第12页】", "[上一页下一页]", "首页尾页", "第1234页", "第页", "【】", "【第1页", "第٣页", "第１页", "上一页】", "[首页]]"]
        strings += Self.randomStrings(seed: 13, count: 8000, alphabet: ["第", "1", "页", "上", "一", "下", "首", "尾", "【", "】", "[", "]", "٣", "１", "a"],
                                      maxLength: 12)
        for s in strings {
            #expect(LineClassifier.isPager(s) == (s.firstMatch(of: LineClassifier.pager) != nil), "\(s)")
        }
    }
}

extension WrittenOutPatternTests {
    @Test func aPhotoCreditIsWhatThePatternFinds() {
        var strings = ["新华社记者 王明 摄", "王明摄影)", "摄影/王明", "图：新华社", "(图/中央社)", "（ 资料图片 ）", "图片来源:网络", "资料照片",
                       "资料图)", "新华社图片", "供图)", "某某供图 王明", "某某供图 一二三四五六七八九", "某某公司提供）", "供图a供图b", "摄)", "摄 ）"]
        let alphabet = ["摄", "影", "图", "片", "来", "源", "资", "料", "照", "供", "提", "供", "视", "频", "截", "新", "华", "社", "(", "（", ")", "）",
                        "/", ":", "：", " ", "\u{3000}", "a"]
        strings += Self.randomStrings(seed: 14, count: 12000, alphabet: alphabet, maxLength: 14)
        for s in strings {
            #expect(LineClassifier.isPhotoCredit(s) == (s.firstMatch(of: LineClassifier.photoCredit) != nil), "\(s)")
        }
    }

    @Test func anEditorsCreditIsWhatThePatternFinds() {
        var strings = ["[责任编辑:王明]", "【责编：王明】", "编辑 王明", "(编辑/王明)", "编辑:" + String(repeating: "王", count: 30),
                       "编辑:" + String(repeating: "王", count: 31), "编辑:王)明", "责任编辑", "( 主编 王明 )", "编辑王明]]"]
        let alphabet = ["责", "任", "编", "辑", "审", "校", "对", "主", "值", "班", "网", "络", "译", "王", "(", ")", "[", "]", "【", "】", ":", "：",
                        "/", " ", "\u{3000}"]
        strings += Self.randomStrings(seed: 15, count: 12000, alphabet: alphabet, maxLength: 12)
        for s in strings {
            #expect(LineClassifier.isEditorCredit(s) == (s.firstMatch(of: LineClassifier.editorCredit) != nil), "\(s)")
        }
    }
}
