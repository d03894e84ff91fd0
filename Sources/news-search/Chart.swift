import Foundation
import NewsCLI
import NewsIngest
import NewsSearch

/// A `--by` dimension (Foundation has a `Dimension` of its own).
typealias CountDimension = NewsSearch.Dimension

/// A chart of counts as a plain SVG file a researcher can drop into a report: a line
/// chart when a dimension is time (every bucket on the axis, one line per value of the
/// other dimension), horizontal bars otherwise (long category names read across; a
/// second dimension stacks). Titles and labels are Chinese.
///
/// Layout is computed, not guessed: text is measured (East Asian wide characters as two
/// units, `textWidth`), every mark knows its bounding box (`Mark.bounds`), and the canvas
/// is the union of the boxes plus a margin, so no label is clipped whatever its length.
/// At most `maxSeries` series are drawn by name, the largest by total; the rest are
/// summed into one "其他" series, and the legend says how many there were.
struct Chart {
    /// How many series are drawn by name (plus "其他", and "（未标注）" in a stack).
    static let maxSeries = 8
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
    static let othersColor = "#7f7f7f", untaggedColor = "#b4b4b4"
    static let font = "Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, PingFang SC, Microsoft YaHei, sans-serif"

    struct Series {
        var name: String
        var values: [Int]
        var color: String
        var dashed = false
    }

    enum Kind { case line, bars }

    let kind: Kind
    let title: String
    /// Axis labels, in axis order (time order, or largest first for bars).
    var categories: [String]
    var series: [Series]
    /// The name of the category axis ("年份", "行业" …).
    let axisName: String
    /// The legend's heading and the line under it (nil: one series, no legend).
    var legendHeading: String?
    var legendNote: String?
    var notes: [String] = []

    /// The SVG of `rows` (keys per dimension, count) counted along `dimensions` (`--by` values).
    static func svg(_ rows: [(keys: [String], count: Int)], dimensions: [String], title: String) -> String {
        Chart(rows: rows, dimensions: dimensions, title: title).render()
    }

    // MARK: Words

    /// The Chinese name of a `--by` dimension, for titles and legends.
    static func dimensionName(_ name: String) -> String {
        switch CountDimension(name: name) {
        case .province: "省份"
        case .city: "城市"
        case .industry: "行业"
        case .division: "行业大类"
        case .strategic: "战略性新兴产业"
        case .source: "来源"
        case .day: "日"
        case .week: "周"
        case .month: "月"
        case .quarter: "季度"
        case .year: "年"
        case nil: name
        }
    }

    /// The name of a time axis ("年份" reads better under an axis than "年").
    static func axisName(_ name: String) -> String {
        switch CountDimension(name: name) {
        case .day: "日期"
        case .week: "周（起始日）"
        case .month: "月份"
        case .year: "年份"
        default: dimensionName(name)
        }
    }

    /// The chart's title, in Chinese: what is counted, within which filters, along which dimensions.
    ///
    ///     含“芜湖”的文章数（安徽，2023–2025年）：按季度统计
    ///     文章数：按年和战略性新兴产业统计
    static func title(query: String, regions: [String], industries: [String], from: Int32?, to: Int32?, dimensions: [String]) -> String {
        let q = SafeText.display(query).trimmingCharacters(in: .whitespaces)
        var subject = q.isEmpty ? "文章数" : "含“\(q)”的文章数"
        var scope = [String]()
        if !regions.isEmpty { scope.append(regions.joined(separator: "、")) }
        if !industries.isEmpty { scope.append(industries.joined(separator: "、")) }
        if let range = dateRange(from: from, to: to) { scope.append(range) }
        if !scope.isEmpty { subject += "（" + scope.joined(separator: "，") + "）" }
        return subject + "：按" + dimensions.map(dimensionName).joined(separator: "和") + "统计"
    }

