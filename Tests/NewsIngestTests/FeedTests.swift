import Foundation
import Testing
import TestSupport
import NewsText
@testable import NewsIngest

/// Feeds written for these tests (no real site's): RSS 2.0, Atom, RSS 1.0,
/// and JSON Lines records that carry a whole page.
@Suite struct FeedTests {
    static let p1 = "6月9日，临川新材料有限公司与鲁辰化工在高新区签约，总投资12亿元，建设年产3000吨聚酰亚胺薄膜项目。"
    static let p2 = "据介绍，项目达产后年产值约20亿元，产品主要供应柔性显示和新能源汽车产业链。"
    static let p3 = "记者从临川国际陆港获悉，今年以来中欧班列（临川）累计开行突破500列，同比增长18%，货值超过30亿元。"
    static let p4 = "班列主要出口机电产品、汽车配件和日用百货，回程运输木材和粮食，服务“一带一路”沿线贸易。"

    static let rss = """
    <?xml version="1.0" encoding="UTF-8"?>
    <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel>
    <title>临川财经网</title>
    <link>https://news.example.cn/</link>
    <description>临川经济新闻</description>
    <item>
    <title>临川新材&amp;鲁辰化工签约 总投资12亿元</title>
    <link>https://news.example.cn/2025/06/10/a1.html</link>
    <guid isPermaLink="false">a1</guid>
    <pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate>
    <author>wang@example.cn (王明)</author>
    <description>摘要不用</description>
    <content:encoded><![CDATA[<p>\(p1)</p><p>\(p2)</p><div class="share">分享到：微信 微博</div>]]></content:encoded>
    </item>
    <item>
    <title>&#x4E2D;欧班列（临川）今年开行突破500列</title>
    <link>/2025/06/11/a2.html</link>
    <pubDate>Tue, 10 Jun 2025 23:30:00 -0500</pubDate>
    <dc:creator>李华</dc:creator>
    <description>&lt;p&gt;\(p3)&lt;/p&gt;&lt;p&gt;\(p4.replacingOccurrences(of: "“", with: "&amp;ldquo;").replacingOccurrences(of: "”", with: "&amp;rdquo;"))&lt;/p&gt;</description>
    </item>
    <item>
    <title>临川港一季度货物吞吐量增长6%</title>
    <link>https://news.example.cn/2025/06/11/a3.html</link>
    <pubDate>Tue, 10 Jun 2025 20:00:00 GMT</pubDate>
    <source url="https://paper.example.cn/">临川日报</source>
    <description>临川港一季度完成货物吞吐量1.2亿吨，同比增长6%。

      集装箱吞吐量达到45万标箱，同比增长9%。</description>
    </item>
    </channel>
    </rss>
    """

    @Test func rssItemsWithCDATAEscapedHTMLAndEntities() throws {
        let dir = try TempDir()
        let path = try dir.write("linchuan.rss", Self.rss)
        let (articles, ingestor) = try ingest([path])
        #expect(ingestor.issues.isEmpty, "\(ingestor.issues)")
        #expect(articles.count == 3)
        guard articles.count == 3 else { return }

        let a = articles[0]
        #expect(a.headline == "临川新材&鲁辰化工签约 总投资12亿元")
        #expect(a.body == Self.p1 + "\n" + Self.p2)
        #expect(a.date == Day(year: 2025, month: 6, day: 10))
        #expect(a.source == "临川财经网")
        #expect(a.author == "王明")
        #expect(a.url == "https://news.example.cn/2025/06/10/a1.html" && a.id == a.url)
        #expect(a.location == path + "#1")

        let b = articles[1]
        #expect(b.headline == "中欧班列（临川）今年开行突破500列")
        #expect(b.body == Self.p3 + "\n" + Self.p4)
        // 23:30 at -05:00 is 12:30 the next day in Beijing.
        #expect(b.date == Day(year: 2025, month: 6, day: 11))
        #expect(b.url == "https://news.example.cn/2025/06/11/a2.html")
        #expect(b.author == "李华")
        #expect(b.location == path + "#2")

        let c = articles[2]
        #expect(c.body == "临川港一季度完成货物吞吐量1.2亿吨，同比增长6%。\n集装箱吞吐量达到45万标箱，同比增长9%。")
        // 20:00 GMT is 04:00 the next day in Beijing.
        #expect(c.date == Day(year: 2025, month: 6, day: 11))
        #expect(c.source == "临川日报")
    }

