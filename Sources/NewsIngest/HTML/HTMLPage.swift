import Foundation

/// A parsed web page with what the extractor measures on it: which elements
/// never count, and each element's text, link text and punctuation.
struct Page {
    let tree: MarkupTree
    /// Elements whose text never counts: scripts, styles, forms, media, hidden ones, and all inside them.
    private(set) var skipped: [Bool]
    /// Elements inside a link (`<a>` around a whole teaser): all their text is link text.
    private(set) var insideLink: [Bool]
    /// `<a>` elements.
    private(set) var isLink: [Bool]
    /// One past each element's last descendant.
    private(set) var ends: [Int]
    /// Elements that break lines (`<p>`, `<div>`, `<br>` …); the others are inline.
    private(set) var block: [Bool]
    /// What each element's class and id say it is.
    private(set) var roles: [Role]
    /// Non-space characters of text under each element (skipped elements excluded).
    private(set) var chars: [Int]
    /// Of those, the characters inside links.
    private(set) var linkChars: [Int]
    /// Characters of the element's own text and of its inline children (not of nested blocks).
    private(set) var inlineChars: [Int]
    private(set) var inlineLinkChars: [Int]
    /// Sentence punctuation (`，。！？；、`) in that inline text.
    private(set) var inlinePunctuation: [Int]

    static let skippedNames: Set<String> = [
        "script", "style", "noscript", "template", "svg", "iframe", "head", "title", "button", "select", "option",
        "input", "textarea", "canvas", "object", "embed", "audio", "video", "map", "meta", "link",
    ]
    static let blockNames: Set<String> = [
        "html", "body", "p", "div", "section", "article", "main", "td", "th", "tr", "tbody", "thead", "tfoot", "table",
        "li", "ul", "ol", "dl", "dd", "dt", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "footer", "nav", "aside", "form", "figure", "figcaption", "center", "address", "hr", "br", "caption",
    ]

    init(tree: MarkupTree) {
        self.tree = tree
        let n = tree.elements.count
        // Pages repeat a few class names over thousands of elements: each is judged once.
        var known = [String: Role]()
        var roles = [Role](repeating: .none, count: n)
        var isLink = Array(repeating: false, count: n)
        var block = Array(repeating: false, count: n)
        var skipped = Array(repeating: false, count: n)
        var insideLink = Array(repeating: false, count: n)
        let skippedName = tree.names.map { Self.skippedNames.contains($0) }
        let blockName = tree.names.map { Self.blockNames.contains($0) }
        let linkID = tree.names.firstIndex(of: "a") ?? -1
        tree.elements.withUnsafeBufferPointer { elements in
            for i in 0 ..< n {
                let nameID = elements[i].nameID
                let parent = elements[i].parent
                isLink[i] = nameID == linkID
                block[i] = blockName[nameID]
                if parent >= 0 && skipped[parent] || skippedName[nameID] || elements[i].hidden { skipped[i] = true }
                if parent >= 0 && (insideLink[parent] || isLink[parent]) { insideLink[i] = true }
                guard !elements[i].attributes.isEmpty else { continue }
                var words = ""
                for (name, value) in elements[i].attributes where name == "class" || name == "id" {
                    words += words.isEmpty ? value : " " + value
                }
                guard !words.isEmpty else { continue }
                if let role = known[words] {
                    roles[i] = role
                } else {
                    let role = Self.role(of: words.lowercased())
                    known[words] = role
                    roles[i] = role
                }
            }
        }
        var ends = Array(0 ..< n).map { $0 + 1 }
        for i in stride(from: n - 1, through: 0, by: -1) {
            let parent = tree.elements[i].parent
            if parent >= 0 && ends[i] > ends[parent] { ends[parent] = ends[i] }
        }
        self.ends = ends
        self.roles = roles
        self.isLink = isLink
        self.block = block
        self.skipped = skipped
        self.insideLink = insideLink
        chars = Array(repeating: 0, count: n)
        linkChars = Array(repeating: 0, count: n)
        inlineChars = Array(repeating: 0, count: n)
        inlineLinkChars = Array(repeating: 0, count: n)
        inlinePunctuation = Array(repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) where !skipped[i] {
            var total = 0, link = 0, inline = 0, inlineLink = 0, punctuation = 0
            for child in tree.elements[i].children {
                switch child {
                case .text(let t):
                    let (c, p) = Self.measure(t)
                    total += c; inline += c; punctuation += p
                case .element(let k):
                    guard !skipped[k] else { continue }
                    total += chars[k]
                    link += linkChars[k]
                    if !block[k] {
                        inline += inlineChars[k]
                        inlineLink += inlineLinkChars[k]
                        punctuation += inlinePunctuation[k]
                    }
                }
            }
            if isLink[i] || insideLink[i] {
                link = total
                inlineLink = inline
            }
            chars[i] = total
            linkChars[i] = link
            inlineChars[i] = inline
            inlineLinkChars[i] = inlineLink
            inlinePunctuation[i] = punctuation
        }
        summaryBoxes = Array(repeating: false, count: n)
        markSummaryBoxes()
    }