    /// A range of days as a reader writes it: `2025年`, `2023–2025年`, `2024年3–6月`,
    /// `2024年3月5日–4月1日`, `2023年起`, `截至2025年`; nil without bounds.
    static func dateRange(from: Int32?, to: Int32?) -> String? {
        enum Precision: Int { case year, month, day }
        /// How precise a bound is: a first day starts a year or a month; a last day ends one
        /// when the next day starts one.
        func precision(_ n: Int32, end: Bool) -> Precision {
            let (_, m, d) = Day(number: end ? n + 1 : n).components
            return d != 1 ? .day : m == 1 ? .year : .month
        }
        func text(_ n: Int32, _ p: Precision, yearToo: Bool = true, monthToo: Bool = true) -> String {
            let (y, m, d) = Day(number: n).components
            let year = yearToo ? "\(y)年" : ""
            switch p {
            case .year: return year
            case .month: return year + "\(m)月"
            case .day: return year + (monthToo ? "\(m)月" : "") + "\(d)日"
            }
        }
        switch (from, to) {
        case (nil, nil): return nil
        case let (a?, nil): return text(a, precision(a, end: false)) + "起"
        case let (nil, b?): return "截至" + text(b, precision(b, end: true))
        case let (a?, b?):
            let p = Precision(rawValue: max(precision(a, end: false).rawValue, precision(b, end: true).rawValue)) ?? .day
            let (ya, ma, _) = Day(number: a).components, (yb, mb, _) = Day(number: b).components
            if text(a, p) == text(b, p) { return text(a, p) }
            switch p {
            case .year: return "\(ya)–\(yb)年"
            case .month: return ya == yb ? "\(ya)年\(ma)–\(mb)月" : text(a, p) + "–" + text(b, p)
            case .day: return text(a, p) + "–" + text(b, p, yearToo: ya != yb, monthToo: ya != yb || ma != mb)
            }
        }
    }

    /// A key as a label: the counter's placeholders in Chinese, overlong names cut.
    static func label(_ key: String, columns: Int = 56) -> String {
        switch key {
        case "(none)": return "（未标注）"
        case "(no date)": return "（无日期）"
        default:
            let s = SafeText.display(key)
            guard Terminal.width(s) > columns else { return s }
            var out = "", used = 0
            for c in s where used + Terminal.width(String(c)) <= columns - 1 {
                out.append(c)
                used += Terminal.width(String(c))
            }
            return out + "…"
        }
    }

    // MARK: Axis

    /// The value axis for counts up to `maximum`: the smallest step of 1, 2 or 5 × 10^k
    /// that needs at most eight intervals, and the top tick, the first multiple of the
    /// step at or above the maximum (126 → step 20, top 140; 19 → 5, 20; 7 → 1, 7).
    static func axis(maximum: Int) -> (step: Int, top: Int) {
        let m = max(1, maximum)
        var magnitude = 1
        while true {
            for f in [1, 2, 5] {
                let step = f * magnitude
                let intervals = (m + step - 1) / step
                if intervals <= 8 { return (step, step * intervals) }
            }
            magnitude *= 10
        }
    }

    // MARK: Text measure

    static let ascent = 0.92, descent = 0.24

    /// The width of `s` at `size` pixels: a narrow character is one unit of 0.56 em, an
    /// East Asian wide or full-width one (Han, kana, full-width punctuation) two; bold
    /// adds a twentieth. Generous on purpose: a label measured too wide costs a margin,
    /// one measured too narrow is clipped.
    static func textWidth(_ s: String, size: Double, bold: Bool = false) -> Double {
        Double(Terminal.width(s)) * 0.56 * size * (bold ? 1.05 : 1)
    }