    @Test func rfc822AndISODates() {
        let cases: [(String, Day?)] = [
            ("Tue, 10 Jun 2025 04:00:00 GMT", Day(year: 2025, month: 6, day: 10)),
            ("Tue, 10 Jun 2025 16:30:00 GMT", Day(year: 2025, month: 6, day: 11)),
            ("Tue, 10 Jun 2025 00:30:00 +0800", Day(year: 2025, month: 6, day: 10)),
            ("Tue, 10 Jun 2025 23:59:59 +0800", Day(year: 2025, month: 6, day: 10)),
            ("Wed, 31 Dec 2025 23:00:00 +0000", Day(year: 2026, month: 1, day: 1)),
            ("Tue, 10 Jun 2025 09:00:00 CST", Day(year: 2025, month: 6, day: 10)),
            ("Tue, 10 Jun 2025 20:00:00 +08:00", Day(year: 2025, month: 6, day: 10)),
            ("10 June 2025 18:00 GMT", Day(year: 2025, month: 6, day: 11)),
            ("Tue, 10 Jun 25 16:00:00 GMT", Day(year: 2025, month: 6, day: 11)),
            ("Tue, 10 Jun 2025", Day(year: 2025, month: 6, day: 10)),
            ("Tue, 10 Jun 2025 23:00:00", Day(year: 2025, month: 6, day: 10)),
            ("2025-06-10T20:00:00Z", Day(year: 2025, month: 6, day: 11)),
            ("2025-06-10T20:00:00+08:00", Day(year: 2025, month: 6, day: 10)),
            ("Tue, 31 Jun 2025 04:00:00 GMT", nil),
            ("不是日期", nil),
        ]
        for (raw, day) in cases {
            #expect(FeedReader.day(fromFeedDate: raw) == day, "\(raw)")
        }
    }

    @Test func atomEntriesWithHTMLAndXHTMLContent() throws {
        let dir = try TempDir()
        let path = try dir.write("news.atom", """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title type="text">鲁中产经</title>
          <link rel="self" href="https://lz.example.cn/atom.xml"/>
          <link href="https://lz.example.cn/"/>
          <id>urn:lz:feed</id>
          <updated>2025-06-12T08:00:00+08:00</updated>
          <entry>
            <title type="html">淄博&lt;b&gt;新材料&lt;/b&gt;产业园开园</title>
            <link rel="self" href="https://lz.example.cn/api/e1"/>
            <link rel="alternate" type="text/html" href="https://lz.example.cn/e1.html"/>
            <id>tag:lz.example.cn,2025:e1</id>
            <published>2025-06-10T18:30:00Z</published>
            <updated>2025-06-12T01:00:00Z</updated>
            <author><name>赵强</name></author>
            <summary>不用的摘要</summary>
            <content type="html">&lt;p&gt;\(Self.p1)&lt;/p&gt;&lt;p&gt;\(Self.p2)&lt;/p&gt;</content>
          </entry>
          <entry>
            <title>淄博高新区半导体项目投产</title>
            <link href="e2.html"/>
            <id>tag:lz.example.cn,2025:e2</id>
            <updated>2025-06-09T10:00:00+08:00</updated>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>\(Self.p3)</p><p>\(Self.p4)</p></div></content>
          </entry>
          <entry>
            <title>只有摘要的条目</title>
            <id>tag:lz.example.cn,2025:e3</id>
            <updated>2025-06-08</updated>
            <summary>淄博市一季度规上工业增加值同比增长7.1%。</summary>
          </entry>
        </feed>
        """)
        let (articles, ingestor) = try ingest([path])
        #expect(ingestor.issues.isEmpty, "\(ingestor.issues)")
        #expect(articles.count == 3)
        guard articles.count == 3 else { return }
        let a = articles[0]
        #expect(a.headline == "淄博新材料产业园开园")
        #expect(a.body == Self.p1 + "\n" + Self.p2)
        #expect(a.url == "https://lz.example.cn/e1.html")
        #expect(a.date == Day(year: 2025, month: 6, day: 11))  // published wins over updated; 18:30 UTC is the next day in Beijing
        #expect(a.author == "赵强")
        #expect(a.source == "鲁中产经")
        let b = articles[1]
        #expect(b.body == Self.p3 + "\n" + Self.p4)
        #expect(b.url == "https://lz.example.cn/e2.html")
        #expect(b.date == Day(year: 2025, month: 6, day: 9))
        let c = articles[2]
        #expect(c.body == "淄博市一季度规上工业增加值同比增长7.1%。")
        #expect(c.url == nil && c.id.hasPrefix("h"))
        #expect(c.date == Day(year: 2025, month: 6, day: 8))
    }

