import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import IndexFormat
import Testing
import TestSupport

/// Issue 22, "charts for a report": `news-search --by … --chart FILE.svg`, run as a user
/// runs it (the chart is drawn by the executable), on the sample corpus and on made-up
/// articles whose counts are known. Each chart is parsed back and checked: every element
/// inside the canvas, no two labels on top of each other (text measured here on its own
/// terms: a Han character 1 em, another 0.55 em), the value axis in steps of 1, 2 or 5 ×
/// 10^k, the legend folding what it does not draw into "其他", a title in Chinese; and,
/// when `rsvg-convert` is installed, rendered to PNG and looked at.
@Suite(.serialized) struct ChartTests {
    let dir: TemporaryFolder
    let newsIndex: String
    let newsSearch: String

    init() throws {
        dir = try TemporaryFolder("chart")
        newsIndex = try #require(executable("news-index"), "news-index is not built")
        newsSearch = try #require(executable("news-search"), "news-search is not built")
    }

    /// The sample corpus, indexed.
    func corpusIndex() throws -> String {
        let index = dir.path + "/corpus-index"
        let r = try run(newsIndex, ["--index", index, "--quiet", repositoryRoot + "/corpus"])
        try #require(r.status == 0, "\(r.err)")
        return index
    }

    /// Made-up articles whose counts are known (dates, sources; text that tags nothing much).
    static let madeUp: [(year: Int, source: String, count: Int)] = {
        // One year per maximum of the axis tests.
        var spec = ChartTests.maxima.map { (year: $0.year, source: "样本报", count: $0.maximum) }
        // Twelve publications of 12, 11, … 1 articles over 2022–2024: eight drawn, four folded.
        for k in 1 ... 12 {
            for (i, year) in [2022, 2023, 2024].enumerated() {
                let n = (13 - k) / 3 + ((13 - k) % 3 > i ? 1 : 0)
                if n > 0 { spec.append((year, String(format: "来源%02d", k), n)) }
            }
        }
        // Long publication names, Han (2010) and Latin (2011), of as many characters.
        spec += [(2010, ChartTests.hanName, 2), (2010, "短名报", 1), (2011, ChartTests.latinName, 2), (2011, "短名报", 1)]
        return spec
    }()

    static let hanName = "某省某市经济和信息化委员会新闻中心官方网站编辑部"
    static let latinName = "Regional Economic Review"

