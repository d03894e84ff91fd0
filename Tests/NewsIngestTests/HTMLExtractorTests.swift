import Foundation
import Testing
import TestSupport
import NewsText
@testable import NewsIngest

/// Web pages written for these tests, each imitating one kind of page that
/// crawlers save (none is copied from a real site; the county, companies and
/// figures are invented).
@Suite struct HTMLExtractorTests {
    let extractor: HTMLExtractor
    init() throws { extractor = HTMLExtractor(table: try CharacterTable.shared()) }

    func extract(_ html: String, path: String = "page.html") -> HTMLExtractor.Extracted {
        extractor.extract(html, path: path)
    }

    static let headline = "临川县5万吨锂电池隔膜项目开工 总投资18.6亿元"
    static let paragraph1 = "3月18日，临川县高新区年产5万吨锂电池隔膜项目正式开工，项目总投资18.6亿元，由江西临川新能材料有限公司投资建设。"
    static let paragraph2 = "据介绍，项目分两期建设，一期占地320亩，建设12条湿法隔膜生产线，预计2025年6月建成投产，达产后年产值可达24亿元。"
    static let paragraph3 = "今年以来，临川县围绕新能源产业链精准招商，已签约亿元以上项目27个，总投资156亿元，同比增长31.5%。"
    static let paragraph4 = "县委书记李建华表示，将全力做好要素保障，推动项目早开工、早投产、早见效，带动上下游企业在临川集聚发展。"

    static func lines(_ body: String) -> [String] {
        body.split(separator: "\n").map(String.init)
    }

    /// A body of four paragraphs under a `<div class="article-content">`, for pages
    /// whose subject is something around the article.
    static let articleDiv = """
    <div class="article-content">
    <p>\(paragraph1)</p>
    <p>\(paragraph2)</p>
    <p>\(paragraph3)</p>
    <p>\(paragraph4)</p>
    </div>
    """

    // MARK: 1. A portal page

    static let portalPage = """
    <!DOCTYPE html>
    <html lang="zh-CN">
    <head>
    <meta charset="utf-8">
    <title>\(headline)_临川新闻网</title>
    <meta name="keywords" content="临川县,锂电池隔膜,招商引资">
    <link rel="canonical" href="https://www.linchuan-news.example/2024/0319/a1024.html">
    <link rel="stylesheet" href="/css/main.css">
    </head>
    <body>
    <div class="top-nav">
      <ul>
        <li><a href="/">首页</a></li><li><a href="/news/">新闻中心</a></li><li><a href="/finance/">财经</a></li>
        <li><a href="/county/">县区动态</a></li><li><a href="/video/">视频</a></li><li><a href="/epaper/">数字报</a></li>
      </ul>
    </div>
    <div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/finance/">财经</a> &gt; 正文</div>
    <div class="main-wrap">
      <div class="article-head">
        <h1>\(headline)</h1>
        <div class="info"><span class="time">2024-03-19 09:12</span>　<span class="source">来源：临川日报</span></div>
        <div class="share-bar">分享到：<a href="#">微信</a><a href="#">微博</a><a href="#">QQ空间</a></div>
      </div>
      <div class="article-content">
        <p>\(paragraph1)</p>
        <p>\(paragraph2)</p>
        <p>\(paragraph3)</p>
        <p>\(paragraph4)</p>
        <p class="editor">（责任编辑：王明）</p>
      </div>
      <div class="related-news">
        <h3>相关新闻</h3>
        <ul>
          <li><a href="/2024/0315/a0998.html">临川县一季度工业投资增长两成，新能源项目加速落地</a></li>
          <li><a href="/2024/0310/a0951.html">临川高新区举行重点项目集中签约仪式，签约金额超80亿元</a></li>
          <li><a href="/2024/0302/a0907.html">江西临川新能材料有限公司获评省级专精特新企业</a></li>
        </ul>
      </div>
      <div class="comment-box">
        <h3>网友评论</h3>
        <textarea>请输入您的评论</textarea>
        <p>已有0人参与评论，请遵守互联网相关政策法规，文明发言。</p>
      </div>
    </div>
    <div class="footer">
      <p>版权所有：临川新闻网　未经书面授权，不得转载、摘编或建立镜像。</p>
      <p>赣ICP备00000000号-1　赣公网安备36000000000000号</p>
    </div>
    </body>
    </html>
    """

