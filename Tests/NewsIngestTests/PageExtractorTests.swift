import Foundation
import TestSupport
import Testing
import NewsText
@testable import NewsIngest

/// Pages written for these tests, each imitating one kind of layout that
/// crawlers save (none is copied from a real site).
@Suite struct PageExtractorTests {
    let extractor: PageExtractor
    init() throws { extractor = PageExtractor(table: try CharacterTable.shared()) }

    func extract(_ page: String, path: String = "page.txt") -> PageExtractor.Extracted {
        extractor.extract(TextCleaner.removePinyinDebris(page), path: path)
    }

    static let paragraph1 = "3月18日，临川新材料有限公司年产3000吨聚酰亚胺薄膜项目在高新区开工，总投资12亿元，预计明年投产。"
    static let paragraph2 = "据介绍，项目达产后可年产电子级薄膜3000吨，产品主要供应柔性显示和新能源汽车产业链，年产值约20亿元。"

    @Test func navigationFirstLineIsNotTheHeadline() {
        let page = """
        当前位置：首页 > 财经 > 正文
        临川新材聚酰亚胺薄膜项目开工 总投资12亿元
        2024-03-19 09:12  来源：临川日报
        \(Self.paragraph1)
        \(Self.paragraph2)
        """
        let a = extract(page)
        #expect(a.headline == "临川新材聚酰亚胺薄膜项目开工 总投资12亿元")
        #expect(a.date == .day(Day(year: 2024, month: 3, day: 19)!))
        #expect(a.source == "临川日报")
        #expect(a.body == Self.paragraph1 + "\n" + Self.paragraph2)
    }

    @Test func ePaperHeaderAndSubtitle() {
        let page = """
        电子报阅读
        当前报纸名称：临川日报
        第A03版：经济新闻
        字号：放大 默认 缩小
        临川新材聚酰亚胺薄膜项目开工
        总投资十二亿元
        \(Self.paragraph1)
        \(Self.paragraph2)
        """
        let a = extract(page, path: "2024/page.txt")
        #expect(a.headline == "临川新材聚酰亚胺薄膜项目开工")
        #expect(a.body.hasPrefix("3月18日"))
        #expect(!a.body.contains("总投资十二亿元"))
        #expect(!a.body.contains("版"))
    }

    @Test func dateAboveTheHeadline() {
        let page = """
        image
        20240319文/王晓峰
        临川新材聚酰亚胺薄膜项目开工
        \(Self.paragraph1)
        \(Self.paragraph2)
        """
        let a = extract(page)
        #expect(a.headline == "临川新材聚酰亚胺薄膜项目开工")
        #expect(a.date == .day(Day(year: 2024, month: 3, day: 19)!))
        #expect(a.body.hasPrefix("3月18日") && !a.body.contains("王晓峰"))
    }

    /// A meta line that begins with an editor's credit is not the article's end.
    @Test func metaLineWithTheEditorFirstKeepsTheArticle() {
        let page = """
        临川新材聚酰亚胺薄膜项目开工
        责任编辑：王明　来源：临川日报　2024-03-19 10:00
        \(Self.paragraph1)
        \(Self.paragraph2)
        """
        let a = extract(page)
        #expect(a.headline == "临川新材聚酰亚胺薄膜项目开工")
        #expect(a.body == Self.paragraph1 + "\n" + Self.paragraph2)
        #expect(a.source == "临川日报")
        #expect(a.date == .day(Day(year: 2024, month: 3, day: 19)!))
    }

    @Test func widgetsCreditsAndCaptionsLeaveTheBody() {
        let page = """
        临川新材聚酰亚胺薄膜项目开工
        发布时间：2024-03-19　信息来源：临川日报　点击：1024
        分享到：微信 微博 QQ空间
        【打印】【关闭】
        字号：大 中 小
        \(Self.paragraph1)
        ▲项目开工现场。（李强 摄）
        图为施工人员在车间作业。（资料图）
        \(Self.paragraph2)（记者 张伟 通讯员 李强）
        (完)
        [责任编辑：王明]
        扫一扫在手机打开当前页
        """
        let a = extract(page)
        #expect(a.body == Self.paragraph1 + "\n" + Self.paragraph2)
        #expect(a.source == "临川日报")
        #expect(a.author == "张伟")
        #expect(a.date == .day(Day(year: 2024, month: 3, day: 19)!))
    }

