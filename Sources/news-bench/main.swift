// news-bench: the project's in-process measurements, driven by scripts/bench.sh.
//
//   news-bench analyze FILE.jsonl...   analyzer throughput on one thread: for every
//       line, the title and body are cleaned and analyzed; the clock runs only
//       around cleaning and analysis (JSON parsing is excluded, as reading is in
//       ../shared/bench/limits/icu-words). Prints MB/s of UTF-8 text analyzed.
//   news-bench reprints FILE.jsonl...  reprint detection quality on pairs built from
//       real articles: edited copies of one story (sentence dropped or added, characters
//       changed, junk lines added, tail cut) against different stories of the same day.
//       Prints the distance distributions and precision/recall per threshold.
import Foundation
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

let arguments = CommandLine.arguments.dropFirst()
guard let command = arguments.first else { fail("usage: news-bench analyze FILE...") }
do {
    switch command {
    case "analyze": try benchAnalyze(Array(arguments.dropFirst()))
    case "reprints": try benchReprints(Array(arguments.dropFirst()))
    default: fail("unknown command \(command)")
    }
} catch {
    fail("\(error)")
}