    @Test func aRepeatedItemReplacesTheEarlierOne() throws {
        let dir = try TempDir()
        let path = try dir.write("updates.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>临川财经网</title>
        <item><guid>g1</guid><title>临川新材项目签约（初稿）</title><link>https://e.example.cn/g1</link><description>初稿正文。</description></item>
        <item><guid>g2</guid><title>临川港吞吐量增长</title><link>https://e.example.cn/g2</link><description>吞吐量正文。</description></item>
        <item><title>没有guid的旧版</title><link>https://e.example.cn/g3</link><description>旧版正文。</description></item>
        <item><guid>g1</guid><title>临川新材项目签约 总投资12亿元</title><link>https://e.example.cn/g1</link><description>终稿正文。</description></item>
        <item><title>没有guid的新版</title><link>https://e.example.cn/g3</link><description>新版正文。</description></item>
        </channel></rss>
        """)
        let (articles, ingestor) = try ingest([path])
        #expect(ingestor.issues.isEmpty, "\(ingestor.issues)")
        #expect(articles.map(\.headline) == ["临川港吞吐量增长", "临川新材项目签约 总投资12亿元", "没有guid的新版"])
        #expect(articles.map(\.body) == ["吞吐量正文。", "终稿正文。", "新版正文。"])
        #expect(articles.map(\.location) == [path + "#2", path + "#4", path + "#5"])
    }

    @Test func rdfFeed() throws {
        let dir = try TempDir()
        let path = try dir.write("rdf.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                 xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel rdf:about="https://rdf.example.cn/">
            <title>临川经济日报</title>
            <link>https://rdf.example.cn/</link>
          </channel>
          <item rdf:about="https://rdf.example.cn/r1.html">
            <title>临川光伏组件出口增长三成</title>
            <link>https://rdf.example.cn/r1.html</link>
            <dc:date>2025-06-10T09:00:00+08:00</dc:date>
            <dc:creator>孙丽</dc:creator>
            <description>今年前5个月，临川光伏组件出口额同比增长31%。</description>
          </item>
        </rdf:RDF>
        """)
        let (articles, ingestor) = try ingest([path])
        #expect(ingestor.issues.isEmpty, "\(ingestor.issues)")
        #expect(articles.count == 1)
        let a = try #require(articles.first)
        #expect(a.headline == "临川光伏组件出口增长三成")
        #expect(a.body == "今年前5个月，临川光伏组件出口额同比增长31%。")
        #expect(a.date == Day(year: 2025, month: 6, day: 10))
        #expect(a.source == "临川经济日报" && a.author == "孙丽")
        #expect(a.url == "https://rdf.example.cn/r1.html" && a.location == path + "#1")
    }

