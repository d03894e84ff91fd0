import Foundation
import NewsCLI

/// Charts of counts: an SVG file a researcher can drop into a report (a line
/// chart for a time series, bars otherwise; one series per value of a second
/// `--by`, with a legend), and nothing but plain text on the terminal.
enum Chart {
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
    static let font = "Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Zen Hei, PingFang SC, Microsoft YaHei, sans-serif"

    /// Writes the chart of `rows` (keys per dimension, count) to `path`.
    static func svg(_ rows: [(keys: [String], count: Int)], dimensions: [String], title: String, timeSeries: Bool) -> String {
        // A time axis has no place for undated articles.
        let categories = Array(Set(rows.map { $0.keys[0] })).sorted().filter { !timeSeries || !$0.hasPrefix("(") }
        var seriesNames = dimensions.count > 1 ? Array(Set(rows.map { $0.keys[1] })) : ["count"]
        // At most eight series: the largest.
        if seriesNames.count > 8 {
            let totals = Dictionary(grouping: rows, by: { $0.keys[1] }).mapValues { $0.reduce(0) { $0 + $1.count } }
            seriesNames = Array(seriesNames.sorted { (totals[$0] ?? 0, $1) > (totals[$1] ?? 0, $0) }.prefix(8))
        }
        seriesNames.sort()
        var value = [String: Int]()
        for r in rows { value[r.keys.joined(separator: "\u{1}")] = r.count }
        func v(_ c: String, _ s: String) -> Int { value[dimensions.count > 1 ? c + "\u{1}" + s : c] ?? 0 }
        let maxValue = max(1, categories.flatMap { c in seriesNames.map { v(c, $0) } }.max() ?? 1)
        let yMax = niceCeiling(maxValue)
        let width = 960.0, height = 540.0
        let left = 70.0, right = dimensions.count > 1 ? 200.0 : 30.0, top = 60.0, bottom = 110.0
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ i: Int) -> Double {
            categories.count == 1 ? left + plotW / 2 : left + plotW * (timeSeries ? Double(i) / Double(categories.count - 1) : (Double(i) + 0.5) / Double(categories.count))
        }
        func y(_ n: Int) -> Double { top + plotH * (1 - Double(n) / Double(yMax)) }
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="\(font)">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(left)" y="32" font-size="20" font-weight="bold">\(escape(title))</text>

        """
        // Grid and y axis.
        for k in 0 ... 5 {
            let n = yMax * k / 5
            svg += "<line x1=\"\(left)\" y1=\(q(y(n))) x2=\(q(left + plotW)) y2=\(q(y(n))) stroke=\"#e0e0e0\"/>\n"
            svg += "<text x=\(q(left - 8)) y=\(q(y(n) + 4)) font-size=\"12\" text-anchor=\"end\">\(n)</text>\n"
        }
        svg += "<line x1=\"\(left)\" y1=\(q(top)) x2=\"\(left)\" y2=\(q(top + plotH)) stroke=\"#333\"/>\n"
        svg += "<line x1=\"\(left)\" y1=\(q(top + plotH)) x2=\(q(left + plotW)) y2=\(q(top + plotH)) stroke=\"#333\"/>\n"
        svg += "<text transform=\"translate(18,\(Int(top + plotH / 2))) rotate(-90)\" font-size=\"13\" text-anchor=\"middle\">文章数 (articles)</text>\n"
        // X labels: at most ~24, rotated.
        let step = max(1, Int((Double(categories.count) / 24).rounded(.up)))
        for (i, c) in categories.enumerated() where i % step == 0 {
            svg += "<text transform=\"translate(\(q2(x(i))),\(q2(top + plotH + 14))) rotate(45)\" font-size=\"12\">\(escape(c))</text>\n"
        }
        svg += "<text x=\(q(left + plotW / 2)) y=\(q(height - 12)) font-size=\"13\" text-anchor=\"middle\">\(escape(dimensions[0]))</text>\n"
        // Data.
        for (si, s) in seriesNames.enumerated() {
            let color = palette[si % palette.count]
            if timeSeries {
                let points = categories.indices.map { "\(q2(x($0))),\(q2(y(v(categories[$0], s))))" }.joined(separator: " ")
                svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.5\" points=\"\(points)\"/>\n"
                for i in categories.indices {
                    svg += "<circle cx=\(q(x(i))) cy=\(q(y(v(categories[i], s)))) r=\"3\" fill=\"\(color)\"/>\n"
                }
            } else {
                let groupW = plotW / Double(max(1, categories.count)) * 0.8
                let barW = groupW / Double(seriesNames.count)
                for (i, c) in categories.enumerated() {
                    let n = v(c, s)
                    let bx = x(i) - groupW / 2 + barW * Double(si)
                    svg += "<rect x=\(q(bx)) y=\(q(y(n))) width=\(q(max(1, barW - 2))) height=\(q(top + plotH - y(n))) fill=\"\(color)\"/>\n"
                }
            }
        }
        if dimensions.count > 1 {
            for (si, s) in seriesNames.enumerated() {
                let ly = top + 10 + Double(si) * 22
                svg += "<rect x=\(q(left + plotW + 20)) y=\(q(ly - 10)) width=\"14\" height=\"14\" fill=\"\(palette[si % palette.count])\"/>\n"
                svg += "<text x=\(q(left + plotW + 40)) y=\(q(ly + 2)) font-size=\"13\">\(escape(s))</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    static func niceCeiling(_ n: Int) -> Int {
        let unit = max(1, (n + 4) / 5)
        let magnitude = Int(pow(10, floor(log10(Double(unit)))))
        let nice = [1, 2, 5, 10].map { $0 * magnitude }.first { $0 >= unit } ?? unit
        return nice * 5
    }

    static func q(_ v: Double) -> String { "\"\(String(format: "%.1f", v))\"" }
    static func q2(_ v: Double) -> String { String(format: "%.1f", v) }

    /// `s` as XML text: no controls (XML 1.0 forbids most) or bidi characters, markup escaped.
    static func escape(_ s: String) -> String {
        SafeText.display(s).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
