import Foundation
import Testing
import TestSupport

/// The two executables on the sample corpus, as a user runs them.
@Suite(.serialized) struct EndToEndTests {
    let dir: TemporaryFolder
    let newsIndex: String
    let newsSearch: String
    var index: String { dir.path + "/index" }

    init() throws {
        dir = try TemporaryFolder("e2e")
        newsIndex = try #require(executable("news-index"), "news-index is not built")
        newsSearch = try #require(executable("news-search"), "news-search is not built")
        let r = try run(newsIndex, ["--index", dir.path + "/index", "--quiet", repositoryRoot + "/corpus"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("added 75, replaced 0, skipped 0"), "\(r.out)")
    }

    @Test func searchPrintsRankedHighlightedResults() throws {
        let r = try run(newsSearch, ["--index", index, "低空经济", "芜湖", "--limit", "3"], environment: ["NO_COLOR": "1"])
        #expect(r.status == 0)
        #expect(r.out.contains(" 1. "))
        // In a pipe, matches are not marked (news headlines use 【】 themselves).
        #expect(r.out.contains("芜湖") && !r.out.contains("【芜湖】") && !r.out.contains("【低空经济】"))
        #expect(r.out.contains("安徽省芜湖市"))
    }

    @Test func jsonLinesCarryEveryField() throws {
        let r = try run(newsSearch, ["--index", index, "钙钛矿", "--format", "json", "--limit", "5"])
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for key in ["id", "score", "title", "date", "source", "url", "path", "regions", "industries", "cluster", "snippet"] {
                #expect(o.keys.contains(key), "missing \(key)")
            }
            let snippet = try #require(o["snippet"] as? [String: Any])
            let text = Array((snippet["text"] as? String ?? "").unicodeScalars)
            for m in snippet["matches"] as? [[Int]] ?? [] {
                let s = String(String.UnicodeScalarView(text[m[0] ..< m[1]]))
                #expect(["钙钛", "钛矿", "钙钛矿", "鈣鈦礦", "鈣鈦", "鈦礦"].contains(s), "highlight \(s)")
            }
        }
    }

    @Test func reprintsOfTheCorpusShareACluster() throws {
        let r = try run(newsSearch, ["--index", index, "芜湖低空经济产业园", "--format", "json", "--limit", "3", "--all", "--no-collapse"])
        let clusters = r.out.split(separator: "\n").compactMap { line -> String? in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["cluster"] as? String
        }
        #expect(clusters.count == 3 && Set(clusters).count == 1, "\(clusters)")
    }