    func madeUpIndex() throws -> String {
        let index = dir.path + "/made-up-index"
        var lines = [String](), n = 0
        for (year, source, count) in Self.madeUp {
            for i in 0 ..< count {
                n += 1
                let date = String(format: "%04d-%02d-%02d", year, 1 + i % 12, 1 + (i / 12) % 28)
                let body = "第\(n)篇样本文章的正文，编号\(n * 7919 % 100_003)，内容互不相同：\(String(repeating: "统计", count: 1 + n % 5))。"
                lines.append(#"{"id":"m\#(n)","title":"样本文章\#(n)","body":"\#(body)","date":"\#(date)","source":"\#(source)"}"#)
            }
        }
        let feed = dir.path + "/made-up.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: feed, atomically: true, encoding: .utf8)
        let r = try run(newsIndex, ["--index", index, "--quiet", feed])
        try #require(r.status == 0 && r.out.hasPrefix("added \(n),"), "\(r.out) \(r.err)")
        return index
    }

    /// Runs `news-search` with `arguments` plus `--chart`, and parses the chart.
    func chart(_ index: String, _ arguments: [String], name: String = "chart") throws -> (svg: ChartSVG, path: String) {
        let path = dir.path + "/\(name).svg"
        let r = try run(newsSearch, ["--index", index] + arguments + ["--chart", path])
        try #require(r.status == 0, "\(arguments): \(r.err)")
        return (try ChartSVG(contentsOf: path), path)
    }

    // MARK: the value axis

    /// A year of made-up articles per maximum, and the ticks its chart must have.
    static let maxima: [(year: Int, maximum: Int, ticks: [Int])] = [
        (2015, 1, [0, 1]),
        (2016, 7, Array(0 ... 7)),
        (2017, 9, [0, 2, 4, 6, 8, 10]),
        (2018, 19, [0, 5, 10, 15, 20]),
        (2019, 41, [0, 10, 20, 30, 40, 50]),
        (2020, 126, [0, 20, 40, 60, 80, 100, 120, 140]),
    ]

    /// Steps of 1, 2 or 5 × 10^k, and the top tick the first multiple of the step at or
    /// above the maximum (126 gives 0, 20 … 140, not 250).
    @Test(arguments: ChartTests.maxima.indices)
    func niceAxisSteps(_ i: Int) throws {
        let (year, maximum, ticks) = Self.maxima[i]
        let (svg, _) = try chart(try madeUpIndex(), ["--by", "year", "--from", "\(year)", "--to", "\(year)", "--no-collapse"])
        #expect(svg.texts("tick").compactMap { Int($0) } == ticks, "maximum \(maximum)")
        #expect(svg.problems().isEmpty, "\(svg.problems())")
    }

    /// Bars run along the same kind of axis.
    @Test func niceAxisOfBars() throws {
        let (svg, _) = try chart(try madeUpIndex(), ["--by", "source", "--no-collapse"])
        // 样本报 has every article of the axis tests: 203, so steps of 50 up to 250 (20 would need 11).
        let total = Self.maxima.reduce(0) { $0 + $1.maximum }
        #expect(total == 203)
        #expect(svg.texts("tick").compactMap { Int($0) } == [0, 50, 100, 150, 200, 250])
        #expect(svg.texts("value").first == "\(total)", "the first bar, 样本报, says \(total)")
        #expect(svg.problems().isEmpty, "\(svg.problems())")
    }

    // MARK: the legend

    /// Twelve series: the eight largest drawn by name, "其他" summing the other four, and
    /// the legend says how many there were.
    @Test func legendFoldsTheRestIntoOthers() throws {
        let index = try madeUpIndex()
        let arguments = ["--by", "year", "--by", "source", "--from", "2022", "--to", "2024", "--no-collapse"]
        let (svg, _) = try chart(index, arguments)
        let names = (1 ... 8).map { String(format: "来源%02d", $0) }
        #expect(svg.texts("legend") == names + ["其他（其余4项合计）"])
        #expect(svg.texts("legend-note").joined().contains("共12项"), "\(svg.texts("legend-note"))")
        // The grey line of 其他 is the sum of 来源09 … 来源12 in each year.
        let csv = try run(newsSearch, ["--index", index, "--format", "csv"] + arguments)
        var expected = [String: Int]()
        for line in csv.out.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if f.count == 3, let k = Int(f[1].dropFirst(2)), k > 8, let c = Int(f[2]) { expected[f[0], default: 0] += c }
        }
        let values = try #require(svg.lineValues(color: svg.legendColor("其他（其余4项合计）")))
        #expect(values == ["2022", "2023", "2024"].map { expected[$0] ?? -1 }, "\(values) vs \(expected)")
        #expect(svg.problems().isEmpty, "\(svg.problems())")
    }

    /// Nine series are all drawn: folding one into "其他" would hide it for nothing.
    @Test func fewSeriesAreAllDrawn() throws {
        let (svg, _) = try chart(try corpusIndex(), ["--by", "year", "--by", "strategic"])
        let legend = svg.texts("legend")
        #expect(!legend.isEmpty && legend.count <= 9 && !legend.contains { $0.hasPrefix("其他") }, "\(legend)")
        #expect(svg.texts("legend-note").isEmpty)
    }

    // MARK: titles

    /// One language: what is counted, within which filters, along which dimensions, with
    /// no dangling separator when there is no query.
    @Test(arguments: [
        (["--region", "广东", "--from", "2025", "--to", "2025", "--by", "quarter"], "文章数（广东，2025年）：按季度统计"),
        (["芜湖", "--from", "2023", "--to", "2025", "--by", "year"], "含“芜湖”的文章数（2023–2025年）：按年统计"),
        (["--from", "2024-03", "--to", "2024-06", "--by", "month"], "文章数（2024年3–6月）：按月统计"),
        (["--industry", "新能源产业", "--by", "province", "--by", "year"], "文章数（新能源产业）：按省份和年统计"),
        (["--by", "city", "--by", "week", "--from", "2025"], "文章数（2025年起）：按城市和周统计"),
        (["--by", "source", "--by", "division"], "文章数：按来源和行业大类统计"),
        (["--by", "day", "--from", "2024-03-05", "--to", "2024-04-01", "--by", "strategic"], "文章数（2024年3月5日–4月1日）：按日和战略性新兴产业统计"),
        (["--by", "year", "--to", "2024-02-20"], "文章数（截至2024年2月20日）：按年统计"),
        (["--by", "year", "--to", "2024-02-29"], "文章数（截至2024年2月）：按年统计"),
    ])
    func titlesSayWhatIsCounted(_ arguments: [String], _ title: String) throws {
        let (svg, _) = try chart(try corpusIndex(), arguments)
        #expect(svg.texts("title").joined() == title)
        #expect(svg.title == title)
        #expect(svg.problems().isEmpty, "\(svg.problems())")
    }