    @Test func sourceAtTheBottom() {
        let page = """
        临川新材聚酰亚胺薄膜项目开工
        \(Self.paragraph1)
        \(Self.paragraph2)
        来源：临川日报
        """
        let a = extract(page)
        #expect(a.source == "临川日报")
        #expect(a.headline == "临川新材聚酰亚胺薄膜项目开工")
        #expect(a.body == Self.paragraph1 + "\n" + Self.paragraph2)
    }

    /// Related links are page furniture: a dish in a teaser must not make the
    /// economics article findable.
    @Test func relatedLinksEndTheArticle() {
        let page = """
        临川新材聚酰亚胺薄膜项目开工
        2024-03-19
        \(Self.paragraph1)
        \(Self.paragraph2)
        相关文章
        红烧肉的家常做法，肥而不腻入口即化
        上一篇：一季度全市工业投资增长两成
        """
        let a = extract(page)
        #expect(!a.body.contains("红烧肉"))
        #expect(!a.body.contains("上一篇"))
        #expect(a.body == Self.paragraph1 + "\n" + Self.paragraph2)
    }

    @Test func traditionalPage() {
        let page = """
        首頁 > 財經
        臨川新材聚醯亞胺薄膜項目開工
        2024/03/19 09:12 記者林佩君／綜合報導
        3月18日，臨川新材料有限公司年產3000噸聚醯亞胺薄膜項目在高新區開工，總投資12億元。
        據介紹，項目達產後可年產電子級薄膜3000噸，年產值約20億元。
        相關新聞
        【版權聲明】本網站所刊載內容
        """
        let a = extract(page)
        #expect(a.headline == "臨川新材聚醯亞胺薄膜項目開工")
        #expect(a.date == .day(Day(year: 2024, month: 3, day: 19)!))
        #expect(a.author == "林佩君")
        #expect(a.body.hasPrefix("3月18日，臨川") && a.body.hasSuffix("約20億元。"))
    }

    @Test func debrisWithoutTonesAndWholeWordGlosses() {
        let page = """
        臨川新材聚醯亞胺薄膜項目開(kai)工
        3月18日，在華東(dong)地區，新闻记者(xīnwénjìzhě)獲悉，項目總投資12億元，GDP(GDP)和5G(5G)配套同步建設。
        """
        let a = extract(page)
        #expect(a.headline == "臨川新材聚醯亞胺薄膜項目開工")
        #expect(a.body == "3月18日，在華東地區，新闻记者獲悉，項目總投資12億元，GDP(GDP)和5G(5G)配套同步建設。")
    }

    @Test(arguments: [
        ("2024 03-20 09:09:51", "2024-03-20"),
        ("28.09.2015 19:43", "2015-09-28"),
        ("18-10-2023", "2023-10-18"),
        ("发布时间: 2024-03-20 信息来源: 临川日报 阅读次数：1234", "2024-03-20"),
        ("日期：2020年04月11日 星期六", "2020-04-11"),
    ])
    func dateForms(line: String, date: String) {
        let a = extract("临川新材聚酰亚胺薄膜项目开工\n\(line)\n\(Self.paragraph1)")
        guard case .day(let d)? = a.date else { Issue.record("no date in \(line)"); return }
        #expect(d.description == date)
        #expect(a.body == Self.paragraph1)
    }

    @Test func aDatePrefixedToTheFirstParagraphIsTheDate() {
        let a = extract(" date 2025-11-19 \(Self.paragraph1)\n\(Self.paragraph2)")
        #expect(a.date == .day(Day(year: 2025, month: 11, day: 19)!))
        #expect(a.headline == "")
        #expect(a.body == Self.paragraph1 + "\n" + Self.paragraph2)
    }

    @Test func monthAndDayTakeTheYearFromThePath() {
        let a = extract("临川新材聚酰亚胺薄膜项目开工\n日期：03-19\n\(Self.paragraph1)", path: "site/2024/page.txt")
        #expect(a.date == .day(Day(year: 2024, month: 3, day: 19)!))
    }

    @Test func noDateFromARelatedLink() {
        let a = extract("临川新材聚酰亚胺薄膜项目开工\n\(Self.paragraph1)\n相关新闻\n2023-05-06 一季度全市工业投资增长两成")
        #expect(a.date == nil)
    }