    @Test func filtersCountsAndCSV() throws {
        let count = try run(newsSearch, ["--index", index, "--region", "山东", "--count"])
        #expect(Int(count.out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= 3)
        let csv = try run(newsSearch, ["--index", index, "--industry", "K70", "--from", "2024", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.out.hasPrefix("rank,id,score,date,title,source,regions,industries,url,path\n"))
        #expect(csv.out.contains("K70"))
    }

    @Test func batchModeWithTiming() throws {
        let queries = dir.path + "/q.tsv"
        try "q1\t淄博高新区\nq2\t\"跨境电商\"\nq3\t房地产 郑州\n".write(toFile: queries, atomically: true, encoding: .utf8)
        let r = try run(newsSearch, ["--index", index, "--queries", queries, "--format", "tsv", "--timing"])
        #expect(r.status == 0)
        let rows = r.out.split(separator: "\n").map { $0.split(separator: "\t") }
        #expect(rows.allSatisfy { $0.count == 4 })
        #expect(Set(rows.map { String($0[0]) }) == ["q1", "q2", "q3"])
        #expect(r.err.range(of: #"^queries=3 mean_us=\d+ p50_us=\d+ p90_us=\d+ p99_us=\d+\n$"#, options: .regularExpression) != nil, "\(r.err)")
        // Windows line ends: the same three queries, the same results.
        let crlf = dir.path + "/q-crlf.tsv"
        try "q1\t淄博高新区\r\nq2\t\"跨境电商\"\r\nq3\t房地产 郑州\r\n".write(toFile: crlf, atomically: true, encoding: .utf8)
        let w = try run(newsSearch, ["--index", index, "--queries", crlf, "--format", "tsv"])
        #expect(w.status == 0 && w.out == r.out)
    }

    @Test func errorsHaveTheDocumentedExitCodes() throws {
        let none = try run(newsSearch, ["--index", dir.path + "/nowhere", "淄博"])
        #expect(none.status == 1)
        #expect(none.err.contains("no index in"))
        let usage = try run(newsSearch, ["--index", index])
        #expect(usage.status == 2)
        #expect(try run(newsSearch, ["--index", index, " \u{3000}"]).status == 2)  // blank: no query
        let queries = dir.path + "/queries.tsv"
        try "q1\t淄博\r\n\r\nq2\t\"未闭合\r\n".write(toFile: queries, atomically: true, encoding: .utf8)
        let syntax = try run(newsSearch, ["--index", index, "--queries", queries, "--format", "tsv"])
        #expect(syntax.status == 2 && syntax.err.contains("\(queries):3: unterminated quote"))
        // A query with nothing in it finds nothing (alone it would list every article).
        try "q1\t淄博\nq2\t \nq3\t\"\"\n".write(toFile: queries, atomically: true, encoding: .utf8)
        let empty = try run(newsSearch, ["--index", index, "--queries", queries, "--format", "tsv"])
        #expect(empty.status == 0 && empty.err.contains("\(queries):2: empty query") && empty.err.contains("\(queries):3: empty query"))
        #expect(Set(empty.out.split(separator: "\n").map { $0.split(separator: "\t")[0] }) == ["q1"])
        for blank in ["\"\"", "title:", "\u{00A0}"] { #expect(try run(newsSearch, ["--index", index, blank]).status == 2) }
        let region = try run(newsSearch, ["--index", index, "淄博", "--region", "淄搏"])
        #expect(region.status == 2)
        #expect(region.err.contains("unknown region") && region.err.contains("淄博"))
        let bad = dir.path + "/bad.jsonl"
        try "{\"id\": \"x\", \"title\": 5}\n{oops\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let partial = try run(newsIndex, ["--index", index, "--quiet", bad])
        #expect(partial.status == 1)
        #expect(partial.err.contains("\(bad):1") && partial.err.contains("\(bad):2"))
    }

    /// The corpus's web pages and feed are found by what is in their articles,
    /// never by their markup or page furniture.
    @Test func webPagesAndFeedsAreSearchable() throws {
        let page = try run(newsSearch, ["--index", index, "虔源磁材", "--format", "json", "--limit", "1"])
        let o = try #require(try JSONSerialization.jsonObject(with: Data(page.out.split(separator: "\n").first.map(String.init)?.utf8 ?? "".utf8)) as? [String: Any])
        #expect(o["title"] as? String == "赣州6000吨高性能稀土永磁项目投产 瞄准新能源汽车驱动电机")
        #expect(o["date"] as? String == "2025-06-18")
        #expect(o["url"] as? String == "https://www.xinhecaijing.example/2025/06/18/chanjing_20250618_4417.html")
        let feed = try run(newsSearch, ["--index", index, "\"储能电池项目二期投产\"", "--format", "tsv"])
        #expect(feed.out.contains("guangdong-economy.rss#4"), "\(feed.out)")
        for furniture in ["网友评论", "版权所有", "分享到", "ICP备", "<p>", "gtag", "划重点"] {
            let r = try run(newsSearch, ["--index", index, "\"" + furniture + "\"", "--count"])
            #expect(r.out.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(furniture): \(r.out) \(r.err)")
        }
    }

    @Test func analyzeShowsTokens() throws {
        let r = try run(newsIndex, ["analyze", "淄博高新區(qū)鈣鈦礦"])
        #expect(r.status == 0)
        #expect(r.out.contains("normalized: 淄博高新区钙钛矿"))
        #expect(r.out.contains("word     5      钙钛矿  (source: 鈣鈦礦)"))
    }

    @Test func deleteStatsVerifyMerge() throws {
        #expect(try run(newsIndex, ["delete", "--index", index, "wire-2025-0001"]).status == 0)
        let stats = try run(newsIndex, ["stats", "--index", index])
        #expect(stats.out.contains("articles:   74 live, 1 deleted"))
        #expect(try run(newsIndex, ["merge", "--index", index]).out.contains("merged: 74 articles in 1 segment"))
        #expect(try run(newsIndex, ["verify", "--index", index]).status == 0)
    }
}

@Suite(.serialized) struct AnalyticsEndToEndTests {
    @Test func countsByRegionAndTimeAndReprintCollapsing() throws {
        let dir = try TemporaryFolder("analytics")
        let newsIndex = try #require(executable("news-index"))
        let newsSearch = try #require(executable("news-search"))
        #expect(try run(newsIndex, ["--index", dir.path, "--quiet", repositoryRoot + "/corpus"]).status == 0)
        // The three Wuhu reprints are one story: collapsed they count once.
        let collapsed = try run(newsSearch, ["--index", dir.path, "芜湖低空经济产业园", "--by", "month", "--format", "csv"])
        #expect(collapsed.out.contains("month,count\n"))
        #expect(collapsed.out.contains("2026-04,1\n"), "\(collapsed.out)")
        let copies = try run(newsSearch, ["--index", dir.path, "芜湖低空经济产业园", "--by", "month", "--format", "csv", "--no-collapse"])
        #expect(copies.out.contains("2026-04,3\n"), "\(copies.out)")
        // Search output folds the reprints into one result that names the other sources.
        let results = try run(newsSearch, ["--index", dir.path, "芜湖低空经济产业园", "--all"], environment: ["NO_COLOR": "1"])
        #expect(results.out.contains("also reprinted by:"))
        #expect(!results.out.contains(" 2. "))
        // Two dimensions: a table; json rows for pandas.
        let table = try run(newsSearch, ["--index", dir.path, "--by", "region", "--by", "year"], environment: ["NO_COLOR": "1"])
        #expect(table.status == 0 && table.out.contains("山东省") && table.out.contains("2026"))
        let json = try run(newsSearch, ["--index", dir.path, "--region", "山东", "--by", "city", "--format", "json"])
        for line in json.out.split(separator: "\n") {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            // Codes and names in columns of their own, for pandas and R.
            #expect(o["city_code"] is String && o["city_name"] is String && o["count"] is Int, "\(o)")
        }
        #expect(try run(newsSearch, ["--index", dir.path, "--by", "planet"]).status == 2)
    }

    /// One counting rule: --count, the rows of a time table, its footer and the
    /// --all list agree, reprints folded or not; partial matches never count.
    @Test func everyCountAgrees() throws {
        let dir = try TemporaryFolder("counts")
        let newsIndex = try #require(executable("news-index"))
        let newsSearch = try #require(executable("news-search"))
        #expect(try run(newsIndex, ["--index", dir.path, "--quiet", repositoryRoot + "/corpus"]).status == 0)
        func out(_ args: [String]) throws -> String { try run(newsSearch, ["--index", dir.path] + args, environment: ["NO_COLOR": "1"]).out }
        for query in ["新能源汽车", "芜湖低空经济产业园", "钙钛矿 电池", "\"跨境电商\""] {
            for fold in [[], ["--no-collapse"]] {
                let count = Int(try out([query, "--count"] + fold).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
                let listed = try out([query, "--all", "--limit", "0", "--format", "tsv"] + fold).split(separator: "\n").count - 1
                let csv = try out([query, "--by", "year", "--format", "csv"] + fold).split(separator: "\n").dropFirst()
                let summed = csv.compactMap { Int($0.split(separator: ",").last ?? "") }.reduce(0, +)
                let footer = try out([query, "--by", "year"] + fold).split(separator: "\n").last.map(String.init) ?? ""
                #expect(count > 0, "\(query)")
                #expect(listed == count && summed == count && footer == "\(count) matching articles", "\(query) \(fold): \(count) \(listed) \(summed) \(footer)")
            }
        }
        // The three Wuhu copies are one story; 能源 alone does not count for 新能源汽车.
        #expect(try out(["芜湖低空经济产业园", "--count"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        #expect(try out(["芜湖低空经济产业园", "--count", "--no-collapse"]).trimmingCharacters(in: .whitespacesAndNewlines) == "3")
    }

    /// Time rows run without gaps, zero included; other rows come largest first.
    @Test func timeRowsWithoutGapsAndLargestRowsFirst() throws {
        let dir = try TemporaryFolder("rows")
        let newsIndex = try #require(executable("news-index"))
        let newsSearch = try #require(executable("news-search"))
        #expect(try run(newsIndex, ["--index", dir.path, "--quiet", repositoryRoot + "/corpus"]).status == 0)
        let quarters = try run(newsSearch, ["--index", dir.path, "新能源", "--by", "quarter", "--from", "2023", "--to", "2026", "--format", "csv"])
        let keys = quarters.out.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        #expect(keys.count == 16 && keys.first == "2023-Q1" && keys.last == "2026-Q4", "\(keys)")
        #expect(quarters.out.contains(",0\n"))
        let regions = try run(newsSearch, ["--index", dir.path, "--by", "region", "--format", "csv", "--top", "3"])
        let counts = regions.out.split(separator: "\n").dropFirst().compactMap { Int($0.split(separator: ",").last ?? "") }
        #expect(counts.count == 3 && counts == counts.sorted(by: >), "\(regions.out)")
        #expect(regions.out.hasPrefix("region_code,region_name,count\n440000,广东省,"), "\(regions.out)")
        let sources = try run(newsSearch, ["--index", dir.path, "--by", "source", "--top", "1", "--format", "csv"])
        #expect(sources.out.split(separator: "\n").count == 2, "\(sources.out)")
        #expect(try run(newsSearch, ["--index", dir.path, "--by", "year", "--top", "2"]).status == 2)
        // Shares: a year's matches over all of that year's articles.
        let share = try run(newsSearch, ["--index", dir.path, "新能源", "--by", "year", "--share", "--format", "csv"])
        let all = try run(newsSearch, ["--index", dir.path, "--by", "year", "--format", "csv"])
        #expect(share.out.hasPrefix("year,count,share\n"))
        var totals = [String: Double]()
        for line in all.out.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ","); totals[String(f[0])] = Double(f[1])
        }
        for line in share.out.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            let expected = (Double(f[1]) ?? 0) / (totals[f[0]] ?? 1)
            #expect(abs((Double(f[2]) ?? -1) - expected) < 0.0001, "\(line)")
        }
    }
}