    /// A title longer than the chart wraps (no line opening with closing punctuation), and
    /// a query that matches nothing still gives a chart that says so.
    @Test func longTitlesWrapAndEmptyChartsSaySo() throws {
        let words = ["新能源汽车", "动力电池", "产业链", "项目", "投资", "合肥", "芜湖", "郑州", "长三角", "一体化", "高质量发展", "新质生产力", "不存在的词"]
        let (svg, _) = try chart(try corpusIndex(), words + ["--region", "安徽", "--from", "2023-04", "--to", "2025-06", "--by", "quarter", "--by", "city"])
        let lines = svg.texts("title")
        #expect(lines.count >= 2 && lines.joined() == svg.title, "\(lines)")
        #expect(lines.dropFirst().allSatisfy { !"”）：，。".contains($0.first ?? " ") }, "\(lines)")
        #expect(svg.texts("note").contains("没有符合条件的文章"))
        #expect(svg.problems().isEmpty, "\(svg.problems())")
    }

    // MARK: the four charts of the issue

    static let charts: [[String]] = [
        ["--by", "year", "--by", "strategic"],
        ["--by", "industry"],
        ["--by", "quarter", "--from", "2023", "--to", "2026"],
        ["--by", "city", "--by", "year"],
    ]

    /// Nothing outside the canvas, no label over another, on the sample corpus.
    @Test(arguments: ChartTests.charts)
    func chartsFitTheirCanvas(_ arguments: [String]) throws {
        let (svg, _) = try chart(try corpusIndex(), arguments)
        #expect(svg.problems().isEmpty, "\(arguments): \(svg.problems())")
        #expect(svg.elements.filter { $0.name == "text" }.count > 8)
    }

    /// Years by strategic industry: a line per industry over every year of the corpus.
    @Test func linesOverEveryYear() throws {
        let (svg, _) = try chart(try corpusIndex(), Self.charts[0])
        #expect(svg.texts("category") == ["2023", "2024", "2025", "2026"])
        let lines = svg.elements.filter { $0.name == "polyline" }
        #expect(lines.count == svg.texts("legend").count && lines.allSatisfy { $0.points.count == 4 })
        #expect(svg.texts("legend").contains("S1 新一代信息技术产业"))
    }

    /// Industries: horizontal bars, whole names right-aligned left of the bars.
    @Test func barsForLongNames() throws {
        let (svg, _) = try chart(try corpusIndex(), Self.charts[1])
        let labels = svg.elements.filter { $0.name == "text" && $0.attributes["class"] == "category" }
        #expect(labels.map(\.text).contains("D 电力、热力、燃气及水生产和供应业"))
        let bars = svg.elements.filter { $0.name == "rect" && $0.attributes["fill"] != "white" }
        #expect(bars.count == labels.count)
        let barsLeft = bars.map { $0.number("x") }.min() ?? 0
        for l in labels {
            #expect(l.attributes["transform"] == nil, "\(l.text) is turned")
            #expect(svg.box(of: l).maxX <= barsLeft, "\(l.text) runs into the bars")
        }
        // Bars grow to the right.
        let longest = try #require(bars.max { $0.number("width") < $1.number("width") })
        #expect(longest.number("width") > longest.number("height"))
    }

    /// Quarters: every quarter from --from to --to is a point, empty ones at zero.
    @Test func everyQuarterIsAPoint() throws {
        let (svg, _) = try chart(try corpusIndex(), Self.charts[2])
        let quarters = (2023 ... 2026).flatMap { y in (1 ... 4).map { "\(y)-Q\($0)" } }
        #expect(svg.texts("category") == quarters)
        let line = try #require(svg.elements.first { $0.name == "polyline" })
        #expect(line.points.count == 16)
    }

    /// Cities by year: years along the axis, the eight largest cities and "其他" as lines.
    @Test func manyCitiesFoldIntoOthers() throws {
        let (svg, _) = try chart(try corpusIndex(), Self.charts[3])
        let legend = svg.texts("legend")
        #expect(legend.count == 9 && legend.last?.hasPrefix("其他（其余") == true, "\(legend)")
        #expect(svg.texts("legend-note").joined().contains("按总数显示前8项"))
        #expect(svg.texts("category") == ["2023", "2024", "2025", "2026"])
    }