    @Test func portalPageKeepsTheArticleOnly() {
        let a = extract(Self.portalPage)
        #expect(a.isArticle)
        #expect(a.page.headline == Self.headline)
        #expect(a.page.date == .day(Day(year: 2024, month: 3, day: 19)!))
        #expect(a.page.source == "临川日报")
        #expect(a.url == "https://www.linchuan-news.example/2024/0319/a1024.html")
        let lines = Self.lines(a.page.body)
        #expect(lines.first == Self.paragraph1)
        #expect(lines.last == Self.paragraph4)
        #expect(lines.count == 4, "\(lines)")
        for furniture in ["首页", "新闻中心", "当前位置", "分享到", "微信", "QQ空间", "责任编辑", "王明", "相关新闻",
                          "一季度工业投资", "集中签约仪式", "网友评论", "参与评论", "版权所有", "ICP", "公网安备",
                          "2024-03-19", "来源", Self.headline] {
            #expect(!a.page.body.contains(furniture), "body holds \(furniture)")
        }
    }

    // MARK: 2. Broken markup

    @Test func brokenNestingStillGivesTheParagraphs() {
        let html = """
        <html><head><title>\(Self.headline)_临川新闻网</title></head>
        <body>
        <div class="nav"><a href="/">首页</a> <a href="/finance/">财经</a></div>
        <div id="wrapper">
        <h1>\(Self.headline)</h1>
        <div class="info">2024-03-19 09:12 来源：临川日报</div>
        <div class="article-content">
        <p>\(Self.paragraph1)
        <p><b><i>据介绍，</b></i>项目分两期建设，一期占地320亩，建设12条湿法隔膜生产线，预计2025年6月建成投产，达产后年产值可达24亿元。
        <p><span>\(Self.paragraph3)
        <p>\(Self.paragraph4)</span>
        </div></div>
        </div>
        <div class="footer">版权所有：临川新闻网　赣ICP备00000000号-1</div>
        </body></html>
        """
        let a = extract(html)
        #expect(a.page.headline == Self.headline)
        #expect(a.page.date == .day(Day(year: 2024, month: 3, day: 19)!))
        let lines = Self.lines(a.page.body)
        #expect(lines == [Self.paragraph1, Self.paragraph2, Self.paragraph3, Self.paragraph4])
        #expect(!a.page.body.contains("<") && !a.page.body.contains(">"))
        #expect(!a.page.body.contains("版权所有") && !a.page.body.contains("首页"))
    }

    // MARK: 3 and 4. Encodings

    @Test func utf8PageDeclaringGB2312IsReadAsUTF8() throws {
        let html = """
        <html><head>
        <meta http-equiv="Content-Type" content="text/html; charset=gb2312">
        <title>\(Self.headline)_临川新闻网</title>
        </head><body>
        <h1>\(Self.headline)</h1>
        <div class="info">2024-03-19 09:12 来源：临川日报</div>
        \(Self.articleDiv)
        </body></html>
        """
        guard case let .success(decoded) = try FileDecoder.decodeMarkup(Array(html.utf8)) else {
            Issue.record("UTF-8 page declaring gb2312 did not decode")
            return
        }
        #expect(decoded.encoding == "UTF-8")
        #expect(decoded.text == html)
        let a = extract(decoded.text)
        #expect(a.page.headline == Self.headline)
        #expect(Self.lines(a.page.body).first == Self.paragraph1)
        #expect(Self.lines(a.page.body).last == Self.paragraph4)
    }