    /// A summary printed above the article, not part of it: an element named so
    /// (`class="introduction"`, `summary`, `abstract`, `zhaiyao`), or a label
    /// (`划重点：`, `摘要`, `导读`) with the list that follows it.
    private(set) var summaryBoxes: [Bool]
    static let labelMarks: Set<Unicode.Scalar> = [":", "：", "【", "】", "[", "]"]
    static let summaryLabelFirsts = Set(PageVocabulary.deckLabels.compactMap(\.unicodeScalars.first) + ["【", "["])
    static let summaryWords = ["introduction", "summary", "abstract", "digest", "zhaiyao", "daodu", "daoyu"]

    private mutating func markSummaryBoxes() {
        for (i, e) in tree.elements.enumerated() where !skipped[i] && chars[i] > 0 {
            if roles[i] == .summary, chars[i] <= 400 {
                summaryBoxes[i] = true
                continue
            }
            guard chars[i] >= 2, chars[i] <= 8, e.parent >= 0 else { continue }
            let text = tree.text(of: i)
            guard let first = text.unicodeScalars.first(where: { $0.value > 0x20 && $0.value != 0x3000 && $0.value != 0xA0 }),
                  Self.summaryLabelFirsts.contains(first) else { continue }
            let label = String(String.UnicodeScalarView(text.unicodeScalars.filter { !Self.labelMarks.contains($0) && !$0.properties.isWhitespace }))
            guard PageVocabulary.deckLabels.contains(label) else { continue }
            let siblings = tree.elements[e.parent].children.compactMap { node -> Int? in
                if case .element(let k) = node, !skipped[k] { return k } else { return nil }
            }
            guard let at = siblings.firstIndex(of: i), at + 1 < siblings.count else { continue }
            let next = siblings[at + 1]
            if ["ol", "ul", "blockquote"].contains(tree.elements[next].name) || chars[next] <= 300 {
                summaryBoxes[i] = true
                summaryBoxes[next] = true
            }
        }
    }

    /// Non-space characters and sentence punctuation (`，。！？；、`) in `text`, in one pass over its UTF-8.
    static func measure(_ text: String) -> (Int, Int) {
        var text = text
        return text.withUTF8 { u in
            var count = 0, punctuation = 0
            var i = 0
            let n = u.count
            while i < n {
                let b = u[i]
                if b < 0x80 {
                    if b > 0x20 { count += 1 }
                    i += 1
                } else if b < 0xE0 {
                    if !(b == 0xC2 && i + 1 < n && u[i + 1] == 0xA0) { count += 1 }  // U+00A0
                    i += 2
                } else if b < 0xF0 {
                    if i + 2 < n {
                        let b1 = u[i + 1], b2 = u[i + 2]
                        if b == 0xE3 && b1 == 0x80 {
                            if b2 == 0x80 { i += 3; continue }  // U+3000
                            if b2 == 0x81 || b2 == 0x82 { punctuation += 1 }  // 、。
                        } else if b == 0xEF && b1 == 0xBC && (b2 == 0x8C || b2 == 0x81 || b2 == 0x9F || b2 == 0x9B) {
                            punctuation += 1  // ，！？；
                        }
                    }
                    count += 1
                    i += 3
                } else {
                    count += 1
                    i += 4
                }
            }
            return (count, punctuation)
        }
    }

