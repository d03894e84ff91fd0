import Foundation
import Testing
import TestSupport

/// Issue 20, "hostile input": what articles, files and users can put in front of the two
/// executables, run as a user runs them on a small index of made-up records.
@Suite(.serialized) struct HostileInputEndToEndTests {
    let dir: TemporaryFolder
    let newsIndex: String
    let newsSearch: String
    var index: String { dir.path + "/index" }

    /// A record whose every field is hostile: terminal escapes (retitle, clear, colours as
    /// ESC and as the C1 CSI), a bidi override and isolate, CSV formula starts, separators.
    static let hostile = #"""
    {"id":"=HYPERLINK(\"http://evil\")\tx","title":"\u001b]0;owned\u0007淄博\u001b[2J高新区\u202e反转标题","body":"淄博高新区\u009b31m招商\r\n引资\u2066项目落地","source":"-来源,\"报\"\u001b[1m","url":"@x\\y\r\nz"}
    {"id":"plain","title":"淄博新闻","body":"淄博高新区招商引资。","source":"+2,3"}
    """#

    init() throws {
        dir = try TemporaryFolder("hostile")
        newsIndex = try #require(executable("news-index"), "news-index is not built")
        newsSearch = try #require(executable("news-search"), "news-search is not built")
        let feed = dir.path + "/hostile.jsonl"
        try Self.hostile.write(toFile: feed, atomically: true, encoding: .utf8)
        let r = try run(newsIndex, ["--index", index, "--quiet", feed])
        #expect(r.status == 0 && r.out.hasPrefix("added 2,"), "\(r.out) \(r.err)")
    }

    /// C0 and C1 controls, DEL and bidi formatting characters.
    static func unsafe(_ s: String) -> [Unicode.Scalar] {
        s.unicodeScalars.filter {
            $0.value < 0x20 && $0 != "\n" || (0x7F ... 0x9F).contains($0.value) || [0x061C, 0x200E, 0x200F].contains($0.value)
                || (0x202A ... 0x202E).contains($0.value) || (0x2066 ... 0x2069).contains($0.value)
        }
    }

    @Test func controlAndBidiCharactersNeverReachTheTerminal() throws {
        let text = try run(newsSearch, ["--index", index, "淄博"], environment: ["NO_COLOR": "1"])
        #expect(text.status == 0)
        #expect(Self.unsafe(text.out).isEmpty, "\(Self.unsafe(text.out))")
        let plain = text.out.replacingOccurrences(of: "【", with: "").replacingOccurrences(of: "】", with: "")
        #expect(plain.contains("]0;owned淄博[2J高新区反转标题") && plain.contains("-来源,\"报\"[1m"), "\(text.out)")
        // Every result is three lines: a \r\n in the body does not break one.
        #expect(text.out.split(separator: "\n").filter { !$0.hasPrefix("results ") }.count == 6, "\(text.out)")
        // A value echoed in an error is escaped, visibly.
        let region = try run(newsSearch, ["--index", index, "淄博", "--region", "\u{1B}]0;x\u{07}淄\u{202E}博"])
        #expect(region.status == 2)
        #expect(Self.unsafe(region.err).isEmpty && region.err.contains(#"\u{1B}]0;x\u{7}淄\u{202E}博"#), "\(region.err)")
        let parse = try run(newsSearch, ["--index", index, "\"淄博\u{1B}[2J"])
        #expect(parse.status == 2 && Self.unsafe(parse.err).isEmpty && parse.err.contains(#"\u{1B}[2J"#), "\(parse.err)")
        // Warnings of the indexer too (a duplicate id is quoted in one).
        let twice = dir.path + "/twice.jsonl"
        let record = #"{"id":"a\u001b[2J\u202eb","title":"标题"}"#
        try (record + "\n" + record + "\n").write(toFile: twice, atomically: true, encoding: .utf8)
        let warned = try run(newsIndex, ["--index", dir.path + "/twice", "--quiet", twice])
        #expect(warned.status == 0 && warned.err.contains(#"duplicate id a\u{1B}[2J\u{202E}b"#), "\(warned.err)")
        #expect(Self.unsafe(warned.err).isEmpty, "\(warned.err)")
        // `parse --explain` shows a page's lines.
        let page = dir.path + "/page.txt"
        try "淄博\u{1B}]0;owned\u{07}高新区\u{202E}招商\n\n淄博高新区招商引资项目落地。\u{9B}2J项目总投资十亿元，预计明年投产。\n".write(toFile: page, atomically: true, encoding: .utf8)
        let explain = try run(newsIndex, ["parse", "--explain", "--full", page])
        #expect(explain.status == 0 && explain.out.contains("招商引资") && Self.unsafe(explain.out).isEmpty, "\(explain.out)")
    }

    /// JSON keeps every character, C1 controls and bidi characters escaped as \uXXXX.
    @Test func jsonEscapesC1AndBidiCharacters() throws {
        let r = try run(newsSearch, ["--index", index, "淄博", "--format", "json"])
        #expect(r.status == 0 && Self.unsafe(r.out).isEmpty)
        #expect(r.out.contains(#"\u202e"#) && r.out.contains(#"\u009b"#) && r.out.contains(#"\u2066"#) && r.out.contains(#"\u001b"#))
        let objects = try r.out.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let o = try #require(objects.first { $0["id"] as? String != "plain" })
        #expect(o["title"] as? String == "\u{1B}]0;owned\u{07}淄博\u{1B}[2J高新区\u{202E}反转标题")
        #expect(o["id"] as? String == "=HYPERLINK(\"http://evil\")\tx")
    }

    @Test func csvCellsCannotInjectFormulasAndStayInTheirRow() throws {
        let r = try run(newsSearch, ["--index", index, "淄博", "--format", "csv"])
        #expect(r.status == 0)
        let rows = try Self.parseCSV(r.out)
        #expect(rows.count == 3 && rows.allSatisfy { $0.count == 10 }, "\(rows)")
        let byID = Dictionary(rows.dropFirst().map { ($0[1], $0) }, uniquingKeysWith: { a, _ in a })
        let evil = try #require(byID["'=HYPERLINK(\"http://evil\")\tx"], "\(rows)")
        #expect(evil[4] == "]0;owned淄博[2J高新区反转标题")
        #expect(evil[5] == "'-来源,\"报\"[1m")
        #expect(evil[8] == "'@x\\y\r\nz")  // a line break stays inside its quoted cell
        #expect(byID["plain"]?[5] == "'+2,3")
        #expect(Self.unsafe(r.out.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\t", with: " ")).isEmpty)
        // Counts: keys are cells too (the header row, then one row per value).
        let counts = try run(newsSearch, ["--index", index, "淄博", "--by", "year", "--format", "csv"])
        #expect(counts.status == 0 && counts.out.hasPrefix("year,count\n"))
    }

    @Test func tsvCellsEscapeTabsLineBreaksAndBackslashes() throws {
        let r = try run(newsSearch, ["--index", index, "淄博", "--format", "tsv"])
        #expect(r.status == 0)
        let rows = r.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.count == 3 && rows.allSatisfy { $0.count == 10 }, "\(r.out)")
        let evil = try #require(rows.first { $0[1].hasPrefix("=HYPERLINK") })
        #expect(evil[1] == #"=HYPERLINK("http://evil")\tx"#)
        #expect(evil[8] == #"@x\\y\r\nz"#)
        #expect(Self.unsafe(r.out.replacingOccurrences(of: "\t", with: " ")).isEmpty)
        // Batch mode: ids and qids are cells as well.
        let queries = dir.path + "/q.tsv"
        try "q\\1\t淄博\n".write(toFile: queries, atomically: true, encoding: .utf8)
        let batch = try run(newsSearch, ["--index", index, "--queries", queries, "--format", "tsv"])
        #expect(batch.status == 0)
        let lines = batch.out.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(lines.count == 2 && lines.allSatisfy { $0.count == 4 && $0[0] == #"q\\1"# }, "\(batch.out)")
        #expect(lines.contains { $0[2] == #"=HYPERLINK("http://evil")\tx"# })
    }

    @Test func numericOptionsAreCheckedWithAUsageError() throws {
        let cases: [([String], String)] = [
            (["--limit", "9223372036854775807"], "--limit"), (["--limit", "-1"], "--limit"), (["-l", "-1"], "--limit"),
            (["--k1", "inf"], "--k1"), (["--k1", "nan"], "--k1"), (["--k1", "-inf"], "--k1"), (["--b", "1.5"], "--b"),
            (["--headline-boost", "1e400"], "--headline-boost"), (["--lead-weight", "-0.5"], "--lead-weight"),
            (["--lead-length", "-1"], "--lead-length"), (["--lead-depth", "9223372036854775807"], "--lead-depth"),
            (["--coverage-weight", "nan"], "--coverage-weight"), (["--number-weight", "inf"], "--number-weight"),
            (["--boundary-weight", "-1"], "--boundary-weight"), (["--frame-weight", "1e309"], "--frame-weight"),
        ]
        for (arguments, name) in cases {
            let r = try run(newsSearch, ["--index", index, "淄博", "--format", "json"] + arguments)
            #expect(r.status == 2 && r.err.contains(name) && !r.err.contains("Missing value") && r.out.isEmpty, "\(arguments): \(r.err)")
        }
        // In range, as before; the largest limit finds what there is (no overflow on folding room).
        let most = try run(newsSearch, ["--index", index, "淄博", "--format", "json", "--limit", "1000000"])
        #expect(most.status == 0 && most.out.split(separator: "\n").count == 2)
        for arguments in [["--threads", "-1"], ["--memory", "-5"], ["--threads", "0"], ["--interval", "inf"], ["--interval", "nan"]] {
            let r = try run(newsIndex, ["--index", index, "--quiet"] + arguments + [dir.path + "/hostile.jsonl"])
            #expect(r.status == 2 && r.err.contains(arguments[0]) && !r.err.contains("Missing value"), "\(arguments): \(r.err)")
        }
    }

    @Test func longQueriesAndFilterValuesAreRefusedQuickly() throws {
        let han = String(repeating: "淄博高新区招商引资", count: 3_700)  // 33,300 characters
        var start = Date()
        let long = try run(newsSearch, ["--index", index, han])
        #expect(long.status == 2 && long.err.contains("at most 1000"), "\(long.err.prefix(300))")
        #expect(Date().timeIntervalSince(start) < 2)
        start = Date()
        let region = try run(newsSearch, ["--index", index, "淄博", "--region", String(repeating: "山", count: 33_000)])
        #expect(region.status == 2 && region.err.contains("--region") && region.err.contains("at most 100 "), "\(region.err.prefix(300))")
        #expect(Date().timeIntervalSince(start) < 2)
        for option in ["--industry", "--from", "--to", "--list-regions", "--list-industries"] {
            let r = try run(newsSearch, ["--index", index, "淄博", option, String(repeating: "C", count: 101)])
            #expect(r.status == 2 && r.err.contains(option) && r.err.contains("at most 100"), "\(option): \(r.err)")
        }
        // At the limits, an answer.
        let most = try run(newsSearch, ["--index", index, String(repeating: "淄博高新区招商引资", count: 111), "--region", "山东"])
        #expect(most.status == 0, "\(most.err)")
        // Batch mode: the line is named.
        let queries = dir.path + "/long.tsv"
        try "q1\t淄博\nq2\t\(han)\n".write(toFile: queries, atomically: true, encoding: .utf8)
        let batch = try run(newsSearch, ["--index", index, "--queries", queries, "--format", "tsv"])
        #expect(batch.status == 2 && batch.err.contains("\(queries):2:") && batch.err.contains("at most 1000"), "\(batch.err.prefix(300))")
    }

    /// `news-index --index DIR verify` runs verify; a subcommand's name elsewhere among the paths
    /// is refused; neither publishes a commit.
    @Test func subcommandsAreRecognisedAfterOptions() throws {
        func commits() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: index).filter { $0.hasPrefix("commit.") }.sorted() }
        let before = try commits()
        let verify = try run(newsIndex, ["--index", index, "verify"])
        #expect(verify.status == 0 && verify.out.hasPrefix("ok: ") && verify.out.contains("2 articles"), "\(verify.out) \(verify.err)")
        let stats = try run(newsIndex, ["--index", index, "stats"])
        #expect(stats.status == 0 && stats.out.contains("articles:   2 live"), "\(stats.out) \(stats.err)")
        #expect(try run(newsIndex, ["--quiet", "--index", index, "merge"]).status == 2)  // merge has no --quiet: a usage error, not a file
        #expect(try commits() == before)
        let delete = try run(newsIndex, ["--index", index, "delete", "nothing-here"])
        #expect(delete.status == 1 && delete.err.contains("not found: nothing-here"))
        let afterDelete = try commits()
        for misplaced in [["--index", index, "--quiet", dir.path + "/hostile.jsonl", "verify"], ["add", "--index", index, "stats"]] {
            let r = try run(newsIndex, misplaced)
            #expect(r.status == 2 && r.err.contains("news-index command") && (r.err.contains("news-index stats") || r.err.contains("news-index verify")),
                    "\(misplaced): \(r.err)")
        }
        #expect(try commits() == afterDelete)
        // A new folder: verify says there is no index, and makes none.
        let fresh = dir.path + "/fresh"
        let none = try run(newsIndex, ["--index", fresh, "verify"])
        #expect(none.status == 1 && !FileManager.default.fileExists(atPath: fresh + "/commit.00000001"), "\(none.out) \(none.err)")
    }

    /// RFC 4180: quoted cells may hold commas, doubled quotes and line breaks.
    static func parseCSV(_ text: String) throws -> [[String]] {
        var rows = [[String]](), row = [String](), cell = "", quoted = false
        var i = text.unicodeScalars.startIndex
        let s = text.unicodeScalars
        while i < s.endIndex {
            let c = s[i]
            if quoted {
                if c == "\"" {
                    let next = s.index(after: i)
                    if next < s.endIndex && s[next] == "\"" { cell.unicodeScalars.append("\""); i = next } else { quoted = false }
                } else {
                    cell.unicodeScalars.append(c)
                }
            } else if c == "\"" && cell.isEmpty {
                quoted = true
            } else if c == "," {
                row.append(cell); cell = ""
            } else if c == "\n" {
                row.append(cell); cell = ""; rows.append(row); row = []
            } else {
                cell.unicodeScalars.append(c)
            }
            i = s.index(after: i)
        }
        if quoted { throw CocoaError(.fileReadCorruptFile) }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }
}