    /// `s` cut into lines of at most `width` pixels, between characters (CJK has no spaces),
    /// never before closing punctuation (a line does not start with ” or ）).
    static func wrap(_ s: String, width: Double, size: Double, bold: Bool, maxLines: Int = 3) -> [String] {
        var lines = [String](), line = ""
        for c in s {
            if !line.isEmpty && textWidth(line + String(c), size: size, bold: bold) > width {
                var carried = ""
                if "”’）》」』】，。、；：！？".contains(c), line.count > 1, let last = line.popLast() { carried = String(last) }
                lines.append(line)
                line = carried
            }
            line.append(c)
        }
        if !line.isEmpty { lines.append(line) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = String(lines[maxLines - 1].dropLast()) + "…"
        }
        return lines
    }
}

// MARK: - From rows to series

extension Chart {
    /// Arranges the counter's rows: time (whichever dimension it is) along the axis, the
    /// other dimension as series; without time, the first dimension as bars.
    init(rows: [(keys: [String], count: Int)], dimensions: [String], title: String) {
        let dims = dimensions.map { CountDimension(name: $0) }
        let timeIndex = dims.firstIndex { $0?.isTime == true }
        let axis = timeIndex ?? 0
        let other: Int? = dimensions.count > 1 ? 1 - axis : nil
        self.title = title
        kind = timeIndex == nil ? .bars : .line
        axisName = Chart.axisName(dimensions[axis])
        // series key → category key → count
        var table = [String: [String: Int]]()
        for r in rows where r.keys.count == dimensions.count {
            table[other.map { r.keys[$0] } ?? "", default: [:]][r.keys[axis], default: 0] += r.count
        }
        var keys: [String]
        if let timeIndex, let d = dims[timeIndex] {
            let dated = Set(rows.map { $0.keys[axis] }).subtracting(["(no date)"])
            keys = Chart.buckets(d, spanning: dated)
            let undated = rows.filter { $0.keys[axis] == "(no date)" }.reduce(0) { $0 + $1.count }
            if undated > 0 {
                notes.append(other == nil ? "另有\(undated)篇文章没有日期，未绘出。" : "没有日期的文章未绘出。")
            }
        } else {
            // Largest first (the counter's order), articles without a value last.
            var seen = Set<String>()
            keys = rows.map { $0.keys[0] }.filter { seen.insert($0).inserted }
            keys = keys.filter { $0 != "(none)" } + keys.filter { $0 == "(none)" }
        }
        categories = keys.map { Chart.label($0) }
        series = []
        if let other {
            legendHeading = Chart.dimensionName(dimensions[other])
            series = pickSeries(table, keys: keys)
            if kind == .bars && [.province, .city, .industry, .division, .strategic].contains(dims[other]) {
                notes.append("一篇文章可属多个\(Chart.dimensionName(dimensions[other]))，各段相加可多于文章数。")
            }
        } else {
            let values = keys.map { table[""]?[$0] ?? 0 }
            series = [Series(name: "文章数", values: values, color: Chart.palette[0])]
        }
    }

    /// The series to draw: the `maxSeries` largest by total (ties by name), the articles
    /// without a value (in a stack of bars), and "其他" summing the rest, when more than
    /// one is left over.
    private mutating func pickSeries(_ table: [String: [String: Int]], keys: [String]) -> [Series] {
        let totals = table.mapValues { $0.values.reduce(0, +) }
        let named = totals.keys.filter { $0 != "(none)" }.sorted {
            let (a, b) = (totals[$0, default: 0], totals[$1, default: 0])
            return a != b ? a > b : $0 < $1
        }
        let folds = named.count > Chart.maxSeries + 1
        let shown = folds ? Array(named.prefix(Chart.maxSeries)) : named
        func values(_ s: String) -> [Int] { keys.map { table[s]?[$0] ?? 0 } }
        var out = shown.enumerated().map { i, s in
            Series(name: Chart.label(s, columns: 44), values: values(s), color: Chart.palette[i % Chart.palette.count])
        }
        if table["(none)"] != nil {
            // Beside a handful of lines, the articles without a value would flatten them all:
            // a line chart says how many there are; a stack shows them in grey.
            let untagged = values("(none)")
            if kind == .bars {
                out.append(Series(name: Chart.label("(none)"), values: untagged, color: Chart.untaggedColor))
            } else if let heading = legendHeading, untagged.contains(where: { $0 > 0 }) {
                notes.append("未标注\(heading)的\(untagged.reduce(0, +))篇文章未绘出。")
            }
        }
        if folds {
            let rest = named.dropFirst(Chart.maxSeries)
            let sums = keys.map { k in rest.reduce(0) { $0 + (table[$1]?[k] ?? 0) } }
            out.append(Series(name: "其他（其余\(rest.count)项合计）", values: sums, color: Chart.othersColor, dashed: true))
            legendNote = "共\(named.count)项，按总数显示前\(Chart.maxSeries)项"
        }
        return out
    }