    @Test(arguments: [
        ("消息来源：临川日报", "临川日报"),
        ("本文来源:临川日报", "临川日报"),
        ("来源：临川日报 阅读次数：1234", "临川日报"),
        ("2024-03-19 来源：临川日报 点击：88 编辑：王明", "临川日报"),
        ("来源:临川日报2024/03/19 14:08:30", "临川日报"),
        ("新华网   2024-03-19 15:21:57", "新华网"),
    ])
    func sourceLabelsAreStrippedAndStopAtTheNextField(line: String, source: String) {
        let a = extract("临川新材聚酰亚胺薄膜项目开工\n\(line)\n\(Self.paragraph1)")
        #expect(a.source == source)
    }

    @Test(arguments: [
        ("【临川日报讯 3月18日】临川新材料项目开工，总投资12亿元，预计明年投产。", "临川日报"),
        ("新华社北京3月18日电（记者张伟）临川新材料项目开工，总投资12亿元。", "新华社"),
        ("（中央社记者林佩君台北18日电）临川新材料项目开工，总投资12亿元。", "中央社"),
        ("本报讯（记者张伟）临川新材料项目开工，总投资12亿元，预计明年投产。", nil),
        ("有媒体报导称临川新材料项目开工，总投资12亿元，预计明年投产。", nil),
    ] as [(String, String?)])
    func theLeadNamesTheAgency(lead: String, source: String?) {
        let a = extract("临川新材聚酰亚胺薄膜项目开工\n\(lead)\n\(Self.paragraph2)")
        #expect(a.source == source)
        #expect(a.body.hasPrefix(String(lead.prefix(6))))
    }

    @Test func aPageWithoutHeadlineKeepsItsFirstParagraph() {
        let a = extract("\(Self.paragraph1)\n\(Self.paragraph2)\n(刘蓉 万兴峰)\n新闻推荐\n一季度全市工业投资增长两成，多个项目集中开工建设，预计全年完成投资百亿元。")
        #expect(a.headline == "")
        #expect(a.body == Self.paragraph1 + "\n" + Self.paragraph2)
    }

    @Test func aHeadlineRepeatedByTheTemplateIsNotBody() {
        let page = """
        临川新材聚酰亚胺薄膜项目开工
        2017-01-26 16:00
        ? 人气
        临川新材聚酰亚胺薄膜项目开工
        记者王晓峰/临川报导
        \(Self.paragraph1)
        本文经授权转自临川日报
        """
        let a = extract(page)
        #expect(a.headline == "临川新材聚酰亚胺薄膜项目开工")
        #expect(a.body == Self.paragraph1)
    }

    /// Normalization lengthens "……" to "......": the credit after it is still cut
    /// off exactly (this looped forever once).
    @Test func aCreditAfterAnEllipsisEnds() {
        let a = extract("临川新材聚酰亚胺薄膜项目开工\n项目稳步推进……队员们冲锋在前。（记者 张伟）")
        #expect(a.body == "项目稳步推进……队员们冲锋在前。")
        #expect(a.author == "张伟")
    }

    @Test func spamAroundTheHeadline() {
        let page = """
        彩神登录|现金官网
        临川新材聚酰亚胺薄膜项目开工******
        \(Self.paragraph1)
        """
        let a = extract(page)
        #expect(a.headline == "临川新材聚酰亚胺薄膜项目开工")
    }

    /// A self-media page: the account's name stands between the headline and the
    /// date line; it is a name, not a subtitle.
    @Test func anAccountNameBetweenHeadlineAndMetaLine() {
        let page = """
        登录 个人中心
        临川新材聚酰亚胺薄膜项目开工，总投资十二亿元预计明年投产
        临川观察家
        发布时间：03-1909:12
        \(Self.paragraph1)
        \(Self.paragraph2)
        """
        let a = extract(page, path: "2024/page.txt")
        #expect(a.headline == "临川新材聚酰亚胺薄膜项目开工，总投资十二亿元预计明年投产")
        #expect(a.body == Self.paragraph1 + "\n" + Self.paragraph2)
    }

    /// A short headline under a banner keeps its place: only a short name under a
    /// much longer heading yields to it.
    @Test func aShortHeadlineUnderABannerStaysTheHeadline() {
        let page = """
        临川新闻网
        新材项目开工
        2024-03-19 09:12  来源：临川日报
        \(Self.paragraph1)
        """
        #expect(extract(page).headline == "新材项目开工")
    }

