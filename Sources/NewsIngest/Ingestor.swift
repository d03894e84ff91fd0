import Foundation
import NewsText

/// Reads articles from files, folders and standard input, and hands them on
/// one at a time (articles are never gathered; only their ids are remembered,
/// to report duplicates).
///
/// Formats: portal text (`.txt`, `.text`), JSON Lines (`.jsonl`, `.ndjson`,
/// `.json`), web pages (`.html`, `.htm` …), RSS and Atom feeds (`.xml`, `.rss`,
/// `.atom`; an item an article); `-` is JSON Lines on standard input. A file
/// named on the command line with another extension is read by how it begins
/// (`{`, `<?xml`, `<rss`, `<feed`, `<html`), else as portal text. Folders are walked
/// recursively in a stable (sorted) order, hidden entries skipped. Problems
/// become `issues`; only an unknown `--encoding` stops everything.
public final class Ingestor {
    public struct Options: Sendable {
        /// Force this encoding for every file (an ICU converter name).
        public var encoding: String?
        /// Replace undecodable bytes instead of skipping the file.
        public var lenient = false
        /// Keep pinyin debris in text pages (`區(qū)`): to compare extraction with
        /// the page as shown. Never for indexing: debris breaks words.
        public var keepDebris = false
        public init(encoding: String? = nil, lenient: Bool = false, keepDebris: Bool = false) {
            self.encoding = encoding
            self.lenient = lenient
            self.keepDebris = keepDebris
        }
    }

    public let options: Options
    let table: CharacterTable
    let extractor: PageExtractor
    let htmlExtractor: HTMLExtractor

    /// Issues found so far; at most `maxIssues` are kept, all are counted.
    public private(set) var issues: [IngestIssue] = []
    public private(set) var skippedCount = 0
    public private(set) var warningCount = 0
    public private(set) var filesRead = 0
    public private(set) var articlesRead = 0
    /// Files in folders that are neither text nor JSON Lines.
    public private(set) var ignoredFiles = 0
    public var maxIssues = 1000
    private var seenIDs: [String: String] = [:]

    public init(table: CharacterTable, options: Options = Options()) throws {
        if let e = options.encoding, !Charset.isKnown(e) { throw IngestError.unknownEncoding(e) }
        self.table = table
        self.options = options
        self.extractor = PageExtractor(table: table)
        self.htmlExtractor = HTMLExtractor(table: table)
    }

    /// Called with each issue as it is found (a watcher reports them as they happen).
    public var onIssue: ((IngestIssue) -> Void)?

    func report(_ issue: IngestIssue) {
        if issue.severity == .skipped { skippedCount += 1 } else { warningCount += 1 }
        if issues.count < maxIssues { issues.append(issue) }
        onIssue?(issue)
    }

    /// Reads every path in order; `body` receives each article.
    public func read(paths: [String], _ body: (Article) throws -> Void) throws {
        for path in paths {
            if path == "-" {
                try readJSONLines(fd: 0, name: "-", body)
                continue
            }
            switch Self.entry(path) {
            case .missing:
                report(IngestIssue(.skipped, path, "no such file or directory"))
                continue
            case .other:
                report(IngestIssue(.skipped, path, "not a regular file (a FIFO, socket or device); not read"))
                continue
            case .regular, .folder:
                break
            }
            if case .folder = Self.entry(path) {
                let files = Self.files(under: path, ignored: &ignoredFiles) { self.report(IngestIssue(.skipped, $0, $1)) }
                let sites = learnFurniture(files)
                for file in files {
                    try read(file: file, explicit: false, furniture: sites[(file as NSString).deletingLastPathComponent], body)
                }
            } else {
                try read(file: path, explicit: true, body)
            }
        }
    }

    enum Format { case portal, jsonLines, html, feed, other }

    /// Whether a file in a folder is read by its name: text pages, JSON Lines,
    /// web pages and feeds (what `--watch` picks up).
    public static func reads(_ path: String) -> Bool { format(of: path) != .other }