    /// Every bucket of `d` from the earliest key to the latest, so that the axis has no
    /// gaps (the counter fills them when time is the first dimension, not the second).
    static func buckets(_ d: CountDimension, spanning keys: Set<String>) -> [String] {
        guard let first = keys.min(), let last = keys.max() else { return [] }
        var out = [String](), key = first
        while key <= last && out.count <= 20_000 {
            out.append(key)
            guard let next = next(d, after: key) else { break }
            key = next
        }
        // Keys that do not parse, or a range of centuries: the keys there are.
        return keys.isSubset(of: out) && out.count <= 20_000 ? out : keys.sorted()
    }

    /// The bucket after `key` ("2024-Q4" → "2025-Q1").
    static func next(_ d: CountDimension, after key: String) -> String? {
        let parts = key.split(separator: "-")
        guard let y = parts.first.flatMap({ Int($0) }) else { return nil }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        switch d {
        case .year: return "\(y + 1)"
        case .quarter:
            guard parts.count == 2, let q = Int(parts[1].dropFirst()) else { return nil }
            return q >= 4 ? "\(y + 1)-Q1" : "\(y)-Q\(q + 1)"
        case .month:
            guard parts.count == 2, let m = Int(parts[1]) else { return nil }
            return m >= 12 ? "\(y + 1)-01" : "\(y)-\(two(m + 1))"
        case .day, .week:
            guard parts.count == 3, let m = Int(parts[1]), let dd = Int(parts[2]), let day = Day(year: y, month: m, day: dd) else { return nil }
            return Day(number: day.number + (d == .week ? 7 : 1)).description
        default: return nil
        }
    }
}

// MARK: - Marks

extension Chart {
    /// A rectangle in SVG pixels.
    struct Box {
        var minX, minY, maxX, maxY: Double
        func union(_ o: Box) -> Box { Box(minX: min(minX, o.minX), minY: min(minY, o.minY), maxX: max(maxX, o.maxX), maxY: max(maxY, o.maxY)) }
    }

    enum Anchor: String { case start, middle, end }

    /// A piece of text: at (`x`, `y`) on its baseline, turned by `angle` degrees about that point.
    struct Label {
        var text: String
        var x, y: Double
        var size: Double
        var anchor = Anchor.start
        var angle = 0.0
        var bold = false
        var fill = "#222"
        var role: String
    }

    /// One drawn element.
    enum Mark {
        case line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double, dashed: Bool)
        case rect(x: Double, y: Double, width: Double, height: Double, fill: String)
        case polyline(points: [(Double, Double)], stroke: String, dashed: Bool)
        case circle(x: Double, y: Double, r: Double, fill: String)
        case text(Label)