    /// GBK bytes written out here (made once with iconv) so the test needs no
    /// encoder. 喆 (0x86B4) is in GBK but not in GB2312.
    static let gbkHeadline = "临川喆达光伏组件项目投产"
    static let gbkParagraph1 = "3月20日，临川喆达新能源有限公司年产2吉瓦光伏组件项目在县工业园区正式投产，项目总投资9.8亿元。"
    static let gbkParagraph2 = "项目达产后年产值约30亿元，可带动当地就业600余人。"
    static let gbkHeadlineBytes: [UInt8] = [
        0xc1, 0xd9, 0xb4, 0xa8, 0x86, 0xb4, 0xb4, 0xef, 0xb9, 0xe2, 0xb7, 0xfc, 0xd7, 0xe9, 0xbc, 0xfe, 0xcf, 0xee,
        0xc4, 0xbf, 0xcd, 0xb6, 0xb2, 0xfa,
    ]
    static let gbkParagraph1Bytes: [UInt8] = [
        0x33, 0xd4, 0xc2, 0x32, 0x30, 0xc8, 0xd5, 0xa3, 0xac, 0xc1, 0xd9, 0xb4, 0xa8, 0x86, 0xb4, 0xb4, 0xef, 0xd0,
        0xc2, 0xc4, 0xdc, 0xd4, 0xb4, 0xd3, 0xd0, 0xcf, 0xde, 0xb9, 0xab, 0xcb, 0xbe, 0xc4, 0xea, 0xb2, 0xfa, 0x32,
        0xbc, 0xaa, 0xcd, 0xdf, 0xb9, 0xe2, 0xb7, 0xfc, 0xd7, 0xe9, 0xbc, 0xfe, 0xcf, 0xee, 0xc4, 0xbf, 0xd4, 0xda,
        0xcf, 0xd8, 0xb9, 0xa4, 0xd2, 0xb5, 0xd4, 0xb0, 0xc7, 0xf8, 0xd5, 0xfd, 0xca, 0xbd, 0xcd, 0xb6, 0xb2, 0xfa,
        0xa3, 0xac, 0xcf, 0xee, 0xc4, 0xbf, 0xd7, 0xdc, 0xcd, 0xb6, 0xd7, 0xca, 0x39, 0x2e, 0x38, 0xd2, 0xda, 0xd4,
        0xaa, 0xa1, 0xa3,
    ]
    static let gbkParagraph2Bytes: [UInt8] = [
        0xcf, 0xee, 0xc4, 0xbf, 0xb4, 0xef, 0xb2, 0xfa, 0xba, 0xf3, 0xc4, 0xea, 0xb2, 0xfa, 0xd6, 0xb5, 0xd4, 0xbc,
        0x33, 0x30, 0xd2, 0xda, 0xd4, 0xaa, 0xa3, 0xac, 0xbf, 0xc9, 0xb4, 0xf8, 0xb6, 0xaf, 0xb5, 0xb1, 0xb5, 0xd8,
        0xbe, 0xcd, 0xd2, 0xb5, 0x36, 0x30, 0x30, 0xd3, 0xe0, 0xc8, 0xcb, 0xa1, 0xa3,
    ]

    @Test func gbkPageIsDecodedByItsDeclaration() throws {
        var bytes = Array("<html><head><meta charset=\"gbk\"><title>".utf8) + Self.gbkHeadlineBytes
        bytes += Array("</title></head><body>\n<h1>".utf8) + Self.gbkHeadlineBytes
        bytes += Array("</h1>\n<div class=\"info\">2024-03-21 08:00</div>\n<div class=\"article-content\">\n<p>".utf8)
        bytes += Self.gbkParagraph1Bytes + Array("</p>\n<p>".utf8) + Self.gbkParagraph2Bytes
        bytes += Array("</p>\n</div>\n</body></html>\n".utf8)
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the fixture must not be valid UTF-8")

        guard case let .success(decoded) = try FileDecoder.decodeMarkup(bytes) else {
            Issue.record("GBK page did not decode")
            return
        }
        #expect(decoded.encoding == "GB18030")
        #expect(decoded.text.contains(Self.gbkHeadline))
        let a = extract(decoded.text)
        #expect(a.page.headline == Self.gbkHeadline)
        #expect(a.page.date == .day(Day(year: 2024, month: 3, day: 21)!))
        #expect(Self.lines(a.page.body) == [Self.gbkParagraph1, Self.gbkParagraph2])
    }

    // MARK: 5. What the page states for machines

    /// A page with no `<h1>` and no visible date: only `<head>` says when.
    static func pageWithMeta(_ head: String, title: String) -> String {
        """
        <html><head>
        <meta charset="utf-8">
        <title>\(title)</title>
        \(head)
        </head><body>
        <div class="nav"><a href="/">首页</a> <a href="/county/">县区动态</a></div>
        \(articleDiv)
        </body></html>
        """
    }

    @Test(arguments: [
        ("2024-03-19T01:30:00Z", Day(year: 2024, month: 3, day: 19)!),
        // 18:30 UTC is 02:30 the next morning in China.
        ("2024-03-19T18:30:00Z", Day(year: 2024, month: 3, day: 20)!),
        ("2024-03-19T23:10:00+08:00", Day(year: 2024, month: 3, day: 19)!),
    ])
    func publishedTimeMetaGivesTheDayInChina(raw: String, day: Day) {
        let html = Self.pageWithMeta("<meta property=\"article:published_time\" content=\"\(raw)\">",
                                     title: "\(Self.headline)_临川新闻网")
        let a = extract(html)
        #expect(a.page.date == .day(day))
        #expect(a.page.headline == Self.headline)
        #expect(Self.lines(a.page.body).first == Self.paragraph1)
    }