    /// The file name extensions read in a folder, by format: the one list a new
    /// format joins.
    static let extensions: [(Format, [String])] = [
        (.portal, ["txt", "text"]),
        (.jsonLines, ["jsonl", "ndjson", "json"]),
        (.html, ["html", "htm", "xhtml", "shtml"]),
        (.feed, ["xml", "rss", "atom"]),
    ]
    private static let formatByExtension: [String: Format] = Dictionary(
        uniqueKeysWithValues: extensions.flatMap { format, names in names.map { ($0, format) } })

    /// The extensions read in a folder, as a user reads them: `.txt .text .jsonl …`.
    public static var readableExtensions: String { extensions.flatMap(\.1).map { "." + $0 }.joined(separator: " ") }

    static func format(of path: String) -> Format {
        formatByExtension[(path as NSString).pathExtension.lowercased()] ?? .other
    }

    /// What is at a path, without following it when it is a link to itself.
    public enum Entry: Equatable {
        case regular(size: Int, modified: Double)
        case folder(device: UInt64, inode: UInt64)
        /// A FIFO, socket, device, or a link that leads nowhere: never opened (a FIFO would block).
        case other
        case missing
    }

    public static func entry(_ path: String) -> Entry {
        var st = stat()
        guard stat(path, &st) == 0 else { return errno == ENOENT || errno == ELOOP ? .missing : .other }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .regular(size: Int(st.st_size), modified: Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9)
        case S_IFDIR: return .folder(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
        default: return .other
        }
    }

    /// Readable files under `root` (text pages, JSON Lines, web pages, feeds),
    /// sorted, hidden entries skipped. Only regular files are taken; each folder
    /// is entered once, however many links lead to it (a link back up is no loop).
    public static func files(under root: String, ignored: inout Int, problems: ((String, String) -> Void)? = nil) -> [String] {
        var visited = Set<[UInt64]>()
        var result = [String]()
        walk(root, &visited, &result, &ignored, problems)
        return result
    }