        /// What the mark covers, text by its measured width, ascent and descent.
        var bounds: Box {
            switch self {
            case let .line(x1, y1, x2, y2, _, w, _):
                return Box(minX: min(x1, x2) - w / 2, minY: min(y1, y2) - w / 2, maxX: max(x1, x2) + w / 2, maxY: max(y1, y2) + w / 2)
            case let .rect(x, y, w, h, _): return Box(minX: x, minY: y, maxX: x + w, maxY: y + h)
            case let .polyline(points, _, _):
                let xs = points.map(\.0), ys = points.map(\.1)
                return Box(minX: (xs.min() ?? 0) - 2, minY: (ys.min() ?? 0) - 2, maxX: (xs.max() ?? 0) + 2, maxY: (ys.max() ?? 0) + 2)
            case let .circle(x, y, r, _): return Box(minX: x - r, minY: y - r, maxX: x + r, maxY: y + r)
            case let .text(l): return Chart.bounds(of: l)
            }
        }

        func moved(_ dx: Double, _ dy: Double) -> Mark {
            switch self {
            case let .line(x1, y1, x2, y2, s, w, d): return .line(x1: x1 + dx, y1: y1 + dy, x2: x2 + dx, y2: y2 + dy, stroke: s, width: w, dashed: d)
            case let .rect(x, y, w, h, f): return .rect(x: x + dx, y: y + dy, width: w, height: h, fill: f)
            case let .polyline(p, s, d): return .polyline(points: p.map { ($0.0 + dx, $0.1 + dy) }, stroke: s, dashed: d)
            case let .circle(x, y, r, f): return .circle(x: x + dx, y: y + dy, r: r, fill: f)
            case var .text(l):
                l.x += dx
                l.y += dy
                return .text(l)
            }
        }
    }

    /// The box of a label: its measured run from the anchor, `ascent` above the baseline
    /// and `descent` below, turned about the anchor point.
    static func bounds(of l: Label) -> Box {
        let w = textWidth(l.text, size: l.size, bold: l.bold)
        let start = l.anchor == .start ? 0 : l.anchor == .middle ? -w / 2 : -w
        let corners = [(start, -ascent * l.size), (start + w, -ascent * l.size), (start, descent * l.size), (start + w, descent * l.size)]
        let a = l.angle * .pi / 180
        let turned = corners.map { (l.x + $0.0 * cos(a) - $0.1 * sin(a), l.y + $0.0 * sin(a) + $0.1 * cos(a)) }
        let xs = turned.map(\.0), ys = turned.map(\.1)
        return Box(minX: xs.min() ?? l.x, minY: ys.min() ?? l.y, maxX: xs.max() ?? l.x, maxY: ys.max() ?? l.y)
    }

    static func union(_ marks: [Mark]) -> Box? {
        marks.lazy.map(\.bounds).reduce(nil) { $0?.union($1) ?? $1 }
    }
}

// MARK: - Layout

extension Chart {
    static let margin = 20.0
    static let tickSize = 12.0, axisTitleSize = 13.0, legendSize = 12.5, titleSize = 18.0, noteSize = 11.5

    /// The largest value the axis must reach: a point of a line, a whole stack of bars.
    var maximum: Int {
        guard kind == .bars else { return series.flatMap(\.values).max() ?? 0 }
        return categories.indices.map { i in series.reduce(0) { $0 + $1.values[i] } }.max() ?? 0
    }

    /// The SVG document: the body (plot, axes, legend) laid out first, the title wrapped
    /// to its width above it, notes below, and the canvas around all of it.
    func render() -> String {
        let body = kind == .line ? lineBody() : barBody()
        let bodyBox = Chart.union(body) ?? Box(minX: 0, minY: 0, maxX: 400, maxY: 200)
        let titleWidth = Chart.textWidth(title, size: Chart.titleSize, bold: true)
        let lines = Chart.wrap(title, width: max(bodyBox.maxX - bodyBox.minX, min(titleWidth, 960)), size: Chart.titleSize, bold: true)
        var marks = lines.enumerated().map { i, line in
            Mark.text(Label(text: line, x: Chart.margin, y: Chart.margin + Chart.ascent * Chart.titleSize + Double(i) * 26,
                            size: Chart.titleSize, bold: true, role: "title"))
        }
        let titleBottom = Chart.union(marks)?.maxY ?? Chart.margin
        let dy = titleBottom + 18 - bodyBox.minY, dx = Chart.margin - bodyBox.minX
        marks += body.map { $0.moved(dx, dy) }
        var y = (Chart.union(marks)?.maxY ?? 0) + 8
        for note in notes {
            y += Chart.ascent * Chart.noteSize + 4
            marks.append(.text(Label(text: note, x: Chart.margin, y: y, size: Chart.noteSize, fill: "#555", role: "note")))
            y += Chart.descent * Chart.noteSize
        }
        let all = Chart.union(marks) ?? bodyBox
        return document(marks, width: (all.maxX + Chart.margin).rounded(.up), height: (all.maxY + Chart.margin).rounded(.up))
    }