    @Test func jsonLDNewsArticleGivesHeadlineDateAndPublisher() {
        let jsonLD = """
        <script type="application/ld+json">
        {"@context": "https://schema.org", "@type": "NewsArticle",
         "headline": "\(Self.headline)",
         "datePublished": "2024-03-19T09:12:00+08:00",
         "publisher": {"@type": "Organization", "name": "临川日报"}}
        </script>
        """
        let a = extract(Self.pageWithMeta(jsonLD, title: "临川新闻网"))
        #expect(a.page.headline == Self.headline)
        #expect(a.page.date == .day(Day(year: 2024, month: 3, day: 19)!))
        #expect(a.page.source == "临川日报")
        #expect(Self.lines(a.page.body) == [Self.paragraph1, Self.paragraph2, Self.paragraph3, Self.paragraph4])
        #expect(!a.page.body.contains("schema.org") && !a.page.body.contains("NewsArticle"))
    }

    @Test func titleWithoutH1LosesTheSiteSuffix() {
        let a = extract(Self.pageWithMeta("", title: "临川县新增两家省级专精特新企业_临川新闻网"))
        #expect(a.page.headline == "临川县新增两家省级专精特新企业")
        #expect(Self.lines(a.page.body).first == Self.paragraph1)
        #expect(Self.lines(a.page.body).last == Self.paragraph4)
    }

    // MARK: 6. No article

    @Test func listPageIsNoArticle() {
        let items = [
            "临川县一季度工业投资增长两成", "临川高新区重点项目集中签约超80亿元", "临川新能材料获评省级专精特新企业",
            "临川县召开优化营商环境推进会", "临川县春季招聘会提供岗位3200个", "临川县农产品加工园二期开工",
            "临川县新增规上工业企业15家", "临川县光伏组件项目首批产品下线",
        ]
        let list = items.enumerated().map { i, t in
            "<li><a href=\"/county/2024/03/\(100 + i).html\">\(t)</a><span>2024-03-\(10 + i)</span></li>"
        }.joined(separator: "\n")
        let description = "临川新闻网县域经济频道，报道临川县工业、招商、项目建设等经济社会发展动态。"
        let html = """
        <html><head><meta charset="utf-8"><title>县域经济_临川新闻网</title>
        <meta name="description" content="\(description)">
        </head><body>
        <div class="nav"><a href="/">首页</a> <a href="/county/">县域经济</a> <a href="/video/">视频</a></div>
        <div class="list"><ul>
        \(list)
        </ul></div>
        <div class="pages"><a href="?p=1">1</a> <a href="?p=2">2</a> <a href="?p=3">下一页</a></div>
        <div class="footer">版权所有：临川新闻网</div>
        </body></html>
        """
        let a = extract(html)
        #expect(!a.isArticle)
        #expect(a.page.headline == "县域经济")
        #expect(a.page.body == description)
    }

    // MARK: 7. Script only

    static let scriptPage = """
    <!DOCTYPE html>
    <html><head><meta charset="utf-8">
    <script src="/js/app.3f9c2.js"></script>
    </head>
    <body>
    <div id="app"></div>
    <script>
    window.__INITIAL_STATE__ = {"article": {"title": "临川县光伏组件项目投产", "content": "<p>3月20日，临川县年产2吉瓦光伏组件项目正式投产，项目总投资9.8亿元。</p><p>项目达产后年产值约30亿元。</p>"}};
    document.getElementById("app").innerHTML = window.__INITIAL_STATE__.article.content;
    </script>
    </body></html>
    """