    // MARK: label widths

    /// A Han name takes about twice the room of a Latin one of as many characters: the
    /// margin left of the bars grows with it, and both fit.
    @Test func wideCharactersCountTwice() throws {
        #expect(Self.hanName.count == Self.latinName.count)
        let index = try madeUpIndex()
        let (han, _) = try chart(index, ["--by", "source", "--from", "2010", "--to", "2010", "--no-collapse"], name: "han")
        let (latin, _) = try chart(index, ["--by", "source", "--from", "2011", "--to", "2011", "--no-collapse"], name: "latin")
        #expect(han.problems().isEmpty, "\(han.problems())")
        #expect(latin.problems().isEmpty, "\(latin.problems())")
        #expect(han.texts("category").contains(Self.hanName) && latin.texts("category").contains(Self.latinName))
        let margin = { (svg: ChartSVG) in svg.elements.filter { $0.name == "rect" && $0.attributes["fill"] != "white" }.map { $0.number("x") }.min() ?? 0 }
        // 24 characters at 12 px: 0.45 em more each, at least 100 px in all.
        #expect(margin(han) - margin(latin) > 100, "\(margin(han)) vs \(margin(latin))")
    }

    // MARK: the picture

    static let rsvgConvert: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        .split(separator: ":").map { $0 + "/rsvg-convert" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Rendered by librsvg: the picture has the declared size, is not blank, and nothing
    /// touches its edges (a clipped label would).
    @Test(.enabled(if: ChartTests.rsvgConvert != nil, "rsvg-convert is not installed (apt-get install librsvg2-bin): charts not rendered"),
          arguments: ChartTests.charts)
    func rendersToPNG(_ arguments: [String]) throws {
        let (svg, path) = try chart(try corpusIndex(), arguments)
        let png = dir.path + "/chart.png"
        let r = try run(try #require(Self.rsvgConvert), ["-o", png, path])
        try #require(r.status == 0, "\(r.err)")
        let data = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(data.count > 8_000, "\(data.count) bytes")
        let image = try PNGImage(data)
        #expect(image.width == Int(svg.width) && image.height == Int(svg.height))
        let inked = image.pixels.count { !$0 }
        #expect(Double(inked) / Double(image.pixels.count) > 0.02, "\(inked) of \(image.pixels.count) pixels drawn")
        let edge = image.border(4).count { !$0 }
        #expect(edge == 0, "\(edge) pixels drawn on the picture's edge")
    }
}

// MARK: - The SVG, read back

/// A chart's elements with their attributes, and their boxes as measured here.
struct ChartSVG {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""

        func number(_ key: String) -> Double { Double(attributes[key] ?? "") ?? .nan }

        var points: [(Double, Double)] {
            (attributes["points"] ?? "").split(separator: " ").compactMap { p in
                let xy = p.split(separator: ",").compactMap { Double($0) }
                return xy.count == 2 ? (xy[0], xy[1]) : nil
            }
        }
    }

    var width = 0.0, height = 0.0
    var viewBox = [Double]()
    var title = ""
    var elements = [Element]()

    init(contentsOf path: String) throws {
        let parser = try #require(XMLParser(contentsOf: URL(fileURLWithPath: path)))
        let reader = Reader()
        parser.delegate = reader
        try #require(parser.parse(), "\(path) is not well-formed XML: \(String(describing: parser.parserError))")
        elements = reader.elements.filter { $0.name != "svg" && $0.name != "title" }
        let root = try #require(reader.elements.first { $0.name == "svg" })
        width = root.number("width")
        height = root.number("height")
        viewBox = (root.attributes["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
        title = reader.elements.first { $0.name == "title" }?.text ?? ""
    }

    final class Reader: NSObject, XMLParserDelegate {
        var elements = [Element]()
        var open = [Int]()
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            open.append(elements.count)
            elements.append(Element(name: name, attributes: attributes))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let i = open.last { elements[i].text += string }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            _ = open.popLast()
        }
    }

    /// The texts of one kind (`class`), in document order.
    func texts(_ role: String) -> [String] {
        elements.filter { $0.name == "text" && $0.attributes["class"] == role }.map(\.text)
    }

    /// The colour of the legend's swatch beside `entry`.
    func legendColor(_ entry: String) -> String? {
        guard let i = elements.firstIndex(where: { $0.attributes["class"] == "legend" && $0.text == entry }), i > 0 else { return nil }
        let swatch = elements[i - 1]
        return swatch.attributes["stroke"] ?? swatch.attributes["fill"]
    }

    /// The values a line of `color` draws, read off the value axis (its tick labels and
    /// their grid lines).
    func lineValues(color: String?) -> [Int]? {
        guard let line = elements.first(where: { $0.name == "polyline" && $0.attributes["stroke"] == color }) else { return nil }
        let ticks = elements.filter { $0.attributes["class"] == "tick" }.compactMap { t in Int(t.text).map { ($0, t.number("y")) } }
        // Grid lines start at the plot's left edge, further left than any other level line.
        let level = elements.filter { $0.name == "line" && $0.number("y1") == $0.number("y2") }
        let left = level.map { min($0.number("x1"), $0.number("x2")) }.min() ?? 0
        let grid = level.filter { min($0.number("x1"), $0.number("x2")) == left }.map { $0.number("y1") }
        func gridY(_ labelY: Double) -> Double? { grid.min { abs($0 - labelY) < abs($1 - labelY) } }
        guard let zero = ticks.first, let top = ticks.last, top.0 > 0, let y0 = gridY(zero.1), let yTop = gridY(top.1) else { return nil }
        return line.points.map { Int((Double(top.0) * (y0 - $0.1) / (y0 - yTop)).rounded()) }
    }

    // MARK: boxes

    /// The room `s` takes at `size` px: a Han character (or another wide one) 1 em, any other 0.55 em.
    static func textWidth(_ s: String, size: Double) -> Double {
        s.unicodeScalars.reduce(0) { w, c in
            let v = c.value
            let wide = (0x1100 ... 0x115F).contains(v) || (0x2E80 ... 0xA4CF).contains(v) || (0xAC00 ... 0xD7A3).contains(v)
                || (0xF900 ... 0xFAFF).contains(v) || (0xFE30 ... 0xFE4F).contains(v) || (0xFF00 ... 0xFF60).contains(v)
                || (0xFFE0 ... 0xFFE6).contains(v) || v >= 0x20000
            return w + (wide ? 1 : 0.55) * size
        }
    }

    /// A text's corners: its run from the anchor, 0.85 em above the baseline and 0.15 em
    /// below, turned as its `rotate(a x y)` says.
    func corners(of e: Element) -> [(Double, Double)] {
        let size = e.number("font-size"), x = e.number("x"), y = e.number("y")
        let w = Self.textWidth(e.text, size: size)
        let start = e.attributes["text-anchor"] == "middle" ? -w / 2 : e.attributes["text-anchor"] == "end" ? -w : 0
        var angle = 0.0, cx = x, cy = y
        if let t = e.attributes["transform"], t.hasPrefix("rotate(") {
            let v = t.dropFirst(7).dropLast().split(separator: " ").compactMap { Double($0) }
            if v.count == 3 { (angle, cx, cy) = (v[0] * .pi / 180, v[1], v[2]) }
        }
        return [(start, -0.85 * size), (start + w, -0.85 * size), (start + w, 0.15 * size), (start, 0.15 * size)].map { p in
            let (px, py) = (x + p.0 - cx, y + p.1 - cy)
            return (cx + px * cos(angle) - py * sin(angle), cy + px * sin(angle) + py * cos(angle))
        }
    }

    func box(of e: Element) -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        let c: [(Double, Double)]
        switch e.name {
        case "text": c = corners(of: e)
        case "rect": c = [(e.number("x"), e.number("y")), (e.number("x") + e.number("width"), e.number("y") + e.number("height"))]
        case "line": c = [(e.number("x1"), e.number("y1")), (e.number("x2"), e.number("y2"))]
        case "circle": c = [(e.number("cx") - e.number("r"), e.number("cy") - e.number("r")), (e.number("cx") + e.number("r"), e.number("cy") + e.number("r"))]
        case "polyline": c = e.points
        default: c = []
        }
        let xs = c.map(\.0), ys = c.map(\.1)
        return (xs.min() ?? .nan, ys.min() ?? .nan, xs.max() ?? .nan, ys.max() ?? .nan)
    }

    /// What is wrong with the layout: a size that is not the view box, an element (or a
    /// number) outside it, two texts that overlap.
    func problems() -> [String] {
        var out = [String]()
        if viewBox != [0, 0, width, height] { out.append("viewBox \(viewBox) is not 0 0 \(width) \(height)") }
        for e in elements where ["text", "rect", "line", "circle", "polyline"].contains(e.name) {
            let b = box(of: e)
            if !(b.minX >= 0 && b.minY >= 0 && b.maxX <= width && b.maxY <= height) {
                out.append("<\(e.name)> \(e.text) \(b) lies outside 0 0 \(width) \(height)")
            }
        }
        let texts = elements.filter { $0.name == "text" }
        for i in texts.indices {
            for j in texts.indices where j > i && Self.overlap(corners(of: texts[i]), corners(of: texts[j])) {
                out.append("\"\(texts[i].text)\" overlaps \"\(texts[j].text)\"")
            }
        }
        return out
    }

    /// Whether two convex quadrilaterals overlap by more than half a pixel (separating axes).
    static func overlap(_ a: [(Double, Double)], _ b: [(Double, Double)]) -> Bool {
        for quad in [a, b] {
            for k in 0 ..< quad.count {
                let (p, q) = (quad[k], quad[(k + 1) % quad.count])
                let length = ((q.0 - p.0) * (q.0 - p.0) + (q.1 - p.1) * (q.1 - p.1)).squareRoot()
                guard length > 0 else { continue }
                let axis = (-(q.1 - p.1) / length, (q.0 - p.0) / length)
                let pa = a.map { $0.0 * axis.0 + $0.1 * axis.1 }, pb = b.map { $0.0 * axis.0 + $0.1 * axis.1 }
                if pa.max()! <= pb.min()! + 0.5 || pb.max()! <= pa.min()! + 0.5 { return false }
            }
        }
        return true
    }
}

// MARK: - The PNG, read back

/// An 8-bit PNG as rsvg-convert writes it (RGBA or RGB, not interlaced), each pixel
/// reduced to whether it is white.
struct PNGImage {
    var width = 0, height = 0
    /// Row by row: true where the pixel is white (each channel 245 or more).
    var pixels = [Bool]()