    /// A line chart with the plot's top left corner at (0, 0); its axis labels lie left and below.
    func lineBody() -> [Mark] {
        let n = categories.count
        let plotW = min(900, max(560, Double(n) * 40)), plotH = 320.0
        func x(_ i: Int) -> Double { plotW * (Double(i) + 0.5) / Double(max(1, n)) }
        var marks = valueAxis(length: plotH, across: plotW, vertical: true)
        marks += categoryLabels(at: (0 ..< n).map(x), below: plotH, width: plotW)
        let (_, top) = Chart.axis(maximum: maximum)
        func y(_ v: Int) -> Double { plotH * (1 - Double(v) / Double(top)) }
        if n == 0 { marks.append(Chart.nothingToDraw(x: plotW / 2, y: plotH / 2)) }
        for s in series.reversed() where n > 0 {  // the largest on top
            let points = s.values.enumerated().map { (x($0.offset), y($0.element)) }
            marks.append(.polyline(points: points, stroke: s.color, dashed: s.dashed))
            if n <= 60 { marks += points.map { .circle(x: $0.0, y: $0.1, r: 2.5, fill: s.color) } }
        }
        return marks + legend(x: plotW + 28, swatch: .line)
    }

    /// Horizontal bars, largest first, with the plot's top left corner at (0, 0); category
    /// names right-aligned to its left, counts after the bars.
    func barBody() -> [Mark] {
        let plotW = 560.0, band = series.count > 1 ? 24.0 : 22.0, barH = band - 8
        let plotH = band * Double(max(1, categories.count))
        var marks = valueAxis(length: plotW, across: plotH, vertical: false)
        let (_, top) = Chart.axis(maximum: maximum)
        var valueRight = plotW
        for (i, name) in categories.enumerated() {
            let mid = band * (Double(i) + 0.5)
            marks.append(.text(Label(text: name, x: -8, y: mid + 0.35 * Chart.tickSize, size: Chart.tickSize, anchor: .end, role: "category")))
            var x = 0.0, total = 0
            for s in series where s.values[i] > 0 {
                let w = plotW * Double(s.values[i]) / Double(top)
                let fill = series.count == 1 && name == Chart.label("(none)") ? Chart.untaggedColor : s.color
                marks.append(.rect(x: x, y: mid - barH / 2, width: w, height: barH, fill: fill))
                x += w
                total += s.values[i]
            }
            let value = Label(text: "\(total)", x: x + 4, y: mid + 0.35 * 11, size: 11, fill: "#444", role: "value")
            valueRight = max(valueRight, Chart.bounds(of: value).maxX)
            marks.append(.text(value))
        }
        if categories.isEmpty { marks.append(Chart.nothingToDraw(x: plotW / 2, y: plotH / 2)) }
        let header = Label(text: axisName, x: -8, y: -10, size: Chart.axisTitleSize, anchor: .end, bold: true, role: "axis-title")
        return marks + [.text(header)] + legend(x: valueRight + 24, swatch: .bar)
    }

