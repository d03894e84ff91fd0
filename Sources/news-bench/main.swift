// news-bench: the project's in-process measurements, driven by scripts/bench.sh.
//
//   news-bench analyze FILE.jsonl...   analyzer throughput on one thread: for every
//       line, the title and body are cleaned and analyzed; the clock runs only
//       around cleaning and analysis (JSON parsing is excluded, as reading is in
//       ../shared/bench/limits/icu-words). Prints MB/s of UTF-8 text analyzed.
//   news-bench extract FILE.jsonl...   extraction throughput on one thread: every record
//       laid out as a saved portal page and extracted again (see benchExtract).
//   news-bench html PAGES_DIR [PASSES]   web-page extraction throughput on one thread:
//       every .html under PAGES_DIR decoded and extracted PASSES times (default 5);
//       the clock runs around decoding and extraction, files are read first.
//       Prints pages/s and MB/s.
//   news-bench html-big MB   one generated page of MB megabytes (a long article among
//       navigation, link lists and scripts) extracted once: seconds and peak memory.
//   news-bench tags DATA_DIR LABELS.tsv  tagging quality: province precision/recall on the
//       hand-labelled CCTV articles of LABELS.tsv (run once per label file: the tuning set and
//       the held-out set); industry precision/recall/F1 on THUCNews headlines, dev (tuned on)
//       and test (checked) apart (房产 → K70, 股票/财经 → J), and on FinNL briefs (房地产 → K70,
//       债券 → J, 能源 → energy). --verbose lists the province mistakes; EXPLAIN=ID shows the
//       mentions behind one article's tags; THUC_MISTAKES=1 with --verbose lists dev mistakes;
//       INDUSTRY_EXPLAIN=HEADLINE shows the keywords behind one headline's industry tags;
//       REGION_TUNING=name=value,… varies the region tagger's thresholds.
//   news-bench reprints FILE.jsonl...  reprint detection quality on pairs built from
//       real articles: edited copies of one story (sentence dropped or added, characters
//       changed, junk lines added, tail cut) against different stories of the same day.
//       Prints the distance distributions and precision/recall per threshold.
//   news-bench gen-tables FILE [--check]   not a measurement: writes the analyzer's tables
//       compiled into the binary (CBuiltinTables, see scripts/gen_tables.sh) to FILE, or with
//       --check exits 1 when FILE is not what it would write.
import Foundation
import NewsCatalog
import NewsIngest
import NewsText

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("news-bench: \(message)\n".utf8))
    exit(2)
}

func texts(in path: String) -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    var result = [String]()
    for line in data.split(separator: UInt8(ascii: "\n")) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
        let text = [object["title"], object["body"]].compactMap { $0 as? String }.joined(separator: "\n")
        if !text.isEmpty { result.append(text) }
    }
    return result
}

struct DatedText { var date: String; var title: String; var body: String }

func datedTexts(in path: String) -> [DatedText] {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return data.split(separator: UInt8(ascii: "\n")).compactMap { line in
        guard let o = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
              let body = o["body"] as? String else { return nil }
        return DatedText(date: o["date"] as? String ?? "", title: o["title"] as? String ?? "", body: body)
    }
}

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Edited copies of `body`, each the kind of change a reprint goes through.
func variants(of body: String, other: String, rng: inout SplitMix) -> [(String, String)] {
    let sentences = body.split(separator: "。", omittingEmptySubsequences: true).map { String($0) + "。" }
    var result = [(String, String)]()
    if sentences.count >= 4 {
        var dropped = sentences
        dropped.remove(at: 1 + Int(rng.next() % UInt64(sentences.count - 1)))
        result.append(("sentence dropped", dropped.joined()))
    }
    let extra = other.split(separator: "。").first.map { String($0) + "。" } ?? ""
    var added = sentences
    added.insert(extra, at: Int(rng.next() % UInt64(sentences.count + 1)))
    result.append(("sentence added", added.joined()))
    var chars = Array(body)
    for _ in 0 ..< max(1, chars.count / 50) {
        let i = Int(rng.next() % UInt64(chars.count))
        if chars[i].unicodeScalars.first.map({ $0.value >= 0x4E00 && $0.value < 0xA000 }) == true {
            chars[i] = Character(Unicode.Scalar(0x4E00 + UInt32(rng.next() % 0x5000))!)
        }
    }
    result.append(("2% characters edited", String(chars).replacingOccurrences(of: "，", with: ",")))
    result.append(("byline and junk lines", "（记者 张明 通讯员 李华）" + body + "\n转自：新华日报\n延伸阅读\n热点视频\n上半年汽车工业多项经济指标创新高"))
    result.append(("tail cut to 80%", String(body.prefix(body.count * 4 / 5))))
    return result
}