    @Test func tenThousandItems() throws {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>临川快讯</title>\n"
        for i in 1 ... 10_000 {
            xml += "<item><title>临川快讯第\(i)条</title><link>https://k.example.cn/\(i)</link>"
            xml += "<pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate>"
            xml += "<description>&lt;p&gt;临川高新区第\(i)个项目签约，总投资\(i)亿元，预计明年投产。&lt;/p&gt;</description></item>\n"
        }
        xml += "</channel></rss>\n"
        let dir = try TempDir()
        let path = try dir.write("big.xml", xml)
        let (articles, ingestor) = try ingest([path])
        #expect(ingestor.issues.isEmpty)
        #expect(articles.count == 10_000)
        #expect(articles.first?.headline == "临川快讯第1条")
        #expect(articles.last?.headline == "临川快讯第10000条")
        #expect(articles.last?.body == "临川高新区第10000个项目签约，总投资10000亿元，预计明年投产。")
        #expect(articles.last?.location == path + "#10000")
        #expect(Set(articles.map(\.id)).count == 10_000)
    }

    @Test func anXMLFileThatIsNoFeedIsSkipped() throws {
        let dir = try TempDir()
        let path = try dir.write("sitemap.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://e.example.cn/1</loc></url></urlset>
        """)
        let (articles, ingestor) = try ingest([path])
        #expect(articles.isEmpty)
        #expect(ingestor.skippedCount == 1)
        #expect(ingestor.issues == [IngestIssue(.skipped, path, "not an RSS or Atom feed: the root element is <urlset>")])
    }

    @Test func aFeedFileOfPlainTextIsSkipped() throws {
        let dir = try TempDir()
        let path = try dir.write("notes.rss", "临川港一季度货物吞吐量同比增长6%。\n")
        let (articles, ingestor) = try ingest([path])
        #expect(articles.isEmpty)
        #expect(ingestor.issues == [IngestIssue(.skipped, path, "not an RSS or Atom feed: no XML element found")])
    }

    @Test func anXHTMLPageSavedAsXMLIsReadAsAPage() throws {
        let dir = try TempDir()
        let path = try dir.write("page.xml", """
        <?xml version="1.0" encoding="UTF-8"?>
        <html xmlns="http://www.w3.org/1999/xhtml"><head><title>临川新材签约</title></head><body>
        <h1>临川新材签约</h1><div class="article"><p>\(Self.p1)</p><p>\(Self.p2)</p></div></body></html>
        """)
        let (articles, ingestor) = try ingest([path])
        #expect(ingestor.issues.isEmpty, "\(ingestor.issues)")
        #expect(articles.map(\.location) == [path])
        #expect(articles.first?.headline == "临川新材签约" && articles.first?.body == Self.p1 + "\n" + Self.p2)
    }

    @Test func anItemWithoutTitleOrTextIsAWarning() throws {
        let dir = try TempDir()
        let path = try dir.write("gaps.rss", """
        <rss version="2.0"><channel><title>临川财经网</title>
        <item><title>临川港吞吐量增长</title><description>吞吐量同比增长6%。</description></item>
        <item><link>https://e.example.cn/empty</link><description>   </description></item>
        <item><description>没有标题，只有正文。</description></item>
        <item><description><![CDATA[<p>\(Self.p1)</p><p>\(Self.p2)</p>]]></description></item>
        </channel></rss>
        """)
        let (articles, ingestor) = try ingest([path])
        #expect(articles.map(\.location) == [path + "#1", path + "#3", path + "#4"])
        #expect(articles[1].headline == "" && articles[1].body == "没有标题，只有正文。")
        // Without a title, no paragraph of the HTML is taken for one.
        #expect(articles.last?.headline == "" && articles.last?.body == Self.p1 + "\n" + Self.p2)
        #expect(ingestor.skippedCount == 0 && ingestor.warningCount == 1)
        #expect(ingestor.issues == [IngestIssue(.warning, path + "#2", "item 2 of the feed has no title and no text; skipped")])
    }

    @Test func gb18030FeedDeclaringGB2312() throws {
        let xml = """
        <?xml version="1.0" encoding="gb2312"?>
        <rss version="2.0"><channel><title>临川日报</title>
        <item><title>朱镕基路片区改造启动</title><link>https://gb.example.cn/1</link>
        <pubDate>Mon, 09 Jun 2025 10:00:00 +0800</pubDate>
        <description><![CDATA[<p>临川市旧城改造项目启动，总投资45亿元，涉及居民三千余户。</p>]]></description></item>
        </channel></rss>
        """
        let bytes = try iconv(xml, to: "GB18030")
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        let dir = try TempDir()
        let path = try dir.write("gb.xml", bytes: bytes)
        let (articles, ingestor) = try ingest([path])
        #expect(ingestor.issues.isEmpty, "\(ingestor.issues)")
        let a = try #require(articles.first)
        #expect(a.headline == "朱镕基路片区改造启动")
        #expect(a.body == "临川市旧城改造项目启动，总投资45亿元，涉及居民三千余户。")
        #expect(a.source == "临川日报" && a.date == Day(year: 2025, month: 6, day: 9))
    }

    @Test func explicitFilesAreSniffedByTheirFirstBytes() throws {
        let dir = try TempDir()
        let feed = try dir.write("download.dat", "\n  " + Self.rss)
        let page = try dir.write("page.dat", """
        <!DOCTYPE html><html><head><title>临川新材签约 - 临川财经网</title></head><body>
        <h1>临川新材签约</h1><div class="article"><p>\(Self.p1)</p><p>\(Self.p2)</p></div></body></html>
        """)
        let (articles, ingestor) = try ingest([feed, page])
        #expect(ingestor.issues.isEmpty, "\(ingestor.issues)")
        #expect(articles.map(\.location) == [feed + "#1", feed + "#2", feed + "#3", page])
        #expect(articles.last?.headline == "临川新材签约")
        #expect(articles.last?.body == Self.p1 + "\n" + Self.p2)
    }

    @Test func jsonLinesRecordWithHTML() throws {
        let page = """
        <html><head><title>临川新材签约 总投资12亿元_临川财经网</title>
        <meta name="publishdate" content="2025-06-10"></head><body>
        <div class="nav"><a href="/">首页</a> &gt; <a href="/cj">财经</a></div>
        <h1>临川新材签约 总投资12亿元</h1>
        <div class="info">2025-06-10 09:12 来源：临川日报</div>
        <div class="article"><p>\(Self.p1)</p><p>\(Self.p2)</p></div>
        </body></html>
        """
        func json(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n") + "\""
        }
        let dir = try TempDir()
        let path = try dir.write("crawl.jsonl", """
        {"url": "https://news.example.cn/a1.html", "html": \(json(page))}
        {"id": "x2", "title": "记录自己的标题", "date": "2025-06-12", "source": "临川晚报", "html": \(json(page))}
        {"id": "x3", "title": "有正文的记录", "body": "记录自己的正文。", "html": \(json(page))}
        """)
        let (articles, ingestor) = try ingest([path])
        #expect(ingestor.issues.isEmpty, "\(ingestor.issues)")
        #expect(articles.count == 3)
        guard articles.count == 3 else { return }
        let a = articles[0]
        #expect(a.headline == "临川新材签约 总投资12亿元")
        #expect(a.body == Self.p1 + "\n" + Self.p2)
        #expect(a.date == Day(year: 2025, month: 6, day: 10))
        #expect(a.source == "临川日报")
        #expect(a.id == "https://news.example.cn/a1.html" && a.url == a.id)
        let b = articles[1]
        #expect(b.id == "x2" && b.headline == "记录自己的标题" && b.body == Self.p1 + "\n" + Self.p2)
        #expect(b.date == Day(year: 2025, month: 6, day: 12) && b.source == "临川晚报")
        let c = articles[2]
        #expect(c.headline == "有正文的记录" && c.body == "记录自己的正文。" && c.source == nil && c.date == nil)
    }
}