@Suite(.serialized) struct WatchEndToEndTests {
    /// Search runs in a loop while another process indexes arriving files: no
    /// errors, counts never go down, and the final commit holds everything.
    @Test func searchesDuringWatchSeeConsistentCommits() throws {
        let dir = try TemporaryFolder("watch")
        let newsIndex = try #require(executable("news-index"))
        let newsSearch = try #require(executable("news-search"))
        let inbox = dir.path + "/inbox", index = dir.path + "/index"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let watcher = Process()
        watcher.executableURL = URL(fileURLWithPath: newsIndex)
        watcher.arguments = ["--index", index, "--watch", "--interval", "0.3", "--threads", "1", inbox]
        let log = Pipe()
        watcher.standardOutput = log
        watcher.standardError = FileHandle.nullDevice
        try watcher.run()
        defer { if watcher.isRunning { watcher.terminate() } }
        let portals = repositoryRoot + "/corpus/portals"
        let folders = try FileManager.default.contentsOfDirectory(atPath: portals).sorted()
        var counts = [Int]()
        var errors = [String]()
        for (i, folder) in folders.enumerated() {
            try FileManager.default.copyItem(atPath: portals + "/" + folder, toPath: inbox + "/" + folder)
            if i == folders.count - 1 {
                try FileManager.default.copyItem(atPath: repositoryRoot + "/corpus/feeds/wire-2025.jsonl", toPath: inbox + "/wire.jsonl")
            }
            for _ in 0 ..< 4 {
                usleep(150_000)
                guard FileManager.default.fileExists(atPath: index),
                      (try FileManager.default.contentsOfDirectory(atPath: index)).contains(where: { $0.hasPrefix("commit.") }) else { continue }
                let r = try run(newsSearch, ["--index", index, "--count", "--no-collapse", "--from", "2000"])
                if r.status != 0 { errors.append(r.err) } else if let n = Int(r.out.trimmingCharacters(in: .whitespacesAndNewlines)) { counts.append(n) }
                let v = try run(newsIndex, ["verify", "--index", index])
                if v.status != 0 { errors.append(v.err) }
            }
        }
        // Wait for the last files to settle and be committed.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let r = try run(newsSearch, ["--index", index, "--count", "--no-collapse", "--from", "2000"])
            if Int(r.out.trimmingCharacters(in: .whitespacesAndNewlines)) == 67 { break }
            usleep(200_000)
        }
        watcher.terminate()  // SIGTERM: commit and stop
        watcher.waitUntilExit()
        #expect(watcher.terminationStatus == 0)
        #expect(errors.isEmpty, "\(errors)")
        #expect(counts == counts.sorted(), "\(counts)")
        #expect(counts.count >= 5)
        // 68 articles, one without a date.
        let final = try run(newsSearch, ["--index", index, "--count", "--no-collapse", "--from", "2000"])
        #expect(final.out.trimmingCharacters(in: .whitespacesAndNewlines) == "67")
        let output = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(output.contains("stopped; everything read is committed"))
    }
}