    struct Unsupported: Error, CustomStringConvertible { var description: String }

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 33, bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { throw Unsupported(description: "not a PNG") }
        func u32(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
        var at = 8, compressed = [UInt8](), channels = 0
        while at + 8 <= bytes.count {
            let length = u32(at), type = String(decoding: bytes[at + 4 ..< at + 8], as: UTF8.self)
            let body = Array(bytes[at + 8 ..< min(bytes.count, at + 8 + length)])
            switch type {
            case "IHDR":
                width = u32(at + 8)
                height = u32(at + 12)
                guard body[8] == 8, body[12] == 0, body[10] == 0 else { throw Unsupported(description: "bit depth \(body[8]), interlace \(body[12])") }
                channels = [2: 3, 6: 4, 0: 1, 4: 2][Int(body[9])] ?? 0
            case "IDAT": compressed += body
            default: break
            }
            at += 12 + length
        }
        guard channels > 0, width > 0, height > 0 else { throw Unsupported(description: "no image header") }
        let stride = width * channels
        let raw = try compressed.withUnsafeBytes { try Deflate.decompress($0, rawLength: height * (stride + 1), file: "chart.png") }
        pixels = Self.unfiltered(raw, stride: stride, height: height, channels: channels).chunks(channels).map { p in
            p.prefix(min(3, channels)).allSatisfy { $0 >= 245 }
        }
    }

