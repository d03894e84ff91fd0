import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 22, "terminal habits": colour, match marks, the terminal's width, `--version`,
/// exclusions that look like options, defaults said once in the help, `NEWS_INDEX`, and
/// JSON Lines records whose headline is in a field the indexer does not read; run as a
/// user runs the two executables, in pipes and on a pseudo-terminal.
@Suite(.serialized) struct TerminalHabitsTests {
    let dir: TemporaryFolder
    let newsIndex: String
    let newsSearch: String
    var index: String { dir.path + "/index" }

    /// Made-up articles: a headline with its own 【】, a long body of Han characters, and
    /// two property stories of which one names GDP.
    static let records = #"""
    {"id":"frame","title":"【两会】淄博高新区招商引资项目集中签约","body":"淄博高新区招商引资项目集中签约，总投资超过百亿元。"}
    {"id":"long","title":"淄博产业长文","body":"淄博\#(String(repeating: "高新区产业集群发展势头良好企业数量持续增长", count: 12))淄博"}
    {"id":"gdp","title":"房地产投资与GDP增长","body":"房地产投资占GDP的比重回落，房地产市场逐步企稳。"}
    {"id":"plain","title":"房地产市场成交回暖","body":"房地产市场成交量环比回升，二手房挂牌量下降。"}
    """#

    init() throws {
        dir = try TemporaryFolder("terminal")
        newsIndex = try #require(executable("news-index"), "news-index is not built")
        newsSearch = try #require(executable("news-search"), "news-search is not built")
        let feed = dir.path + "/made-up.jsonl"
        try Self.records.write(toFile: feed, atomically: true, encoding: .utf8)
        let r = try run(newsIndex, ["--index", index, "--quiet", feed])
        #expect(r.status == 0 && r.out.hasPrefix("added 4,"), "\(r.out) \(r.err)")
    }

    // MARK: colour and match marks

    /// In a pipe: no colour, and matches are not marked (【】 would clash with headlines'
    /// own); `--color always` colours a pipe (for `less -R`), even with NO_COLOR set.
    @Test func colourAndMarksInAPipe() throws {
        let plain = try run(newsSearch, ["--index", index, "淄博"], environment: ["NO_COLOR": ""])
        #expect(plain.status == 0)
        #expect(!plain.out.contains("\u{1B}") && !plain.out.contains("⟦"), "\(plain.out)")
        #expect(plain.out.contains("【两会】淄博高新区招商引资项目集中签约") && !plain.out.contains("【淄博】"), "\(plain.out)")
        for environment in [["NO_COLOR": ""], ["NO_COLOR": "1"]] {
            let always = try run(newsSearch, ["--index", index, "淄博", "--color", "always"], environment: environment)
            #expect(always.status == 0 && always.out.contains("\u{1B}[1;33m淄博\u{1B}[0m"), "\(environment) \(always.out)")
            // Every line closes what it opened, so a pager shows each line as it should.
            for line in always.out.split(separator: "\n") {
                if let last = line.range(of: "\u{1B}[", options: .backwards) { #expect(line[last.lowerBound...].hasPrefix("\u{1B}[0m"), "\(line)") }
            }
        }
        let never = try run(newsSearch, ["--index", index, "淄博", "--color", "never"])
        #expect(never.status == 0 && !never.out.contains("\u{1B}") && !never.out.contains("⟦"))
        #expect(try run(newsSearch, ["--index", index, "淄博", "--color", "sometimes"]).status == 2)
    }

    #if os(Linux)
    /// On a terminal: colour by default, also when NO_COLOR is set but empty (no-color.org);
    /// a non-empty NO_COLOR or `--color never` turns it off, and matches are marked ⟦⟧.
    @Test func colourAndMarksOnATerminal() throws {
        let auto = try runOnTerminal(newsSearch, ["--index", index, "淄博"], columns: 100, environment: ["NO_COLOR": nil, "TERM": "xterm"])
        #expect(auto.status == 0 && auto.out.contains("\u{1B}[1;33m淄博\u{1B}[0m"), "\(auto.out)")
        let empty = try runOnTerminal(newsSearch, ["--index", index, "淄博"], columns: 100, environment: ["NO_COLOR": "", "TERM": "xterm"])
        #expect(empty.out.contains("\u{1B}[1;33m"), "\(empty.out)")
        for (arguments, environment) in [([String](), ["NO_COLOR": "1"]), (["--color", "never"], ["NO_COLOR": ""] as [String: String?])] {
            let off = try runOnTerminal(newsSearch, ["--index", index, "淄博"] + arguments, columns: 100, environment: environment)
            #expect(off.status == 0 && !off.out.contains("\u{1B}"), "\(off.out)")
            #expect(off.out.contains("【两会】⟦淄博⟧高新区"), "\(off.out)")
        }
    }

    /// The terminal's own width wins over COLUMNS.
    @Test func outputFitsTheTerminalsWidth() throws {
        let r = try runOnTerminal(newsSearch, ["--index", index, "淄博"], columns: 44, environment: ["COLUMNS": "200", "NO_COLOR": "1"])
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.allSatisfy { columns(of: $0) <= 44 }, "\(r.out)")
        #expect(lines.contains { columns(of: $0) >= 42 }, "\(r.out)")
    }
    #endif

    // MARK: width

    /// Without a terminal: COLUMNS, else 80. Han characters take two columns, continued lines
    /// are indented, and `--width 0` keeps each part of a result on one line.
    @Test func snippetsWrapToColumnsWithIndentation() throws {
        let narrow = try run(newsSearch, ["--index", index, "淄博产业长文", "--all"], environment: ["COLUMNS": "40"])
        #expect(narrow.status == 0)
        // The results, without the closing "results 1–1; …" line.
        let lines = narrow.out.split(separator: "\n").prefix { !$0.hasPrefix("results ") }
        #expect(narrow.out.split(separator: "\n").allSatisfy { columns(of: $0) <= 40 }, "\(narrow.out)")
        #expect(lines.contains { columns(of: $0) >= 38 }, "lines wrap well before the edge: \(narrow.out)")
        #expect(lines.count > 4 && lines.dropFirst().allSatisfy { $0.hasPrefix("    ") }, "\(narrow.out)")
        // Nothing is lost by wrapping: the lines joined are the one-line output.
        let whole = try run(newsSearch, ["--index", index, "淄博产业长文", "--all", "--width", "0"], environment: ["COLUMNS": "40"])
        let oneLine = whole.out.split(separator: "\n").prefix { !$0.hasPrefix("results ") }
        #expect(oneLine.count == 3 && oneLine.contains { columns(of: $0) > 120 }, "\(whole.out)")
        func text(_ lines: ArraySlice<Substring>) -> String { lines.joined().replacingOccurrences(of: " ", with: "") }
        #expect(text(lines) == text(oneLine), "\(narrow.out)")
        let unset = try run(newsSearch, ["--index", index, "淄博产业长文", "--all"], environment: ["COLUMNS": ""])
        let defaults = unset.out.split(separator: "\n")
        #expect(defaults.allSatisfy { columns(of: $0) <= 80 } && defaults.contains { columns(of: $0) >= 78 }, "\(unset.out)")
        #expect(try run(newsSearch, ["--index", index, "淄博", "--width", "-1"]).err.contains("--width must be between"))
    }

    /// A table too wide for the terminal is shown in parts that fit, and says so; one that
    /// fits says nothing.
    @Test func tablesFitTheWidthOrSaySo() throws {
        let corpus = dir.path + "/corpus-index"
        #expect(try run(newsIndex, ["--index", corpus, "--quiet", repositoryRoot + "/corpus"]).status == 0)
        let narrow = try run(newsSearch, ["--index", corpus, "--by", "year", "--by", "strategic"], environment: ["COLUMNS": "60"])
        #expect(narrow.status == 0)
        #expect(narrow.out.split(separator: "\n").allSatisfy { columns(of: $0) <= 60 }, "\(narrow.out)")
        #expect(narrow.out.contains("(the table needs") && narrow.out.contains("parts"), "\(narrow.out)")
        #expect(narrow.out.contains("S6"), "every column is shown: \(narrow.out)")
        let wide = try run(newsSearch, ["--index", corpus, "--by", "year", "--by", "strategic"], environment: ["COLUMNS": "250"])
        #expect(!wide.out.contains("(the table needs") && wide.out.split(separator: "\n").count < narrow.out.split(separator: "\n").count)
        let bars = try run(newsSearch, ["--index", corpus, "--by", "industry"], environment: ["COLUMNS": "50"])
        #expect(bars.out.split(separator: "\n").allSatisfy { columns(of: $0) <= 50 }, "\(bars.out)")
        let listing = try run(newsSearch, ["--index", corpus, "--list-industries", "C38"], environment: ["COLUMNS": "30"])
        #expect(listing.status == 0 && listing.out.split(separator: "\n").allSatisfy { columns(of: $0) <= 30 }, "\(listing.out)")
    }

    // MARK: version, exclusions, help, NEWS_INDEX

    @Test func bothToolsPrintTheirVersion() throws {
        let search = try run(newsSearch, ["--version"])
        let index = try run(newsIndex, ["--version"])
        #expect(search.status == 0 && index.status == 0)
        #expect(search.out.range(of: #"^news-search \d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(search.out)")
        #expect(index.out.range(of: #"^news-index \d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(index.out)")
        #expect(search.out.split(separator: " ").last == index.out.split(separator: " ").last)
    }

    /// `房地产 -GDP` excludes GDP, wherever the term stands; `-l 5` and `--limit -1` are still options.
    @Test func exclusionsThatLookLikeOptionsAreQueryText() throws {
        func ids(_ arguments: [String]) throws -> [String] {
            let r = try run(newsSearch, ["--index", index, "--format", "tsv"] + arguments)
            #expect(r.status == 0, "\(arguments): \(r.err)")
            return r.out.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[1]) }
        }
        #expect(Set(try ids(["房地产"])) == ["gdp", "plain"])
        #expect(try ids(["房地产", "-GDP"]) == ["plain"])
        #expect(try ids(["-GDP", "房地产", "-l", "5"]) == ["plain"])
        #expect(try ids(["房地产", "-gdp", "--limit", "5"]) == ["plain"])
        #expect(try ids(["房地产", "-二手房"]) == ["gdp"])
        #expect(try ids(["房地产", "-l", "1"]).count == 1)
        let negative = try run(newsSearch, ["--index", index, "房地产", "-GDP", "--limit", "-1"])
        #expect(negative.status == 2 && negative.err.contains("--limit must be between 0 (all) and"), "\(negative.err)")
        let short = try run(newsSearch, ["--index", index, "房地产", "-GDP", "-l", "-1"])
        #expect(short.status == 2 && short.err.contains("--limit must be between"), "\(short.err)")
    }

    /// Every option's help says its default at most once.
    @Test func helpSaysEachDefaultOnce() throws {
        var helps = [try run(newsSearch, ["--help"], environment: ["COLUMNS": "200"]).out]
        for command in ["add", "analyze", "parse", "stats", "verify", "merge", "delete"] {
            helps.append(try run(newsIndex, [command, "--help"], environment: ["COLUMNS": "200"]).out)
        }
        for help in helps {
            #expect(help.contains("OPTIONS:"), "\(help)")
            var entries = [String]()
            for line in help.split(separator: "\n") {
                if line.hasPrefix("  -") || line.hasPrefix("  <") { entries.append(String(line)) } else if line.hasPrefix("      "), !entries.isEmpty {
                    entries[entries.count - 1] += String(line)
                }
            }
            #expect(!entries.isEmpty)
            for entry in entries {
                let said = entry.components(separatedBy: "(default").count - 1 + entry.components(separatedBy: "default ").count - 1
                    + entry.components(separatedBy: ", default").count - 1
                #expect(said <= 1, "\(entry)")
            }
        }
    }

    /// NEWS_INDEX is the index folder of both tools when --index is not given.
    @Test func newsIndexNamesTheIndexFolder() throws {
        let elsewhere = dir.path + "/from-environment"
        let feed = dir.path + "/one.jsonl"
        try #"{"id":"env","title":"环境变量指定索引","body":"济南新闻。"}"#.write(toFile: feed, atomically: true, encoding: .utf8)
        let added = try run(newsIndex, ["--quiet", feed], environment: ["NEWS_INDEX": elsewhere])
        #expect(added.status == 0 && added.out.contains("index \(elsewhere): 1 articles"), "\(added.out) \(added.err)")
        let found = try run(newsSearch, ["济南", "--format", "tsv"], environment: ["NEWS_INDEX": elsewhere])
        #expect(found.status == 0 && found.out.contains("\tenv\t"), "\(found.out) \(found.err)")
        let stats = try run(newsIndex, ["stats"], environment: ["NEWS_INDEX": elsewhere])
        #expect(stats.out.contains("articles:   1 live"), "\(stats.out)")
        // --index wins over the environment.
        let given = try run(newsSearch, ["--index", index, "济南", "--count"], environment: ["NEWS_INDEX": elsewhere])
        #expect(given.out.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(given.out) \(given.err)")
        let missing = try run(newsSearch, ["济南"], environment: ["NEWS_INDEX": dir.path + "/nowhere"])
        #expect(missing.status == 1 && missing.err.contains("nowhere"), "\(missing.err)")
        #expect(try run(newsSearch, ["--help"], environment: ["NEWS_INDEX": ""]).out.contains("(default: index)"))
    }

    // MARK: JSON Lines headlines in fields that are not read

    /// `headline` is read as the title; other fields that look like one are named in a
    /// warning that the summary counts, never silently left out.
    @Test func headlinesInUnreadFieldsAreWarnedAbout() throws {
        let feed = dir.path + "/titles.jsonl"
        try #"""
        {"id":"t1","summary_title":"淄博新闻标题","body":"淄博高新区招商引资。"}
        {"id":"t2","headline":"济南新闻标题","body":"济南正文。"}
        {"id":"t3","subject":"青岛新闻","body":"青岛正文。"}
        {"id":"t4","title":"有标题","summary_title":"副标题","body":"正文"}
        {"id":"t5","Title":"只有标题字段"}
        """#.write(toFile: feed, atomically: true, encoding: .utf8)
        let r = try run(newsIndex, ["--index", dir.path + "/titles", "--quiet", feed])
        #expect(r.status == 1, "t5 has no body and is skipped")
        #expect(r.out.hasPrefix("added 4, replaced 0, skipped 1, warnings 2"), "\(r.out)")
        #expect(r.err.contains(#"warning: \#(feed):1: no title field; found "summary_title" (not read)"#), "\(r.err)")
        #expect(r.err.contains(#"warning: \#(feed):3: no title field; found "subject" (not read)"#), "\(r.err)")
        #expect(r.err.contains(#"skipped: \#(feed):5: no title and no body; found "Title" (not read)"#), "\(r.err)")
        #expect(!r.err.contains(":2:") && !r.err.contains(":4:"), "\(r.err)")
        let headline = try run(newsSearch, ["--index", dir.path + "/titles", "济南", "--format", "tsv"])
        #expect(headline.out.contains("\tt2\t") && headline.out.contains("济南新闻标题"), "\(headline.out)")
        let parse = try run(newsIndex, ["parse", feed])
        #expect(parse.err.contains("1 skipped, 2 warnings"), "\(parse.err)")
    }
}

/// Terminal columns of `line` once escape sequences are left out: East Asian wide
/// characters take two (the test's own count, independent of the tools').
func columns(of line: some StringProtocol) -> Int {
    let visible = String(line).replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    return visible.unicodeScalars.reduce(0) { n, s in
        let v = s.value
        let wide = (0x1100 ... 0x115F).contains(v) || (0x2E80 ... 0xA4CF).contains(v) || (0xAC00 ... 0xD7A3).contains(v)
            || (0xF900 ... 0xFAFF).contains(v) || (0xFE30 ... 0xFE4F).contains(v) || (0xFF00 ... 0xFF60).contains(v)
            || (0xFFE0 ... 0xFFE6).contains(v) || (0x20000 ... 0x3FFFD).contains(v)
        return n + (wide ? 2 : 1)
    }
}

#if os(Linux)
/// Runs a program with its standard output on a pseudo-terminal of `columns` columns, as
/// when a user runs it; returns its exit status and what the terminal received (CR LF as LF).
/// `environment` adds to the test's own, and takes out the variables it maps to nil.
func runOnTerminal(_ path: String, _ arguments: [String], columns: UInt16, environment: [String: String?]) throws -> (status: Int32, out: String) {
    struct NoTerminal: Error {}
    // The pseudo-terminal calls of the C library, which Glibc's module map leaves out (they need _XOPEN_SOURCE).
    typealias Call = @convention(c) (Int32) -> Int32
    func call<T>(_ name: String, as type: T.Type) throws -> T {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { throw NoTerminal() }
        return unsafeBitCast(symbol, to: type)
    }
    let openpt = try call("posix_openpt", as: Call.self), grantpt = try call("grantpt", as: Call.self)
    let unlockpt = try call("unlockpt", as: Call.self)
    let ptsname = try call("ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
    let master = openpt(O_RDWR | O_NOCTTY)
    guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else { throw NoTerminal() }
    defer { close(master) }
    let slave = open(name, O_RDWR | O_NOCTTY)
    guard slave >= 0 else { throw NoTerminal() }
    var size = winsize(ws_row: 50, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = arguments
    var variables = ProcessInfo.processInfo.environment
    for (name, value) in environment { variables[name] = value }
    p.environment = variables
    p.standardOutput = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
    p.standardError = FileHandle.nullDevice
    p.standardInput = FileHandle.nullDevice
    try p.run()
    close(slave)
    // Read until the program has exited and the terminal holds nothing more.
    var output = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        var ready = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let n = poll(&ready, 1, 100)
        if n > 0 {
            let got = read(master, &buffer, buffer.count)
            if got > 0 { output += buffer[0 ..< got]; continue }
            break  // EIO: every end of the terminal is closed
        }
        if !p.isRunning { break }
    }
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: output, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"))
}
#endif