    private static func walk(_ folder: String, _ visited: inout Set<[UInt64]>, _ result: inout [String], _ ignored: inout Int,
                             _ problems: ((String, String) -> Void)?) {
        guard case let .folder(device, inode) = entry(folder), visited.insert([device, inode]).inserted else { return }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            problems?(folder, "cannot read folder: \(String(cString: strerror(errno)))")
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            switch entry(path) {
            case .folder:
                walk(path, &visited, &result, &ignored, problems)
            case .regular:
                if format(of: path) != .other { result.append(path) } else { ignored += 1 }
            case .other:
                problems?(path, "not a regular file (a FIFO, socket, device or broken link); not read")
            case .missing:
                break
            }
        }
    }

    static func files(under root: String, ignored: inout Int) -> [String] {
        files(under: root, ignored: &ignored, problems: nil)
    }

    /// Each text page's lines with their kinds (see `PageExtractor.explain`).
    public func explain(paths: [String]) throws -> [(path: String, lines: [(kind: String, text: String)])] {
        var result = [(path: String, lines: [(kind: String, text: String)])]()
        for path in paths {
            let files: [String]
            switch Self.entry(path) {
            case .folder: files = Self.files(under: path, ignored: &ignoredFiles)
            case .regular: files = [path]
            case .other, .missing: continue
            }
            for file in files where Self.format(of: file) != .jsonLines && Self.format(of: file) != .feed {
                guard let bytes = FileManager.default.contents(atPath: file) else { continue }
                if Self.format(of: file) == .html {
                    guard case let .success(decoded) = try FileDecoder.decodeMarkup([UInt8](bytes), encoding: options.encoding, lenient: true)
                    else { continue }
                    result.append((file, htmlExtractor.explain(decoded.text)))
                    continue
                }
                guard case let .success(decoded) = try FileDecoder.decode([UInt8](bytes), encoding: options.encoding, lenient: true)
                else { continue }
                result.append((file, extractor.explain(TextCleaner.removePinyinDebris(decoded.text))))
            }
        }
        return result
    }

    /// Site furniture for each folder that holds several text pages (pages of one
    /// folder are taken as pages of one site). Reads each such page once more.
    func learnFurniture(_ files: [String]) -> [String: SiteFurniture] {
        var byFolder = [String: [String]]()
        for file in files where Self.format(of: file) == .portal {
            byFolder[(file as NSString).deletingLastPathComponent, default: []].append(file)
        }
        var result = [String: SiteFurniture]()
        for (folder, pages) in byFolder where pages.count >= SiteFurniture.minPages {
            var furniture = SiteFurniture()
            for page in pages {
                guard let bytes = FileManager.default.contents(atPath: page),
                      case let .success(decoded)? = try? FileDecoder.decode([UInt8](bytes), encoding: options.encoding, lenient: true)
                else { continue }
                furniture.add(page: decoded.text)
            }
            result[folder] = furniture
        }
        return result
    }

    func read(file path: String, explicit: Bool, furniture: SiteFurniture? = nil, _ body: (Article) throws -> Void) throws {
        var format = Self.format(of: path)
        if format == .other {
            guard explicit else { return }
            format = Self.looksLikeJSON(path) ? .jsonLines : Self.markupFormat(path) ?? .portal
        }
        filesRead += 1
        if format == .jsonLines && (options.encoding == nil || options.encoding?.uppercased() == "UTF-8") {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                report(IngestIssue(.skipped, path, "cannot open: \(String(cString: strerror(errno)))"))
                return
            }
            defer { close(fd) }
            // The fast reader reads UTF-8; a file whose byte-order mark says UTF-16 is decoded whole, below.
            var mark: [UInt8] = [0, 0]
            let utf16 = options.encoding == nil && pread(fd, &mark, 2, 0) == 2 && (mark == [0xFF, 0xFE] || mark == [0xFE, 0xFF])
            if !utf16 {
                try readJSONLines(fd: fd, name: path, body)
                return
            }
        }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            report(IngestIssue(.skipped, path, "cannot read file"))
            return
        }
        if format == .html || format == .feed {
            switch try FileDecoder.decodeMarkup([UInt8](bytes), encoding: options.encoding, lenient: options.lenient) {
            case let .failure(failure): report(IngestIssue(.skipped, path, failure.message))
            case let .success(decoded):
                if format == .feed { try readFeed(decoded.text, path: path, body) } else { try readHTML(decoded.text, path: path, body) }
            }
            return
        }
        switch try FileDecoder.decode([UInt8](bytes), encoding: options.encoding, lenient: options.lenient) {
        case let .failure(failure):
            report(IngestIssue(.skipped, path, failure.message))
        case let .success(decoded):
            if format == .jsonLines {
                var lineNumber = 0
                // Bytes, not Characters: "\r\n" is one Character, which a split on "\n" would not cut.
                for line in decoded.text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                    lineNumber += 1
                    try handleJSONLine(Array(line), name: path, line: lineNumber, body)
                }
            } else {
                try readPortal(decoded.text, path: path, furniture: furniture, body)
            }
        }
    }

    static func looksLikeJSON(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = handle.readData(ofLength: 64)
        return head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{")
    }

    /// A feed when the file opens with `<?xml`, `<rss` or `<feed`; a web page
    /// when with `<!doctype html` or `<html` (after a UTF-8 byte-order mark and blanks).
    static func markupFormat(_ path: String) -> Format? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var head = [UInt8](handle.readData(ofLength: 256))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
        let start = String(decoding: head.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }.prefix(14), as: UTF8.self).lowercased()
        if start.hasPrefix("<?xml") || start.hasPrefix("<rss") || start.hasPrefix("<feed") { return .feed }
        if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") { return .html }
        return nil
    }

    func readPortal(_ text: String, path: String, furniture: SiteFurniture? = nil, _ body: (Article) throws -> Void) throws {
        let cleaned = options.keepDebris ? text : TextCleaner.removePinyinDebris(text)
        let parsed = extractor.extract(cleaned, path: path, fileYear: Self.modificationYear(path), furniture: furniture)
        for warning in parsed.warnings { report(IngestIssue(.warning, path, warning)) }
        guard !parsed.headline.isEmpty || !parsed.body.isEmpty else {
            report(IngestIssue(.skipped, path, "no headline and no body text"))
            return
        }
        var date: Day? = nil
        switch parsed.date {
        case let .day(d)?: date = d
        case let .impossible(raw)?: report(IngestIssue(.warning, path, "impossible date \(raw); article kept without a date"))
        case nil: break
        }
        // The id keys on the site that published this copy: two portals' copies of
        // one story, both naming the same origin as their source, stay two articles.
        let id = ArticleID.make(id: nil, url: nil, headline: parsed.headline, body: parsed.body, date: date,
                                source: parsed.site ?? parsed.source, table: table)
        try emit(Article(id: id, headline: parsed.headline, body: parsed.body, date: date, source: parsed.source,
                         reprintOrigin: parsed.reprintOrigin, author: parsed.author, location: path), body)
    }

    func readHTML(_ html: String, path: String, url: String? = nil, _ body: (Article) throws -> Void) throws {
        let extracted = htmlExtractor.extract(html, path: path, fileYear: Self.modificationYear(path))
        var parsed = extracted.page
        if !options.keepDebris {
            parsed.headline = TextCleaner.removePinyinDebris(parsed.headline)
            parsed.body = TextCleaner.removePinyinDebris(parsed.body)
        }
        for warning in parsed.warnings { report(IngestIssue(.warning, path, warning)) }
        guard !parsed.headline.isEmpty || !parsed.body.isEmpty else {
            report(IngestIssue(.skipped, path, "no article in the page: no headline, title or text found"))
            return
        }
        if !extracted.isArticle {
            report(IngestIssue(.warning, path, "no article text found in the page; indexed by its title and description"))
        }
        try emitPage(parsed, path: path, url: url ?? extracted.url, body)
    }

    /// Each item of an RSS or Atom feed as an article, located `path#N` (N: the
    /// item's position in the feed). An XML file whose root is `<html>` is read
    /// as a web page; any other root is no feed.
    func readFeed(_ text: String, path: String, _ body: (Article) throws -> Void) throws {
        let feed: FeedReader.Feed
        switch FeedReader.parse(text) {
        case .failure(.notAFeed(root: let root)) where root.lowercased() == "html":
            try readHTML(text, path: path, body)
            return
        case let .failure(failure):
            report(IngestIssue(.skipped, path, failure.message))
            return
        case let .success(parsed):
            feed = parsed
        }
        if feed.items.isEmpty { report(IngestIssue(.warning, path, "the feed has no items")) }
        let reader = FeedReader(extractor: htmlExtractor)
        let fileYear = Self.modificationYear(path)
        for item in feed.items {
            let location = "\(path)#\(item.number)"
            var parsed = reader.page(item, in: feed, path: path, fileYear: fileYear)
            if !options.keepDebris {
                parsed.headline = TextCleaner.removePinyinDebris(parsed.headline)
                parsed.body = TextCleaner.removePinyinDebris(parsed.body)
            }
            for warning in parsed.warnings where !warning.hasPrefix("most of the page") {
                report(IngestIssue(.warning, location, warning))
            }
            guard !parsed.headline.isEmpty || !parsed.body.isEmpty else {
                report(IngestIssue(.warning, location, "item \(item.number) of the feed has no title and no text; skipped"))
                continue
            }
            try emitPage(parsed, path: location, url: item.url, body)
        }
    }

    /// An extracted page as an article: the id keys on the site that published
    /// this copy (two portals' copies of one story stay two articles).
    func emitPage(_ parsed: PageExtractor.Extracted, path: String, url: String? = nil, _ body: (Article) throws -> Void) throws {
        var date: Day? = nil
        switch parsed.date {
        case let .day(d)?: date = d
        case let .impossible(raw)?: report(IngestIssue(.warning, path, "impossible date \(raw); article kept without a date"))
        case nil: break
        }
        let id = ArticleID.make(id: nil, url: url, headline: parsed.headline, body: parsed.body, date: date,
                                source: parsed.site ?? parsed.source, table: table)
        try emit(Article(id: id, headline: parsed.headline, body: parsed.body, date: date, source: parsed.source, url: url,
                         reprintOrigin: parsed.reprintOrigin, author: parsed.author, location: path), body)
    }

    /// The year the file was last written: the year of a page's month-day dates
    /// when neither its path nor the page gives one.
    static func modificationYear(_ path: String) -> Int? {
        guard let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return nil }
        return Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Asia/Shanghai")!, from: date).year
    }

    /// JSON Lines from `fd` (standard input) as they arrive: `tick` runs after
    /// each article and whenever `interval` seconds pass without one; when it
    /// returns false, reading stops (what was read has been handed on).
    public func readJSONLines(fd: Int32, name: String, tickEvery interval: Double, tick: () throws -> Bool,
                              _ body: (Article) throws -> Void) throws {
        let reader = LineReader(fd: fd)
        filesRead += 1
        let milliseconds = Int32(max(10, min(interval * 1000, 3_600_000)))
        while true {
            switch try reader.next(waiting: milliseconds) {
            case .end:
                return
            case .waiting:
                if try !tick() { return }
            case .line(let line):
                var bytes = Array(line)
                if reader.lineNumber == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
                try handleJSONLine(bytes, name: name, line: reader.lineNumber, body)
                if try !tick() { return }
            }
        }
    }

    func readJSONLines(fd: Int32, name: String, _ body: (Article) throws -> Void) throws {
        let reader = LineReader(fd: fd)
        if name == "-" { filesRead += 1 }
        while let line = try reader.next() {
            var bytes = Array(line)
            if reader.lineNumber == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            try handleJSONLine(bytes, name: name, line: reader.lineNumber, body)
        }
    }

    func handleJSONLine(_ bytes: [UInt8], name: String, line: Int, _ body: (Article) throws -> Void) throws {
        let location = "\(name):\(line)"
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
        let invalid = FileDecoder.firstInvalidUTF8(bytes)
        var line = bytes
        if invalid < bytes.count {
            guard options.lenient else {
                report(IngestIssue(.skipped, location, "invalid UTF-8 at byte \(invalid) of the line (use --lenient to replace bad bytes)"))
                return
            }
            line = Array(String(decoding: bytes, as: UTF8.self).utf8)
        }
        let record: JSONRecord
        do {
            record = try line.withUnsafeBufferPointer { try JSONRecord(json: $0) }
        } catch let e as JSONRecord.FieldError {
            report(IngestIssue(.skipped, location, e.description))
            return
        } catch JSONRecord.SyntaxError.notAnObject {
            report(IngestIssue(.skipped, location, "not a JSON object"))
            return
        } catch {
            report(IngestIssue(.skipped, location, "malformed JSON"))
            return
        }
        var headline = TextCleaner.removePinyinDebris(record.title ?? "").trimmingSpaces
        if headline.isEmpty, let synonym = record.headline { headline = TextCleaner.removePinyinDebris(synonym).trimmingSpaces }
        var text = TextCleaner.removePinyinDebris(record.body ?? "").trimmingSpaces
        // A page shipped in the record: read when there is no body; the record's own fields win.
        let page = text.isEmpty ? record.html.flatMap { readEmbeddedPage($0, location: location) } : nil
        if let page {
            if headline.isEmpty { headline = page.page.headline }
            text = page.page.body
        }
        // A headline in a field that is not read: said, never silently headline-less.
        let unread = headline.isEmpty && !record.unreadTitleFields.isEmpty
            ? "found " + record.unreadTitleFields.map { "\"\($0)\"" }.joined(separator: ", ") + " (not read)" : nil
        guard !headline.isEmpty || !text.isEmpty else {
            let message = record.html == nil ? "no title and no body" : "no title, no body and no article in the html"
            report(IngestIssue(.skipped, location, message + (unread.map { "; " + $0 } ?? "")))
            return
        }
        if let unread {
            report(IngestIssue(.warning, location, (record.title == nil && record.headline == nil ? "no title field" : "empty title") + "; " + unread))
        }
        var pageDate: Day? = nil
        switch page?.page.date {
        case let .day(d)?: pageDate = d
        case let .impossible(raw)? where record.date?.trimmingSpaces.isEmpty ?? true:
            report(IngestIssue(.warning, location, "impossible date \(raw) in the html; article kept without a date"))
        default: break
        }
        var date: Day? = nil
        if let raw = record.date, !raw.trimmingSpaces.isEmpty {
            let outcome = pageDate == nil ? "article kept without a date" : "the page's date is used"
            switch DateParser.find(in: raw, contextYear: nil) {
            case let .day(d)?: date = d
            case .impossible?: report(IngestIssue(.warning, location, "impossible date \"\(raw)\"; \(outcome)"))
            case nil: report(IngestIssue(.warning, location, "unrecognized date \"\(raw)\"; \(outcome)"))
            }
        }
        date = date ?? pageDate
        let source = record.source?.trimmingSpaces.isEmpty == false ? record.source?.trimmingSpaces : page?.page.source
        let url = record.url ?? page?.url
        let id = ArticleID.make(id: record.id, url: url, headline: headline, body: text, date: date,
                                source: record.source ?? page?.page.site ?? page?.page.source, table: table)
        try emit(Article(id: id, headline: headline, body: text, date: date, source: source, url: url,
                         reprintOrigin: page?.page.reprintOrigin, author: page?.page.author, location: location,
                         regions: record.region, industries: record.industry, labels: record.labels), body)
    }

    /// The article in a JSON Lines record's `html`, cleaned of pinyin debris, its
    /// warnings reported at the record's line.
    private func readEmbeddedPage(_ html: String, location: String) -> HTMLExtractor.Extracted? {
        guard !html.trimmingSpaces.isEmpty else { return nil }
        var extracted = htmlExtractor.extract(html, path: location, fileYear: nil)
        extracted.page.headline = TextCleaner.removePinyinDebris(extracted.page.headline).trimmingSpaces
        extracted.page.body = TextCleaner.removePinyinDebris(extracted.page.body).trimmingSpaces
        for warning in extracted.page.warnings { report(IngestIssue(.warning, location, warning)) }
        if !extracted.isArticle && !extracted.page.body.isEmpty {
            report(IngestIssue(.warning, location, "no article text found in the html; indexed by its title and description"))
        }
        return extracted
    }

    /// Forgets the ids read from `path`, which is about to be read again (a
    /// watched file that changed): its articles are not duplicates of themselves.
    public func forgetIDs(readFrom path: String) {
        seenIDs = seenIDs.filter { _, location in
            !(location == path || location.hasPrefix(path + ":") || location.hasPrefix(path + "#"))
        }
    }

    /// The longest body indexed: what is beyond it is left out with a warning,
    /// so one runaway article cannot take gigabytes to index or seconds to show.
    public static let maxBodyBytes = 1 << 20

    /// `text` cut to at most `limit` bytes of UTF-8, at a line end when one is
    /// in the last quarter, else at a character boundary.
    static func truncated(_ text: String, to limit: Int) -> String {
        let u = text.utf8
        guard u.count > limit else { return text }
        var end = u.index(u.startIndex, offsetBy: limit)
        while end > u.startIndex && UTF8.isContinuation(u[end]) { end = u.index(before: end) }
        let head = text[..<end]
        if let newline = head.lastIndex(of: "\n"), head.utf8.distance(from: head.utf8.startIndex, to: newline) > limit * 3 / 4 {
            return String(head[..<newline])
        }
        return String(head)
    }

    private func emit(_ article: Article, _ body: (Article) throws -> Void) throws {
        var article = article
        if article.body.utf8.count > Self.maxBodyBytes {
            let size = article.body.utf8.count
            article.body = Self.truncated(article.body, to: Self.maxBodyBytes)
            report(IngestIssue(.warning, article.location,
                               "body of \(size / 1024) KB is longer than \(Self.maxBodyBytes / 1024) KB; the first \(article.body.utf8.count / 1024) KB are indexed"))
        }
        if let earlier = seenIDs[article.id] {
            report(IngestIssue(.warning, article.location, "duplicate id \(article.id) (also at \(earlier)); the later one wins"))
        }
        seenIDs[article.id] = article.location
        articlesRead += 1
        try body(article)
    }
}