    /// The pixels within `n` of the picture's edge.
    func border(_ n: Int) -> [Bool] {
        var out = [Bool]()
        for y in 0 ..< height {
            for x in 0 ..< width where x < n || y < n || x >= width - n || y >= height - n { out.append(pixels[y * width + x]) }
        }
        return out
    }

    /// The scanlines with PNG's filters undone (none, sub, up, average, Paeth).
    static func unfiltered(_ raw: [UInt8], stride: Int, height: Int, channels: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: stride * height)
        for y in 0 ..< height {
            let filter = raw[y * (stride + 1)], line = y * (stride + 1) + 1
            for x in 0 ..< stride {
                let a = x >= channels ? Int(out[y * stride + x - channels]) : 0
                let b = y > 0 ? Int(out[(y - 1) * stride + x]) : 0
                let c = x >= channels && y > 0 ? Int(out[(y - 1) * stride + x - channels]) : 0
                let predicted: Int
                switch filter {
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: predicted = 0
                }
                out[y * stride + x] = UInt8((Int(raw[line + x]) + predicted) & 0xFF)
            }
        }
        return out
    }
}

extension Array {
    /// The array cut into pieces of `n`.
    fileprivate func chunks(_ n: Int) -> [ArraySlice<Element>] {
        Swift.stride(from: 0, to: count, by: n).map { self[$0 ..< Swift.min($0 + n, count)] }
    }
}