    /// Share counts, font-size buttons and several meta lines between the headline
    /// and the article do not hide the headline; the columnist's name and
    /// position under an opinion piece's headline (`名字：…`) is not it.
    @Test func countersAndAColumnistsNoteBetweenHeadlineAndMetaLines() {
        let page = """
        首页 国际 财经
        张临川：新材料项目为何扎堆开工
        张临川临川大学经济研究院院长
        分享到：
        12
        35
        2024-03-19 09:12:30
        A
        A+
        来源：临川日报
        最后更新：2024-03-19 09:20:11
        \(Self.paragraph1)
        \(Self.paragraph2)
        """
        let a = extract(page)
        #expect(a.headline == "张临川：新材料项目为何扎堆开工")
        #expect(a.date == .day(Day(year: 2024, month: 3, day: 19)!))
        #expect(a.body == Self.paragraph1 + "\n" + Self.paragraph2)
    }

    /// Reaching past widgets is the last resort: a date line above the headline
    /// still gives the heading below it, not a banner above the widgets.
    @Test func aBannerAboveWidgetsAndTheDateLineIsNotTheHeadline() {
        let page = """
        临川在线新闻门户网站欢迎您
        分享到：
        微信
        微博
        QQ空间
        12
        35
        2024-03-19 09:12  来源：临川日报
        临川新材聚酰亚胺薄膜项目开工
        \(Self.paragraph1)
        \(Self.paragraph2)
        """
        #expect(extract(page).headline == "临川新材聚酰亚胺薄膜项目开工")
    }

    /// The platform an account writes in, glued to the headline's end, is not the
    /// headline's; a headline about the platform keeps its name.
    @Test func aPlatformNameGluedToTheHeadline() {
        let glued = extract("临川新材聚酰亚胺薄膜项目开工的前前后后百家号\n\(Self.paragraph1)\n\(Self.paragraph2)")
        #expect(glued.headline == "临川新材聚酰亚胺薄膜项目开工的前前后后")
        #expect(glued.body == Self.paragraph1 + "\n" + Self.paragraph2)
        let about = extract("临川新材料有限公司今日正式入驻百家号\n3月18日，临川新材料有限公司入驻百家号，将发布项目进展，总投资12亿元。")
        #expect(about.headline == "临川新材料有限公司今日正式入驻百家号")
    }

    // MARK: Through the ingestor: site furniture and the safety net

    /// A line that no rule knows ("临川在线 欢迎您的光临") is furniture when most
    /// pages of the folder carry it, and kept when a page stands alone.
    @Test func linesRepeatedAcrossASitesPagesAreFurniture() throws {
        let dir = try TempDir()
        let topics = ["聚酰亚胺薄膜", "锂电池隔膜", "光伏玻璃"]
        for (i, topic) in topics.enumerated() {
            try dir.write("site/\(i).txt", """
            临川在线 欢迎您的光临
            临川\(topic)项目开工
            2024-03-1\(i)
            3月1\(i)日，临川\(topic)项目在高新区开工，总投资12亿元，预计明年投产，年产值约20亿元。
            """)
        }
        let (articles, _) = try ingest([dir.path + "/site"])
        #expect(articles.count == 3)
        for a in articles { #expect(!a.body.contains("欢迎您的光临") && a.headline.hasSuffix("项目开工")) }
        let alone = try dir.write("alone/page.txt", "临川在线 欢迎您的光临\n\(Self.paragraph1)")
        let (single, _) = try ingest([alone])
        #expect(single.first?.body.contains("3月18日") == true)
    }

    /// When the rules would drop most of a page's text, the text is kept and the
    /// user is told which file.
    @Test func mostOfThePageDroppedKeepsItAndWarns() throws {
        let dir = try TempDir()
        let page = (1 ... 6).map { "临川新材料\($0)号项目推进顺利，总投资12亿元，预计明年投产，年产值约20亿元。" }.joined(separator: "\n")
        for i in 0 ..< 3 { try dir.write("site/\(i).txt", page) }
        let (articles, ingestor) = try ingest([dir.path + "/site"])
        #expect(articles.count == 3)
        for a in articles { #expect(a.body.split(separator: "\n").count == 6) }
        #expect(ingestor.issues.filter { $0.severity == .warning && $0.message.contains("furniture") }.count == 3)
        #expect(ingestor.issues.allSatisfy { $0.location.hasPrefix(dir.path) })
    }
}