    func roots() -> [MarkupTree.Node] { tree.roots }

    /// One past the last element inside `element`.
    func subtreeEnd(_ element: Int) -> Int { ends[element] }

    /// The element's class and id, lowercased ("" without either).
    func classAndID(_ e: Int) -> String {
        let el = tree.elements[e]
        return ((el.attribute("class") ?? "") + " " + (el.attribute("id") ?? "")).lowercased().trimmingSpaces
    }

    /// What an element's class and id say it is.
    enum Role: UInt8 { case none, positive, negative, both, summary }

    /// The class/id words by their first byte, with what each says (0 summary, 1 negative, 2 positive).
    static let roleWords: [[(word: [UInt8], kind: Int)]] = {
        var table = [[(word: [UInt8], kind: Int)]](repeating: [], count: 256)
        for (kind, list) in [summaryWords, negativeWords, positiveWords].enumerated() {
            for w in list { table[Int(w.utf8.first!)].append((Array(w.utf8), kind)) }
        }
        return table
    }()

    /// What lowercased class and id words say, in one pass over their bytes.
    static func role(of words: String) -> Role {
        guard !words.isEmpty else { return .none }
        var words = words
        var negative = false, positive = false
        let summary: Bool = words.withUTF8 { u in
            for i in 0 ..< u.count {
                for (word, kind) in roleWords[Int(u[i])] where i + word.count <= u.count {
                    var k = 1
                    while k < word.count && u[i + k] == word[k] { k += 1 }
                    guard k == word.count else { continue }
                    switch kind {
                    case 0: return true
                    case 1: negative = true
                    default: positive = true
                    }
                }
            }
            return false
        }
        if summary { return .summary }
        return negative && positive ? .both : negative ? .negative : positive ? .positive : .none
    }

    // MARK: The article's block

    static let positiveWords = ["article", "content", "main", "text", "body", "post", "detail", "entry", "story", "artic",
                                "zw", "cont", "txt", "news", "rich_media"]
    static let negativeWords = ["comment", "footer", "foot", "sidebar", "side", "related", "relate", "recommend", "share",
                                "nav", "menu", "banner", "hot", "rank", "copyright", "tag", "crumb", "login", "qrcode",
                                "ewm", "popup", "reply", "pinglun", "xgxw", "xiangguan", "more", "guess", "feed", "list"]

    /// How an element's class and id weigh on it being the article.
    func classWeight(_ e: Int) -> Double {
        switch roles[e] {
        case .none, .summary: 1
        case .positive: 1.3
        case .negative: 0.5
        case .both: 0.65
        }
    }

    func isNegative(_ e: Int) -> Bool { roles[e] == .negative }

    /// The elements that hold the article, in document order: the best-scoring
    /// element and those of its siblings that score nearly as well. Empty when
    /// no block holds a sentence's worth of text.
    func articleBlocks() -> [Int] {
        let (final, best) = candidateScores()
        guard best >= 0 else { return [] }
        let bestScore = final[best]
        let parent = tree.elements[best].parent
        var blocks = [Int]()
        for child in tree.children(of: parent) {
            guard case .element(let s) = child, !skipped[s] else { continue }
            if s == best {
                blocks.append(s)
            } else if final[s] >= max(10, bestScore * 0.2) && !isNegative(s) {
                blocks.append(s)
            } else if tree.elements[s].name == "p", inlineChars[s] >= 60, Double(inlineLinkChars[s]) < 0.25 * Double(inlineChars[s]) {
                blocks.append(s)
            }
        }
        return blocks
    }

    /// The best candidates with their scores, best first (for `parse --explain`).
    func rankedCandidates(_ count: Int) -> [(element: Int, score: Double)] {
        let (final, _) = candidateScores()
        return final.indices.filter { final[$0] > 0 }.sorted { final[$0] > final[$1] }.prefix(count).map { ($0, final[$0]) }
    }