    /// Grid lines, ticks and the title "文章数" of the value axis: along the left side
    /// (`vertical`, a line chart) or under the plot (bars). `length` is the axis, `across`
    /// the plot's other side.
    func valueAxis(length: Double, across: Double, vertical: Bool) -> [Mark] {
        let (step, top) = Chart.axis(maximum: maximum)
        var marks = [Mark](), labelEdge = 0.0
        for v in stride(from: 0, through: top, by: step) {
            let p = length * Double(v) / Double(top)
            let grid = v == 0 ? "#333" : "#e3e3e3"
            if vertical {
                marks.append(.line(x1: 0, y1: length - p, x2: across, y2: length - p, stroke: grid, width: 1, dashed: false))
                let l = Label(text: "\(v)", x: -8, y: length - p + 0.35 * Chart.tickSize, size: Chart.tickSize, anchor: .end, role: "tick")
                labelEdge = min(labelEdge, Chart.bounds(of: l).minX)
                marks.append(.text(l))
            } else {
                marks.append(.line(x1: p, y1: 0, x2: p, y2: across, stroke: grid, width: 1, dashed: false))
                let l = Label(text: "\(v)", x: p, y: across + 6 + Chart.ascent * Chart.tickSize, size: Chart.tickSize, anchor: .middle, role: "tick")
                labelEdge = max(labelEdge, Chart.bounds(of: l).maxY)
                marks.append(.text(l))
            }
        }
        let axisLine: Mark = vertical ? .line(x1: 0, y1: 0, x2: 0, y2: length, stroke: "#333", width: 1, dashed: false)
            : .line(x1: 0, y1: 0, x2: 0, y2: across, stroke: "#333", width: 1, dashed: false)
        let title = vertical
            ? Label(text: "文章数", x: labelEdge - 8 - Chart.descent * Chart.axisTitleSize, y: length / 2, size: Chart.axisTitleSize,
                    anchor: .middle, angle: -90, role: "axis-title")
            : Label(text: "文章数", x: length / 2, y: labelEdge + 8 + Chart.ascent * Chart.axisTitleSize, size: Chart.axisTitleSize,
                    anchor: .middle, role: "axis-title")
        return marks + [axisLine, .text(title)]
    }

    /// The time labels under a line chart: level when they fit side by side, else turned
    /// 45° and, when even so too close, every k-th; then the axis name below the lowest.
    func categoryLabels(at xs: [Double], below y: Double, width: Double) -> [Mark] {
        let spacing = width / Double(max(1, xs.count))
        let widest = categories.map { Chart.textWidth($0, size: Chart.tickSize) }.max() ?? 0
        let level = widest + 8 <= spacing
        let every = level ? 1 : max(1, Int((1.5 * Chart.tickSize / 0.7071 / spacing).rounded(.up)))
        var marks = [Mark]()
        for (i, x) in xs.enumerated() where i % every == 0 {
            marks.append(.line(x1: x, y1: y, x2: x, y2: y + 4, stroke: "#333", width: 1, dashed: false))
            let l = level
                ? Label(text: categories[i], x: x, y: y + 8 + Chart.ascent * Chart.tickSize, size: Chart.tickSize, anchor: .middle, role: "category")
                : Label(text: categories[i], x: x + 3, y: y + 10, size: Chart.tickSize, anchor: .end, angle: -45, role: "category")
            marks.append(.text(l))
        }
        let bottom = Chart.union(marks)?.maxY ?? y
        let name = Label(text: axisName, x: width / 2, y: bottom + 10 + Chart.ascent * Chart.axisTitleSize, size: Chart.axisTitleSize,
                         anchor: .middle, role: "axis-title")
        return marks + [.text(name)]
    }

    /// The message in an empty plot.
    static func nothingToDraw(x: Double, y: Double) -> Mark {
        .text(Label(text: "没有符合条件的文章", x: x, y: y + 0.35 * 14, size: 14, anchor: .middle, fill: "#666", role: "note"))
    }

    enum Swatch { case line, bar }

