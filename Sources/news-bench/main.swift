// news-bench: the project's in-process measurements, driven by scripts/bench.sh.
//
//   news-bench analyze FILE.jsonl...   analyzer throughput on one thread: for every
//       line, the title and body are cleaned and analyzed; the clock runs only
//       around cleaning and analysis (JSON parsing is excluded, as reading is in
//       ../shared/bench/limits/icu-words). Prints MB/s of UTF-8 text analyzed.
import Foundation
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
    default: fail("unknown command \(command)")
    }
} catch {
    fail("\(error)")
}