    /// Each element's score as the article's container, and the best element (-1: none).
    func candidateScores() -> ([Double], Int) {
        let n = tree.elements.count
        var score = Array(repeating: 0.0, count: n)
        for i in 0 ..< n where !skipped[i] && block[i] {
            let text = inlineChars[i]
            guard text >= 12, Double(inlineLinkChars[i]) < 0.5 * Double(text) else { continue }
            let s = 1 + Double(inlinePunctuation[i]) + min(Double(text) / 60, 3)
            var ancestor = tree.elements[i].parent
            var level = 0
            while ancestor >= 0 && level < 3 {
                score[ancestor] += s / Double(level == 0 ? 1 : level * 2)
                ancestor = tree.elements[ancestor].parent
                level += 1
            }
        }
        var best = -1
        var bestScore = 0.0
        var final = Array(repeating: 0.0, count: n)
        for i in 0 ..< n where score[i] > 0 {
            let density = chars[i] > 0 ? Double(linkChars[i]) / Double(chars[i]) : 0
            final[i] = score[i] * (1 - density) * classWeight(i)
            if final[i] > bestScore {
                bestScore = final[i]
                best = i
            }
        }
        return (final, best)
    }

    // MARK: Rendering

    /// The text of `nodes` as lines: block elements and `<br>` break lines,
    /// white space runs become one space. `cleaned` leaves out, inside the
    /// nodes, link lists, share/comment boxes and captions.
    func render(_ nodes: [MarkupTree.Node], cleaned: Bool) -> [String] {
        var renderer = Renderer()
        let outer = Set(nodes.compactMap { node -> Int? in if case .element(let e) = node { return e } else { return nil } })
        walk(nodes) { event in
            switch event {
            case .text(let t):
                renderer.append(t)
                return true
            case .enter(let e):
                if skipped[e] || cleaned && !outer.contains(e) && leftOut(e) { return false }
                if block[e] { renderer.breakLine() }
                return true
            case .exit(let e):
                if block[e] { renderer.breakLine() }
                return true
            }
        }
        renderer.breakLine()
        return renderer.lines
    }

    /// The whole page's text as lines, once, with where each element begins and
    /// ends among them: the lines between two points of the page are then a slice.
    struct Text {
        var lines: [String] = []
        /// The event (element entered or left) after which each line began.
        var lineEvents: [Int] = []
        var enter: [Int]
        var exit: [Int]

        /// The lines that begin after event `from` and before event `to`.
        /// The first line whose event satisfies `test` (which holds for all lines after it).
        private func firstLine(where test: (Int) -> Bool) -> Int {
            var low = 0, high = lineEvents.count
            while low < high {
                let mid = (low + high) / 2
                if test(lineEvents[mid]) { high = mid } else { low = mid + 1 }
            }
            return low
        }

        func lines(after from: Int, before to: Int) -> ArraySlice<String> {
            let lower = firstLine { $0 > from }
            let upper = firstLine { $0 >= to }
            return lower < upper ? lines[lower ..< upper] : []
        }
    }

    enum WalkEvent {
        case enter(Int)
        case exit(Int)
        case text(String)
    }

    /// Visits `nodes` and what they hold in document order without copying them:
    /// `visit` returning false on `.enter` skips the element's content and its `.exit`.
    func walk(_ nodes: [MarkupTree.Node], _ visit: (WalkEvent) -> Bool) {
        var stack: [(element: Int, next: Int)] = []
        var position = 0
        while true {
            let children = stack.last.map { tree.elements[$0.element].children } ?? nodes
            let i = stack.last?.next ?? position
            if i == children.count {
                guard let (e, _) = stack.popLast() else { return }
                _ = visit(.exit(e))
                continue
            }
            if stack.isEmpty { position += 1 } else { stack[stack.count - 1].next += 1 }
            switch children[i] {
            case .text(let t):
                _ = visit(.text(t))
            case .element(let e):
                if visit(.enter(e)) { stack.append((e, 0)) }
            }
        }
    }