func benchReprints(_ files: [String]) throws {
    let table = try CharacterTable.shared()
    let articles = files.flatMap(datedTexts).filter { $0.body.count >= 200 }
    var rng = SplitMix(state: 42)
    var positives = [(String, Double)]()
    var negatives = [(Double, Int, Int)]()
    let fp = { (s: String) in Fingerprint(body: s, table: table) }
    for i in articles.indices.shuffled(using: &rng).prefix(2000) {
        guard let base = fp(articles[i].body) else { continue }
        let other = articles[(i + 7) % articles.count].body
        for (kind, text) in variants(of: articles[i].body, other: other, rng: &rng) {
            if let v = fp(text) { positives.append((kind, base.similarity(v))) }
        }
    }
    // Negatives: every pair of different stories published on the same day.
    let byDay = Dictionary(grouping: articles.indices, by: { articles[$0].date })
    for (_, group) in byDay where group.count > 1 {
        let prints = group.map { fp(articles[$0].body) }
        for a in group.indices { for b in group.indices where b > a {
            guard let x = prints[a], let y = prints[b], articles[group[a]].body != articles[group[b]].body else { continue }
            negatives.append((x.similarity(y), group[a], group[b]))
        } }
    }
    negatives.sort { $0.0 > $1.0 }
    print("reprints: articles=\(articles.count) positive_pairs=\(positives.count) negative_pairs=\(negatives.count)")
    print("most similar different stories of the same day (estimated Jaccard):")
    for (s, a, b) in negatives.prefix(5) {
        print(String(format: "  %.3f  %@ | %@", s, String(articles[a].title.prefix(24)), String(articles[b].title.prefix(24))))
    }
    for kind in Set(positives.map(\.0)).sorted() {
        let d = positives.filter { $0.0 == kind }.map(\.1).sorted()
        print(String(format: "  %@: median similarity %.3f, 10th percentile %.3f, min %.3f", kind, d[d.count / 2], d[d.count / 10], d[0]))
    }
    print("threshold  precision  recall   (edited copies vs same-day different stories)")
    for t in [0.5, 0.6, 0.65, 0.7, 0.75, 0.8] {
        let tp = positives.filter { $0.1 >= t }.count
        let fpCount = negatives.filter { $0.0 >= t }.count
        let precision = tp + fpCount == 0 ? 1 : Double(tp) / Double(tp + fpCount)
        print(String(format: "%9.3f  %9.4f  %6.4f  false merges: %d%@", t, precision, Double(tp) / Double(positives.count), fpCount,
                     t == ReprintClusterer.defaultThreshold ? "   <- default" : ""))
    }
}

func jsonObjects(_ path: String) -> [[String: Any]] {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return data.split(separator: UInt8(ascii: "\n")).compactMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
}

struct Counts {
    var tp = 0, fp = 0, fn = 0
    var precision: Double { tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp) }
    var recall: Double { tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    mutating func add(predicted: Bool, actual: Bool) {
        if predicted && actual { tp += 1 } else if predicted { fp += 1 } else if actual { fn += 1 }
    }
    var line: String { String(format: "precision %.3f  recall %.3f  F1 %.3f  (tp %d, fp %d, fn %d)", precision, recall, f1, tp, fp, fn) }
}

/// `RegionTagger.Tuning.standard`, with overrides from `REGION_TUNING=name=value,…` for sweeps.
func regionTuning() -> RegionTagger.Tuning {
    var t = RegionTagger.Tuning.standard
    for pair in (ProcessInfo.processInfo.environment["REGION_TUNING"] ?? "").split(separator: ",") {
        let kv = pair.split(separator: "=").map(String.init)
        guard kv.count == 2, let v = Double(kv[1]) else { fail("REGION_TUNING: bad pair \(pair)") }
        switch kv[0] {
        case "minimumWeight": t.minimumWeight = Int(v)
        case "relativeWeight": t.relativeWeight = v
        case "foreignMinimumWeight": t.foreignMinimumWeight = Int(v)
        case "nationalSpread": t.nationalSpread = Int(v)
        case "maximumProvinces": t.maximumProvinces = Int(v)
        case "itemMinimumWeight": t.itemMinimumWeight = Int(v)
        case "itemLeaderWeight": t.itemLeaderWeight = Int(v)
        default: fail("REGION_TUNING: unknown name \(kv[0])")
        }
    }
    return t
}