    /// The legend, top left at (`x`, 0): the dimension, how many series it has when they
    /// were folded, and one entry per series.
    func legend(x: Double, swatch: Swatch) -> [Mark] {
        guard let legendHeading, !series.isEmpty else { return [] }
        var marks = [Mark.text(Label(text: legendHeading, x: x, y: Chart.ascent * 13, size: 13, bold: true, role: "legend-heading"))]
        var y = 13 * (Chart.ascent + Chart.descent) + 4
        if let legendNote {
            marks.append(.text(Label(text: legendNote, x: x, y: y + Chart.ascent * 11.5, size: 11.5, fill: "#555", role: "legend-note")))
            y += 11.5 * (Chart.ascent + Chart.descent) + 4
        }
        for s in series {
            let mid = y + 10
            switch swatch {
            case .line: marks.append(.line(x1: x, y1: mid, x2: x + 22, y2: mid, stroke: s.color, width: 2.5, dashed: s.dashed))
            case .bar: marks.append(.rect(x: x, y: mid - 6, width: 12, height: 12, fill: s.color))
            }
            marks.append(.text(Label(text: s.name, x: x + 30, y: mid + 0.35 * Chart.legendSize, size: Chart.legendSize, role: "legend")))
            y += 20
        }
        return marks
    }
}

// MARK: - SVG

extension Chart {
    func document(_ marks: [Mark], width: Double, height: Double) -> String {
        let (w, h) = (Int(width), Int(height))
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(w)" height="\(h)" viewBox="0 0 \(w) \(h)" font-family="\(Chart.font)">
        <title>\(Chart.escape(title))</title>
        <rect x="0" y="0" width="\(w)" height="\(h)" fill="white"/>

        """
        for m in marks { svg += Chart.element(m) + "\n" }
        return svg + "</svg>\n"
    }

    static func element(_ m: Mark) -> String {
        switch m {
        case let .line(x1, y1, x2, y2, stroke, width, dashed):
            return "<line x1=\(q(x1)) y1=\(q(y1)) x2=\(q(x2)) y2=\(q(y2)) stroke=\"\(stroke)\" stroke-width=\(q(width))\(dashed ? " stroke-dasharray=\"6 4\"" : "")/>"
        case let .rect(x, y, w, h, fill):
            return "<rect x=\(q(x)) y=\(q(y)) width=\(q(w)) height=\(q(h)) fill=\"\(fill)\"/>"
        case let .polyline(points, stroke, dashed):
            let p = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
            return "<polyline fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"2.5\" stroke-linejoin=\"round\"\(dashed ? " stroke-dasharray=\"6 4\"" : "") points=\"\(p)\"/>"
        case let .circle(x, y, r, fill):
            return "<circle cx=\(q(x)) cy=\(q(y)) r=\(q(r)) fill=\"\(fill)\"/>"
        case let .text(l):
            var a = "class=\"\(l.role)\" x=\(q(l.x)) y=\(q(l.y)) font-size=\(q(l.size)) fill=\"\(l.fill)\""
            if l.anchor != .start { a += " text-anchor=\"\(l.anchor.rawValue)\"" }
            if l.bold { a += " font-weight=\"bold\"" }
            if l.angle != 0 { a += " transform=\"rotate(\(n(l.angle)) \(n(l.x)) \(n(l.y)))\"" }
            return "<text \(a)>\(escape(l.text))</text>"
        }
    }

    static func n(_ v: Double) -> String { String(format: "%.1f", v) }
    static func q(_ v: Double) -> String { "\"\(n(v))\"" }

    /// `s` as XML text: no controls (XML 1.0 forbids most), bidi characters or
    /// noncharacters, markup escaped.
    static func escape(_ s: String) -> String {
        let safe = String(String.UnicodeScalarView(SafeText.display(s).unicodeScalars.filter { $0.value != 0xFFFE && $0.value != 0xFFFF }))
        return safe.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