    @Test func scriptOnlyPageYieldsNoScriptText() throws {
        let a = extract(Self.scriptPage)
        #expect(!a.isArticle)
        for field in [a.page.headline, a.page.body, a.page.source ?? "", a.page.author ?? ""] {
            for leak in ["光伏组件", "__INITIAL_STATE__", "innerHTML", "window", "<p>", "{"] {
                #expect(!field.contains(leak), "\(field) holds \(leak)")
            }
        }

        let dir = try TempDir()
        let path = try dir.write("app.html", Self.scriptPage)
        let (articles, ingestor) = try ingest([path])
        for article in articles {
            #expect(!article.headline.contains("光伏") && !article.body.contains("光伏") && !article.body.contains("<"),
                    "\(article)")
        }
        #expect(articles.isEmpty || ingestor.warningCount > 0)
        let issue = try #require(ingestor.issues.first, "no issue reported for a page without an article")
        #expect(issue.location == path)
        #expect(issue.description.contains("app.html"))
    }

    // MARK: 8. What is never shown

    @Test func hiddenElementsStylesNoscriptAndCommentsStayOut() {
        let html = """
        <html><head><title>\(Self.headline)_临川新闻网</title>
        <style>.article-content p { text-indent: 2em; } /* 正文样式：首行缩进两字符。 */</style>
        </head><body>
        <h1>\(Self.headline)</h1>
        <div class="info">2024-03-19 09:12 来源：临川日报</div>
        <noscript>您的浏览器不支持JavaScript，请开启后浏览本站完整内容，谢谢合作。</noscript>
        <div class="article-content">
        <style>.hl { color: red; } /* 高亮样式，请勿删除。 */</style>
        <p>\(Self.paragraph1)</p>
        <p style="display: none">内部备注：本稿件数据尚待县统计局核实，请勿对外发布，核实后再行修改。</p>
        <p>据介绍，项目分两期建设，<!-- 此处删除了一句话，原稿称占地三百亩。 -->一期占地320亩，建设12条湿法隔膜生产线，预计2025年6月建成投产，达产后年产值可达24亿元。</p>
        <div hidden>临川新闻网版权所有，转载请注明出处，违者必究，本段文字仅供爬虫识别。</div>
        <p>\(Self.paragraph3)<span style="visibility:hidden">隐藏水印：临川新闻网独家稿件。</span></p>
        <noscript><p>请开启JavaScript以查看本文的图片集和视频内容，感谢您的支持。</p></noscript>
        <!-- <p>旧版本段落：该项目原计划总投资十五亿元，后经调整增加投资。</p> -->
        <p>\(Self.paragraph4)</p>
        </div>
        </body></html>
        """
        let a = extract(html)
        #expect(a.page.headline == Self.headline)
        #expect(Self.lines(a.page.body) == [Self.paragraph1, Self.paragraph2, Self.paragraph3, Self.paragraph4])
        for hidden in ["内部备注", "核实", "爬虫", "水印", "JavaScript", "text-indent", "color", "样式", "旧版本", "三百亩", "原计划"] {
            #expect(!a.page.body.contains(hidden), "body holds \(hidden)")
        }
    }

    // MARK: 9. Lines

    @Test func paragraphsAndLineBreaksBecomeLines() {
        let html = """
        <html><head><title>\(Self.headline)_临川新闻网</title></head><body>
        <h1>\(Self.headline)</h1>
        <div class="info">2024-03-19 09:12 来源：临川日报</div>
        <div class="article-content">
        <p>\(Self.paragraph1)</p><p>\(Self.paragraph2)<br>\(Self.paragraph3)<br/>
        \(Self.paragraph4)</p>
        </div>
        </body></html>
        """
        let a = extract(html)
        #expect(Self.lines(a.page.body) == [Self.paragraph1, Self.paragraph2, Self.paragraph3, Self.paragraph4])
        #expect(a.page.body == [Self.paragraph1, Self.paragraph2, Self.paragraph3, Self.paragraph4].joined(separator: "\n"))
    }

    // MARK: 10. Through the ingestor

    @Test func ingestorReadsHTMLBesideText() throws {
        let dir = try TempDir()
        let htmlPath = try dir.write("pages/a1024.html", Self.portalPage)
        let textHeadline = "临川县农产品加工园二期开工"
        let textPage = """
        当前位置：首页 > 县域经济 > 正文
        \(textHeadline)
        2024-03-22 10:05  来源：临川日报
        3月21日，临川县农产品加工园二期项目开工，总投资6.5亿元，建设冷链物流中心和果蔬深加工车间。
        项目建成后可年加工果蔬12万吨，带动周边5000余户农户增收，预计年产值超过10亿元。
        """
        let textPath = try dir.write("pages/b2048.txt", textPage)
        let (articles, ingestor) = try ingest([dir.path])
        #expect(ingestor.issues.filter { $0.severity == .skipped }.isEmpty, "\(ingestor.issues)")
        #expect(articles.count == 2)
        let html = try #require(articles.first { $0.location == htmlPath }, "\(articles.map(\.location))")
        #expect(html.headline == Self.headline)
        #expect(html.date == Day(year: 2024, month: 3, day: 19))
        #expect(html.source == "临川日报")
        #expect(html.url == "https://www.linchuan-news.example/2024/0319/a1024.html")
        #expect(Self.lines(html.body).first == Self.paragraph1)
        #expect(Self.lines(html.body).last == Self.paragraph4)
        #expect(!html.body.contains("<") && !html.body.contains("责任编辑"))
        let text = try #require(articles.first { $0.location == textPath })
        #expect(text.headline == textHeadline)
        #expect(text.date == Day(year: 2024, month: 3, day: 22))
    }
}