func benchTags(_ args: [String]) throws {
    let args = args.filter { $0 != "--verbose" }
    guard args.count == 2 else { fail("usage: news-bench tags DATA_DIR LABELS.tsv [--verbose]") }
    let data = args[0]
    let regions = try RegionCatalog.shared()
    let regionTagger = RegionTagger(catalog: regions, tuning: regionTuning())
    let segmenter = try WordSegmenter()
    // Provinces on the hand labels.
    var labels = [String: Set<Int32>]()
    for line in (try String(contentsOfFile: args[1], encoding: .utf8)).split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("id\t") {
        let f = line.split(separator: "\t", omittingEmptySubsequences: false)
        labels[String(f[0])] = Set((f.count > 1 ? f[1] : "").split(separator: ",").compactMap { Int32($0).map { $0 * 10000 } })
    }
    var provinces = Counts()
    var exact = 0
    var mistakes = [String]()
    for year in 2022 ... 2025 {
        for o in jsonObjects("\(data)/news/cctv/cctv-\(year).jsonl") {
            guard let id = o["id"] as? String, let truth = labels[id] else { continue }
            let tags = regionTagger.tag(headline: o["title"] as? String ?? "", body: o["body"] as? String ?? "", segmenter: segmenter)
            let predicted = Set(tags.map { regions.province(of: $0) })
            for p in predicted.union(truth) { provinces.add(predicted: predicted.contains(p), actual: truth.contains(p)) }
            if ProcessInfo.processInfo.environment["EXPLAIN"] == id {
                print(regionTagger.explain(headline: o["title"] as? String ?? "", body: o["body"] as? String ?? "", segmenter: segmenter).joined(separator: "; "))
            }
            if predicted == truth { exact += 1 } else {
                mistakes.append("  \(id): labelled \(truth.sorted().map { $0 / 10000 }) tagged \(predicted.sorted().map { $0 / 10000 }) \((o["title"] as? String ?? "").prefix(20))")
            }
        }
    }
    print("provinces (\(labels.count) hand-labelled CCTV 2022-2025 articles): \(provinces.line); exact \(exact)")
    if CommandLine.arguments.contains("--verbose") { mistakes.forEach { print($0) } }

    let industries = try IndustryCatalog.shared()
    let tagger = IndustryTagger(catalog: industries)
    if let text = ProcessInfo.processInfo.environment["INDUSTRY_EXPLAIN"] {
        print(tagger.explain(headline: text, body: "").joined(separator: "; "))
    }
    let k70 = industries.industry(code: "70")!.id, j = industries.industry(code: "J")!.id
    let verbose = CommandLine.arguments.contains("--verbose")
    var thucMistakes = [String]()
    let energy = ["B", "D", "S6"].compactMap { industries.industry(code: $0)?.id }
    func has(_ tags: [Int32], _ target: Int32) -> Bool { tags.contains { industries.isWithin($0, target) } }
    for (file, split) in [("thucnews_titles_dev.jsonl", "dev"), ("thucnews_titles_test.jsonl", "test")] {
        var realEstate = Counts(), finance = Counts()
        var confusion = [String: [String: Int]]()
        for o in jsonObjects("\(data)/news/thucnews-titles/\(file)") {
            let category = o["category_zh"] as? String ?? ""
            let tags = tagger.tag(headline: o["title"] as? String ?? "", body: "")
            realEstate.add(predicted: has(tags, k70), actual: category == "房产")
            finance.add(predicted: has(tags, j), actual: category == "股票" || category == "财经")
            let predicted = has(tags, k70) ? "K70" : has(tags, j) ? "J" : tags.isEmpty ? "none" : "other"
            confusion[category, default: [:]][predicted, default: 0] += 1
            if verbose, (category == "房产") != has(tags, k70) || (category == "股票" || category == "财经") != has(tags, j), split == "dev" {
                let why = tagger.explain(headline: o["title"] as? String ?? "", body: "").dropLast().joined(separator: "; ")
                thucMistakes.append("  \(category) → \(predicted): \(o["title"] as? String ?? "")  [\(why)]")
            }
        }
        print("THUCNews \(split) headlines, real estate (房产 → K70): \(realEstate.line)")
        print("THUCNews \(split) headlines, finance (股票/财经 → J): \(finance.line)")
        print("  confusion (category: tagged K70 / J / other / none):")
        for (c, row) in confusion.sorted(by: { $0.key < $1.key }) {
            print("    \(c): \(row["K70", default: 0]) / \(row["J", default: 0]) / \(row["other", default: 0]) / \(row["none", default: 0])")
        }
    }
    var nlRealEstate = Counts(), nlBonds = Counts(), nlEnergy = Counts()
    for o in jsonObjects("\(data)/news/fincuge/finnl_news_labels.jsonl") {
        let labels = o["labels"] as? [String] ?? []
        let tags = tagger.tag(headline: "", body: o["body"] as? String ?? "")
        nlRealEstate.add(predicted: has(tags, k70), actual: labels.contains("房地产"))
        nlBonds.add(predicted: has(tags, j), actual: labels.contains("债券"))
        nlEnergy.add(predicted: energy.contains { has(tags, $0) }, actual: labels.contains("能源"))
    }
    print("FinNL briefs, 房地产 → K70: \(nlRealEstate.line)")
    print("FinNL briefs, 债券 → J: \(nlBonds.line)")
    print("FinNL briefs, 能源 → B/D/S6: \(nlEnergy.line)")
    if ProcessInfo.processInfo.environment["THUC_MISTAKES"] != nil { thucMistakes.forEach { print($0) } }
}