    /// The page's text from element `window.lowerBound` to element `window.upperBound`
    /// (elements outside it are not rendered; their events stay 0).
    func text(_ window: Range<Int>? = nil) -> Text {
        let n = tree.elements.count
        let window = window ?? 0 ..< n
        var lastEntered = -1
        var text = Text(enter: Array(repeating: 0, count: n), exit: Array(repeating: 0, count: n))
        var renderer = Renderer()
        var event = 0
        var lineEvent = 0
        func flush() {
            let before = renderer.lines.count
            renderer.breakLine()
            if renderer.lines.count > before { text.lineEvents.append(lineEvent) }
        }
        walk(tree.roots) { node in
            switch node {
            case .text(let t):
                guard window.contains(lastEntered) else { return true }
                if renderer.isEmpty && !renderer.pendingSpace { lineEvent = event }
                renderer.append(t)
                return true
            case .enter(let e):
                // Subtrees wholly outside the window are passed over.
                if ends[e] <= window.lowerBound || e >= window.upperBound { return false }
                lastEntered = e
                if block[e] { flush() }
                event += 1
                text.enter[e] = event
                if skipped[e] {
                    event += 1
                    text.exit[e] = event
                    return false
                }
                return true
            case .exit(let e):
                if block[e] { flush() }
                event += 1
                text.exit[e] = event
                return true
            }
        }
        flush()
        text.lines = renderer.lines
        return text
    }

    static let leftOutNames: Set<String> = ["figcaption", "nav", "aside", "form", "caption"]

    /// Inside the article: a link list, a share, comment or related box, a caption.
    func leftOut(_ e: Int) -> Bool {
        let el = tree.elements[e]
        if Self.leftOutNames.contains(el.name) || summaryBoxes[e] { return true }
        guard block[e] || el.name == "span" else { return false }
        if chars[e] >= 4 && Double(linkChars[e]) > 0.5 * Double(chars[e]) { return true }
        return isNegative(e) || isCaption(e)
    }

    /// A short centred phrase just under an image: its caption ("产品经理的生日餐").
    func isCaption(_ e: Int) -> Bool {
        guard chars[e] > 0, chars[e] <= 40 else { return false }
        let el = tree.elements[e]
        let centred = el.attribute("align")?.lowercased() == "center"
            || (el.attribute("style")?.lowercased().filter { !$0.isWhitespace }.contains("text-align:center") ?? false)
        guard centred else { return false }
        return (max(0, e - 4) ..< e).contains { tree.elements[$0].name == "img" }
            || (e ..< subtreeEnd(e)).contains { tree.elements[$0].name == "img" }
    }

    /// Gathers text into lines, white space runs as one space, over UTF-8 bytes.
    struct Renderer {
        var lines: [String] = []
        var bytes: [UInt8] = []
        var pendingSpace = false
        var isEmpty: Bool { bytes.isEmpty }

        mutating func append(_ text: String) {
            var text = text
            text.withUTF8 { u in
                var i = 0
                let n = u.count
                while i < n {
                    let b = u[i]
                    var width = 1
                    var space = false
                    if b < 0x80 {
                        space = b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C
                    } else if b < 0xE0 {
                        width = 2
                        space = b == 0xC2 && i + 1 < n && u[i + 1] == 0xA0  // U+00A0
                    } else if b < 0xF0 {
                        width = 3
                        if i + 2 < n {
                            let b1 = u[i + 1], b2 = u[i + 2]
                            // U+2000–U+200B, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF
                            space = b == 0xE2 && b1 == 0x80 && (b2 <= 0x8B || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF)
                                || b == 0xE2 && b1 == 0x81 && b2 == 0x9F
                                || b == 0xE3 && b1 == 0x80 && b2 == 0x80
                                || b == 0xEF && b1 == 0xBB && b2 == 0xBF
                        }
                    } else {
                        width = 4
                    }
                    width = min(width, n - i)
                    if space {
                        pendingSpace = !bytes.isEmpty
                    } else {
                        if pendingSpace { bytes.append(0x20) }
                        pendingSpace = false
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[i ..< i + width]))
                    }
                    i += width
                }
            }
        }

        mutating func breakLine() {
            if !bytes.isEmpty { lines.append(String(decoding: bytes, as: UTF8.self)) }
            bytes.removeAll(keepingCapacity: true)
            pendingSpace = false
        }
    }
}