func benchAnalyze(_ files: [String]) throws {
    let all = files.flatMap(texts)
    let analyzer = try Analyzer()
    var bytes = 0
    var tokens = 0
    let start = DispatchTime.now().uptimeNanoseconds
    for text in all {
        let cleaned = TextCleaner.removePinyinDebris(text)
        try analyzer.analyze(cleaned)
        bytes += text.utf8.count
        tokens += analyzer.tokens.count
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print(String(format: "analyzer: texts=%d bytes=%d tokens=%d seconds=%.3f mb_per_s=%.2f",
                 all.count, bytes, tokens, seconds, Double(bytes) / seconds / 1e6))
}

/// Article extraction throughput on one thread: each record of the pool is laid
/// out as a saved portal page (breadcrumb, headline, date/source line, widgets,
/// paragraphs, credit, related links, copyright) and extracted again; the clock
/// runs only around extraction. Prints MB/s of page text, to set beside
/// news-index's MB/s on the same pool (the extractor's share of indexing time).
func benchExtract(_ files: [String]) throws {
    let records = files.flatMap(datedTexts)
    let pages = records.map { r in
        // Paragraphs of three sentences, as portals break them.
        let sentences = r.body.split(separator: "。").map { $0 + "。" }
        let paragraphs = stride(from: 0, to: sentences.count, by: 3)
            .map { sentences[$0 ..< min($0 + 3, sentences.count)].joined() }.joined(separator: "\n")
        return """
        当前位置：首页 > 新闻 > 正文
        \(r.title)
        \(r.date) 09:00  来源：央视网  编辑：王明
        分享到：微信 微博 【打印】【关闭】
        \(paragraphs)（记者 张伟）
        相关新闻
        一季度全国快递业务量同比增长超两成
        版权所有 京ICP备00000000号
        """
    }
    let extractor = PageExtractor(table: try CharacterTable.shared())
    var bytes = 0
    var bodyBytes = 0
    var extracted = [PageExtractor.Extracted]()
    extracted.reserveCapacity(pages.count)
    let cpuStart = threadCPUSeconds()
    let start = DispatchTime.now().uptimeNanoseconds
    for (i, page) in pages.enumerated() {
        let article = extractor.extract(page, path: "page-\(i).txt")
        bytes += page.utf8.count
        bodyBytes += article.body.utf8.count
        extracted.append(article)
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let cpuSeconds = threadCPUSeconds() - cpuStart
    // A digest of every field extracted: a change meant to be only faster must leave it alone.
    var digest: UInt64 = 0xcbf2_9ce4_8422_2325
    for a in extracted {
        for field in [a.headline, a.body, "\(String(describing: a.date))", a.source ?? "-", a.author ?? "-", a.reprintOrigin ?? "-", a.site ?? "-"] {
            for b in field.utf8 { digest = (digest ^ UInt64(b)) &* 0x100_0000_01b3 }
            digest = (digest ^ 0xFF) &* 0x100_0000_01b3
        }
    }
    // CPU time as well as the clock: on a shared machine it is the steadier of the two.
    print(String(format: "extract: pages=%d bytes=%d body_bytes=%d seconds=%.3f cpu_seconds=%.3f mb_per_s=%.2f digest=%016llx",
                 pages.count, bytes, bodyBytes, seconds, cpuSeconds, Double(bytes) / seconds / 1e6, digest))
}

/// CPU time consumed by the calling thread.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Web-page extraction throughput on one thread (see the header).
func benchHTML(_ arguments: [String]) throws {
    guard let dir = arguments.first else { fail("usage: news-bench html PAGES_DIR [PASSES]") }
    let passes = arguments.count > 1 ? Int(arguments[1]) ?? 5 : 5
    var files = [(String, [UInt8])]()
    let walker = FileManager.default.enumerator(atPath: dir)
    while let name = walker?.nextObject() as? String {
        guard name.hasSuffix(".html") || name.hasSuffix(".htm") else { continue }
        let path = dir + "/" + name
        if let data = FileManager.default.contents(atPath: path) { files.append((path, [UInt8](data))) }
    }
    files.sort { $0.0 < $1.0 }
    let extractor = HTMLExtractor(table: try CharacterTable.shared())
    var bytes = 0
    var bodies = 0
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0 ..< passes {
        for (path, data) in files {
            guard case let .success(decoded) = try FileDecoder.decodeMarkup(data) else { continue }
            let result = extractor.extract(decoded.text, path: path)
            bytes += data.count
            bodies += result.page.body.utf8.count
        }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let pages = files.count * passes
    print(String(format: "html: pages=%d passes=%d bytes=%d body_bytes=%d seconds=%.3f pages_per_s=%.1f mb_per_s=%.2f",
                 files.count, passes, bytes, bodies, seconds, Double(pages) / seconds, Double(bytes) / seconds / 1e6))
}

/// One generated page of the given size extracted once: time and peak memory.
func benchBigPage(_ arguments: [String]) throws {
    let megabytes = arguments.first.flatMap(Int.init) ?? 20
    func paragraph(_ i: Int) -> String {
        "<p>临川县经济开发区新材料产业园第\(i)号项目今年一季度完成固定资产投资\(i % 97).6亿元，同比增长18.3%，新开工项目9个，其中亿元以上项目6个。</p>\n"
    }
    let links = "<ul class=\"related\">" + (0 ..< 20).map { "<li><a href=\"/n/\($0).html\">临川县召开一季度经济运行分析会第\($0)次</a></li>" }.joined() + "</ul>\n"
    let script = "<script>var data = \"" + String(repeating: "x", count: 2000) + "\";</script>\n"
    var page = "<html><head><meta charset=\"utf-8\"><title>临川新材料产业园一季度投资增长18%_临川新闻网</title></head><body>"
    page += "<div class=\"nav\"><a href=\"/\">首页</a><a href=\"/jj/\">经济</a></div><h1>临川新材料产业园一季度投资增长18%</h1>"
    page += "<div class=\"info\">2024-04-08 09:30 来源：临川日报</div><div class=\"article\">"
    var body = ""
    var i = 0
    while page.utf8.count + body.utf8.count < megabytes * 1_000_000 {
        i += 1
        body += paragraph(i)
        if i % 300 == 0 { body += links + script }
    }
    page += body + "</div><div class=\"footer\">版权所有 临川新闻网</div></body></html>"
    let extractor = HTMLExtractor(table: try CharacterTable.shared())
    let before = peakMemoryMB()
    let start = DispatchTime.now().uptimeNanoseconds
    let result = extractor.extract(page, path: "big.html")
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print(String(format: "html-big: page_mb=%.1f body_mb=%.1f headline_chars=%d seconds=%.2f peak_rss_mb_before=%d peak_rss_mb=%d",
                 Double(page.utf8.count) / 1e6, Double(result.page.body.utf8.count) / 1e6, result.page.headline.count,
                 seconds, before, peakMemoryMB()))
}

func peakMemoryMB() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss / 1024
}

/// `gen-tables FILE [--check]`.
func generateTables(_ args: [String]) throws {
    guard let path = args.first(where: { !$0.hasPrefix("--") }) else { fail("usage: news-bench gen-tables FILE [--check]") }
    let source = try BuiltinTablesSource.render()
    if args.contains("--check") {
        guard FileManager.default.contents(atPath: path) == Data(source.utf8) else {
            FileHandle.standardError.write(Data("news-bench: \(path) is stale: run scripts/gen_tables.sh\n".utf8))
            exit(1)
        }
        return
    }
    guard FileManager.default.createFile(atPath: path, contents: Data(source.utf8)) else { fail("cannot write \(path)") }
}

let arguments = CommandLine.arguments.dropFirst()
guard let command = arguments.first else { fail("usage: news-bench analyze FILE...") }
do {
    switch command {
    case "analyze": try benchAnalyze(Array(arguments.dropFirst()))
    case "extract": try benchExtract(Array(arguments.dropFirst()))
    case "html": try benchHTML(Array(arguments.dropFirst()))
    case "html-big": try benchBigPage(Array(arguments.dropFirst()))
    case "reprints": try benchReprints(Array(arguments.dropFirst()))
    case "tags": try benchTags(Array(arguments.dropFirst()))
    case "gen-tables": try generateTables(Array(arguments.dropFirst()))
    default: fail("unknown command \(command)")
    }
} catch {
    fail("\(error)")
}
