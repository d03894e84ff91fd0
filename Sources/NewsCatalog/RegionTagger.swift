import NewsText

/// Tags an article with the regions it is about: mentions in the headline,
/// the lead and the body, weighed by where they occur, resolved with context.
///
/// How it works, in order (each step is a section of `RegionRules.all`, which says what
/// applies before what):
/// - Phrases that name no place of the story are blanked, names of several provinces and
///   landmarks are counted, and Beijing as a mere venue is blanked (`scanField`).
/// - Matching is leftmost-longest over normalized text, so `淄博高新区` is the zone,
///   not `淄博` plus a stray suffix, and `山东省淄博市张店区` is three mentions.
/// - Each name found is tried against the table's skipping rules, then weighed by its
///   weighing rules, in table order (`RegionRules.skips`, `RegionRules.weigh`): 3 in the
///   headline, 2 in the lead (first 150 characters), 1 elsewhere, at least 1.5 for a topic,
///   half as much for a listed or background place. Then the table's checks: whether it
///   needs its parent (a tunnel), lines up with ICU's words, or is a piece of a person's name.
/// - Ambiguous and context-only names (中山, 和平) count only beside a confident mention of
///   their parent (`resolve`, asking `RegionRules.shortNameNeedsParent`).
/// - Provinces with enough of the leader's weight, or a sentence of their own, are kept,
///   and inside each the most specific regions (`select`); bulletins are judged item by
///   item, and stories about other countries or touring the whole country need more.
///
/// The rules, what each looks at and its minimal pairs: `RegionRules.all`. The words behind
/// them: `scripts/catalog/region_words.tsv` (generated into `RegionWords`). Their history:
/// `docs/region-tagger-log.md`.
public struct RegionTagger: Sendable {
    public let catalog: RegionCatalog
    let lexicon: Lexicon
    /// For each lexicon term: the region indices it names, and whether as a short name.
    let meanings: [[(region: Int, short: Bool)]]
    /// For each of `groups`: the region indices of its provinces.
    private let groupRegions: [[Int]]
    /// For each of `groups`: the codes of its provinces.
    private let groupProvinces: [[Int32]]
    /// Lexicon terms that are ordinary words (`contextOnly`) naming a district of Taiwan (和平, 大里,
    /// 东势 …): they need Taiwan or their city in the same sentence (or the headline). Where Taiwan is
    /// a subject of policy, 和平 is peace (两岸和平发展, 和平统一), not Taichung's 和平区.
    private let taiwanWordTerms: Set<Int>

    /// Short names that need their parent nearby: ordinary words, people's names,
    /// or places better known as something else (the word list of the rule context-only-word;
    /// the tagger asks the table, `RegionRules.shortNameNeedsParent`).
    static let contextOnly: Set<String> = Set(RegionWords.contextOnly)
    /// Phrases whose place names do not place the story (北京时间 is a clock, 从北京 where
    /// someone came from, 上合组织 and
    /// 台盟 organizations, 昆士兰州 an Australian state holding 兰州).
    static let notPlaces = RegionWords.notPlaces
    /// Names of several provinces together (京津冀) and of events they host, with the provinces.
    static let groups = RegionWords.groups
    /// Names that place a story in its host provinces: games (北京冬奥), fairs that the host
    /// runs (广交会) and landmarks whose names hold no place (深中通道). They count at full weight.
    static let landmarks = RegionWords.landmarks
    static let allGroups = groups + landmarks
    static let timeSuffixUnits = RegionWords.timeSuffix.map { Array($0.utf16) }
    static let groupUnits = allGroups.map { Array($0.name.utf16) }
    // Weights are in half-units so that a mention in a list (北京、天津、河北…) can count half.
    static let headlineWeight = 6
    static let leadWeight = 4
    static let bodyWeight = 2
    static let leadLength = 150

    /// The thresholds `select` applies; `standard` unless a measurement varies them.
    public struct Tuning: Sendable {
        /// Least total weight (in half-units) for a province to be tagged: a mention in the
        /// headline or the lead, or a passing mention plus a listed one, or two passing ones.
        public var minimumWeight = 3
        /// A province is kept when its weight reaches this share of the leader's.
        public var relativeWeight = 0.25
        /// Least weight for a province when the headline names a foreign country and no Chinese
        /// place (国际联播快讯, 习近平同俄罗斯总统会谈): China is then mostly the venue.
        public var foreignMinimumWeight = 12
        /// This many provinces or more named on their own, none in the headline and none with
        /// 30% of the weight, make the article a tour of the country (各地…): about China as a whole.
        public var nationalSpread = 10
        /// At most this many provinces are kept.
        public var maximumProvinces = 10
        /// Least weight for a province inside one item of a bulletin: named in the item's
        /// headline, or in its lead and once more (在吉林长春启动).
        public var itemMinimumWeight = 5
        /// Least weight for the leading province of an item (…在厦门闭幕: one mention in its lead).
        public var itemLeaderWeight = 4
        public init() {}
        public static let standard = Tuning()
    }
    public let tuning: Tuning

    public init(catalog: RegionCatalog, tuning: Tuning = .standard) {
        self.catalog = catalog
        self.tuning = tuning
        var terms = [String]()
        var meanings = [[(Int, Bool)]]()
        var termIndex = [String: Int]()
        for (i, r) in catalog.regions.enumerated() {
            for (name, short) in [(r.name, false)] + r.shortNames.map({ ($0, true) }) {
                let n = catalog.table.normalize(name)
                if let t = termIndex[n] { meanings[t].append((i, short)); continue }
                termIndex[n] = terms.count
                terms.append(n)
                meanings.append([(i, short)])
            }
        }
        lexicon = Lexicon(terms: terms, table: catalog.table)
        self.meanings = meanings
        // The table's rules on which of the context-only words need their parent in their sentence.
        taiwanWordTerms = Set(Self.contextOnly.compactMap { termIndex[catalog.table.normalize($0)] }.filter { t in
            RegionRules.parentInSentence(catalog, meanings[t].map(\.0))
        })
        let indexOf = Dictionary(catalog.regions.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        groupRegions = Self.allGroups.map { $0.provinces.compactMap { indexOf[$0] } }
        groupProvinces = Self.allGroups.map(\.provinces)
    }

    struct Mention {
        var term: Int
        var weight: Int
        /// Whether the mention starts and ends on ICU word boundaries (true when unknown).
        var aligned = true
        /// For a name of several provinces together (京津冀): their region indices.
        var group: [Int]? = nil
        /// The bulletin item the mention is in (-1: the headline, or not a bulletin).
        var item = -1
        /// Whether the mention is the topic of its sentence (opens it, frames a clause, reports figures).
        var topic = false
        /// Which sentence of its field the mention is in (counted from 0).
        var sentence = 0
        /// Whether the mention is in a bare list closed by 等地 (广西、湖南等地有暴雨): it adds to its
        /// province's weight but never makes the province salient, and places nothing in context.
        var bare = false
        /// Whether the mention counts only beside a confident mention of its parent (太康隧道: the
        /// table's `needsParent` rules).
        var needsParent = false
    }

    /// The regions `headline` and `body` are about, most specific codes, most salient first.
    ///
    /// With a `segmenter`, short names count only where they line up with ICU's
    /// words, so 和政 in 党和政府 and 鱼台 in 钓鱼台 are not places.
    public func tag(headline: String, body: String, segmenter: WordSegmenter? = nil, limit: Int = 10) -> [Int32] {
        let table = catalog.table
        return tag(normalizedHeadline: Array(table.normalize(headline).utf16), normalizedBody: Array(table.normalize(body).utf16),
                   segmenter: segmenter, limit: limit)
    }

    /// `tag` for text already normalized (the analyzer's buffers), with ICU's word
    /// boundaries of each (`Analyzer.icuBoundaries`) instead of segmenting again.
    public func tag(normalizedHeadline: [UInt16], headlineBoundaries: [Bool], normalizedBody: [UInt16], bodyBoundaries: [Bool],
                    limit: Int = 10) -> [Int32] {
        var mentions = [Mention]()
        let shape = Shape(headline: normalizedHeadline, body: normalizedBody)
        scanField(normalizedHeadline, shape: nil, nil, boundaries: headlineBoundaries, into: &mentions)
        let inHeadline = mentions.count
        scanField(normalizedBody, shape: shape, nil, boundaries: bodyBoundaries, headline: headlineProvinces(mentions), into: &mentions)
        return select(resolve(mentions, headlineCount: inHeadline), shape: shape, limit: limit)
    }

    func tag(normalizedHeadline: [UInt16], normalizedBody: [UInt16], segmenter: WordSegmenter?, limit: Int) -> [Int32] {
        let shape = Shape(headline: normalizedHeadline, body: normalizedBody)
        let (mentions, inHeadline) = mentions(normalizedHeadline, normalizedBody, shape: shape, segmenter: segmenter)
        return select(resolve(mentions, headlineCount: inHeadline), shape: shape, limit: limit)
    }

    func mentions(headline: String, body: String, segmenter: WordSegmenter?) -> [Mention] {
        let h = Array(catalog.table.normalize(headline).utf16), b = Array(catalog.table.normalize(body).utf16)
        return mentions(h, b, shape: Shape(headline: h, body: b), segmenter: segmenter).mentions
    }

    /// The mentions of headline and body, and how many of them are in the headline.
    func mentions(_ headline: [UInt16], _ body: [UInt16], shape: Shape, segmenter: WordSegmenter?) -> (mentions: [Mention], inHeadline: Int) {
        var mentions = [Mention]()
        scanField(headline, shape: nil, segmenter, into: &mentions)
        let inHeadline = mentions.count
        scanField(body, shape: shape, segmenter, headline: headlineProvinces(mentions), into: &mentions)
        return (mentions, inHeadline)
    }

    /// What kind of article this is, as far as places go: a bulletin of separate items
    /// (国内联播快讯: short item headlines on lines of their own), a story about other
    /// countries (a foreign country in the headline), or an ordinary story.
    struct Shape {
        /// Ranges of the body that are item headlines of a bulletin (empty for other articles).
        var itemHeadlines: [Range<Int>] = []
        var foreign = false
        var bulletin: Bool { itemHeadlines.count >= 2 }

        init(headline: [UInt16], body: [UInt16]) {
            var unquoted = RegionTagger.unquoted(headline)
            // 中东部 is China's central and eastern part, not the Middle East (中东).
            for phrase in RegionTagger.notForeignUnits { RegionTagger.blank(&unquoted, phrase, keepFrom: phrase.count) }
            foreign = RegionTagger.foreignUnits.contains { RegionTagger.find(unquoted, $0, from: 0) != nil }
                // 当地时间 in the lead: the story happens abroad (当地时间10日上午，代表团在安州参观…).
                || RegionTagger.find(Array(body.prefix(RegionTagger.localTimeLength)), RegionTagger.localTimeUnits, from: 0) != nil
            var start = 0
            for i in 0 ... body.count where i == body.count || body[i] == 0x0A {
                let line = body[start ..< i]
                if line.count >= 4, line.count <= 40, !line.contains(0x3002), line.contains(where: { Han.isHan(UInt32($0)) }) {
                    itemHeadlines.append(start ..< i)
                }
                start = i + 1
            }
        }

        /// A mention's weight at `offset` in the body: in a bulletin, an item headline weighs as
        /// much as the headline, and every item has a lead of its own.
        func bodyWeight(_ offset: Int) -> Int {
            guard bulletin else { return offset < RegionTagger.leadLength ? RegionTagger.leadWeight : RegionTagger.bodyWeight }
            let i = item(offset)
            // Before the first item: the article's own lead (a story with short subheadings, 北京冬奥会…比赛继续进行).
            guard i >= 0 else { return offset < RegionTagger.leadLength ? RegionTagger.leadWeight : RegionTagger.bodyWeight }
            if itemHeadlines[i].contains(offset) { return RegionTagger.headlineWeight }
            return offset < itemHeadlines[i].upperBound + RegionTagger.itemLeadLength ? RegionTagger.leadWeight : RegionTagger.bodyWeight
        }

        /// The bulletin item `offset` lies in, -1 before the first or when not a bulletin.
        func item(_ offset: Int) -> Int {
            guard bulletin else { return -1 }
            return itemHeadlines.lastIndex { $0.lowerBound <= offset } ?? -1
        }
    }
    static let itemLeadLength = 60
    /// 当地时间: CCTV gives local time only for what happens abroad.
    static let localTimeUnits = Array("当地时间".utf16)
    /// How far into the body 当地时间 makes the story one about other countries.
    static let localTimeLength = 60

    /// Names that make a headline about other countries (a country, or the world at large).
    static let foreignNames = RegionWords.foreign
    static let foreignUnits = foreignNames.map { Array($0.utf16) }
    /// Words holding a foreign name that name parts of China (中东部: central and eastern China).
    static let notForeignUnits = RegionWords.notForeign.map { Array($0.utf16) }

    /// `text` with what stands inside “…” blanked: a quoted name (台风“桦加沙”, a film, a
    /// slogan) may hold a country's name (加沙) without the story being about that country.
    static func unquoted(_ text: [UInt16]) -> [UInt16] {
        var t = text
        var open: Int? = nil
        for (i, u) in text.enumerated() {
            if u == 0x201C { open = i } else if u == 0x201D, let o = open {
                for k in o + 1 ..< i { t[k] = 0x3000 }
                open = nil
            }
        }
        return t
    }

    /// `text` with Beijing as a mere venue blanked out (在北京举行, 在京火化, 在北京成立 …; not
    /// 在北京，… which frames a report). `notPlaces` are blanked before, by `blankNotPlaces`.
    /// - Complexity: O(n · phrases), on UTF-16 without building strings.
    static func blankOut(_ text: [UInt16], filter: PairFilter? = nil, namesPlace: (([UInt16], Int) -> Bool)? = nil) -> [UInt16] {
        let filter = filter ?? PairFilter(text)
        var t = text
        for venue in venueUnits where filter.mayContain(venue) {
            var i = 0
            while let at = find(t, venue, from: i) {
                let end = at + venue.count
                // Whatever happens 在北京 (a meeting, a ceremony, a funeral, a team formed) happens at
                // the capital's venues; only 在北京，… frames a report about Beijing itself.
                // 在北京顺义…: a district of the capital follows, and the report is about it.
                // 在北京城区内, 在北京市区: a part of the city follows, and the report is about the city.
                if end < t.count, t[end] != 0xFF0C, t[end] != 0x002C, !(namesPlace?(t, end) ?? false),
                   !cityPartUnits.contains(where: { p in end + p.count <= t.count && (0 ..< p.count).allSatisfy { t[end + $0] == p[$0] } }) {
                    for k in at ..< end { t[k] = 0x3000 }
                }
                i = end
            }
        }
        return t
    }

    static let notPlaceUnits = notPlaces.map { Array($0.utf16) }

    /// Blanks the phrases that name no place of the story (`notPlaces`), before names of several
    /// places are looked for: 港澳台 and 国务院港澳办 hold no 港澳.
    static func blankNotPlaces(_ t: inout [UInt16], filter: PairFilter) {
        for phrase in notPlaceUnits where filter.mayContain(phrase) { blank(&t, phrase, keepFrom: phrase.count) }
        // 博鳌亚洲论坛…在海南博鳌举行: the forum keeps its word, the town's name goes.
        for phrase in townNamedGatheringUnits where filter.mayContain(phrase) { blank(&t, phrase, keepFrom: 2) }
    }
    static let venueUnits = RegionWords.beijingVenue.map { Array($0.utf16) }
    /// Parts of a city: after 在北京 they make a report about the city, not a venue.
    static let cityPartUnits = RegionWords.cityPart.map { Array($0.utf16) }

    /// Blanks every occurrence of `phrase` in `t`.
    static func blank(_ t: inout [UInt16], _ phrase: [UInt16], keepFrom: Int) {
        var i = 0
        while let at = find(t, phrase, from: i) {
            for k in at ..< at + min(keepFrom, phrase.count) { t[k] = 0x3000 }
            i = at + phrase.count
        }
    }

    /// The first index ≥ `from` where `needle` occurs in `haystack`.
    static func find(_ haystack: [UInt16], _ needle: [UInt16], from: Int) -> Int? {
        haystack.withUnsafeBufferPointer { $0.firstIndex(of: needle, from: from) }
    }

    /// The mentions found and the region each names, for debugging why an article got
    /// (or did not get) a region: "w<weight> name|name(short)".
    public func explain(headline: String, body: String, segmenter: WordSegmenter? = nil) -> [String] {
        mentions(headline: headline, body: body, segmenter: segmenter).map { m in
            let names = m.group.map { $0.map { catalog.regions[$0].name }.joined(separator: "+") }
                ?? meanings[m.term].map { "\(catalog.regions[$0.region].name)\($0.short ? "(short)" : "")" }.joined(separator: "|")
            return "w\(m.weight)\(m.aligned ? "" : " unaligned")\(m.bare ? " bare" : "")\(m.item >= 0 ? " item\(m.item)" : "") " + names
        }
    }

    /// Whether the place at `i` opens a sentence or a paragraph (安徽持续优化…, 在湖南，…):
    /// the topic of what follows, not a passing mention.
    static func opensSentence(_ buf: UnsafeBufferPointer<UInt16>, at i: Int) -> Bool {
        var j = appositionStart(buf, at: i) ?? i
        if j > 0 && buf[j - 1] == 0x5728 { j -= 1 }  // 在
        guard j > 0 else { return true }
        if sentenceEnds.contains(buf[j - 1]) { return true }
        // After a short opening phrase (日前，黑龙江省…; 面向国际，海南…): still the topic.
        guard buf[j - 1] == 0xFF0C || buf[j - 1] == 0x002C else { return false }
        var k = j - 2
        // A longer opening phrase that says what for or under what (为了全面提升…，北京开展…;
        // 随着…，黑龙江正成为…) still leaves the place as the subject of the sentence.
        while k >= 0, j - 1 - k <= purposeLength {
            if sentenceEnds.contains(buf[k]) { return j - 1 - k <= openingLength || startsPurpose(buf, at: k + 1) }
            if buf[k] == 0xFF0C || buf[k] == 0x002C || buf[k] == 0x3001 { return false }
            k -= 1
        }
        return k < 0 && (j - 1 <= openingLength || startsPurpose(buf, at: 0))
    }
    /// Whether a phrase of purpose or circumstance opens at `k` (为了…, 随着…, 针对…, 围绕…, 面对…).
    static func startsPurpose(_ buf: UnsafeBufferPointer<UInt16>, at k: Int) -> Bool {
        k < buf.count && purposeFirstUnits.contains(buf[k]) && purposeUnits.contains { startsWith(buf, $0, at: k) }
    }
    static let purposeUnits = RegionWords.purpose.map { Array($0.utf16) }
    static let purposeFirstUnits = Set(purposeUnits.map { $0[0] })
    /// Longest opening phrase of purpose or circumstance before the place.
    static let purposeLength = 32
    /// Where a short description of the place before it begins (粮食大省黑龙江省…, 制造业大省山东…):
    /// the place still opens its sentence. Nil when none ends right before `i`.
    static func appositionStart(_ buf: UnsafeBufferPointer<UInt16>, at i: Int) -> Int? {
        guard let a = appositionUnits.first(where: { endsWith(buf, $0, at: i) })
        else { return nil }
        var k = i - a.count
        while k > 0, i - k < appositionLength, Han.isHan(UInt32(buf[k - 1])) { k -= 1 }
        return k > 0 && Han.isHan(UInt32(buf[k - 1])) ? nil : k
    }
    static let appositionUnits = RegionWords.apposition.map { Array($0.utf16) }
    static let appositionLength = 10
    static let sentenceEnds: UnitSet = [0x0A, 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x0021, 0x003F, 0x003B]  // \n 。！？； !?;
    /// Longest opening phrase before a comma (截至今天16时) that still leaves the place as topic.
    static let openingLength = 8

    /// Whether a county short name in a list is part of a longer name (汪永清、: a person):
    /// a Han character joins it on the side away from the 、 and is no place of its own.
    static func insideName(_ buf: UnsafeBufferPointer<UInt16>, at i: Int, end: Int, previousEnd: Int) -> Bool {
        let before = i > 0 && Han.isHan(UInt32(buf[i - 1])) && previousEnd != i
        let after = end < buf.count && Han.isHan(UInt32(buf[end])) && buf[end] != 0x7B49  // 等 (…等地)
        return (before && end < buf.count && buf[end] == 0x3001) || (after && i > 0 && buf[i - 1] == 0x3001)
    }

    /// Whether the place run opened by 在 at `at` only says where leaders met (在天津会见…,
    /// 在昆明会见…): no place of the story. Meetings held somewhere: `meetingHeldAt`.
    static func leadersMeetAt(_ buf: UnsafeBufferPointer<UInt16>, at: Int, end: Int) -> Bool {
        var after = [UInt16]()
        var j = end
        while j < buf.count, j < end + 24, !clauseEnds.contains(buf[j]) { after.append(buf[j]); j += 1 }
        return leaderVerbUnits.contains { find(after, $0, from: 0) != nil }
    }
    static let clauseEnds: UnitSet = sentenceEnds.union([0xFF0C, 0x002C, 0x3001])

    /// Whether the place run starting at `at` follows 返回, 回到 or 返抵: where someone returns to.
    static func returnsTo(_ buf: UnsafeBufferPointer<UInt16>, at: Int) -> Bool {
        at >= 2 && returnVerbUnits.contains { $0[0] == buf[at - 2] && $0[1] == buf[at - 1] }
    }
    static let returnVerbUnits = RegionWords.returnVerb.map { Array($0.utf16) }
    static let leaderVerbUnits = RegionWords.leaderVerb.map { Array($0.utf16) }
    /// Where the parts named after a place end (北部, 西北部地区, 部分地区): `end` when none follows.
    static func qualifierEnd(_ buf: UnsafeBufferPointer<UInt16>, from end: Int) -> Int {
        var j = end
        for _ in 0 ..< 2 {
            guard let q = qualifierUnits.first(where: { startsWith(buf, $0, at: j) }) else { break }
            j += q.count
        }
        return j
    }
    /// Longest first, so that 西北部 is not read as 西 plus 北部.
    static let qualifierUnits = RegionWords.qualifier.map { Array($0.utf16) }

    /// Whether an official's title follows the place at `end` (香港特别行政区行政长官, 甘肃省委书记,
    /// 自治区主席), after the rest of the place's own name; the title may begin with the suffix itself
    /// (上海市市长: the name 上海市, then 市长). Or the title of a lecturer at a study session, at a
    /// university or college named after the place (天津财经大学校长某某作讲解): the session is the
    /// story. A teacher honoured for work there (湖南某大学教授某某) is not a lecturer, and counts.
    static func startsTitle(_ buf: UnsafeBufferPointer<UInt16>, after end: Int) -> Bool {
        var j = end
        if titleUnits.contains(where: { startsWith(buf, $0, at: j) }) { return true }
        if let suffix = adminSuffixUnits.first(where: { startsWith(buf, $0, at: j) }) { j += suffix.count }
        return titleUnits.contains { startsWith(buf, $0, at: j) } || startsAcademicTitle(buf, at: j) || startsFormerTitle(buf, at: j)
    }
    /// Whether a former official's title (原党组书记, 原副局长, 原主任委员) follows within `formerTitleDistance`
    /// Han characters of `j`, after the name of a body of the place (海南省人大常委会原党组副书记某某, 安徽省
    /// 某局原副局长某某): where an official investigated or punished used to serve.
    static func startsFormerTitle(_ buf: UnsafeBufferPointer<UInt16>, at j: Int) -> Bool {
        var k = j
        while k < buf.count, k - j <= formerTitleDistance, Han.isHan(UInt32(buf[k])) {
            if buf[k] == formerUnit, formerTitleUnits.contains(where: { startsWith(buf, $0, at: k + 1) }) { return true }
            k += 1
        }
        return false
    }
    static let formerTitleDistance = 16
    static let formerUnit: UInt16 = 0x539F  // 原
    static let formerTitleUnits = RegionWords.formerTitle.map { Array($0.utf16) }
    /// Whether a university's or college's name ends within `academicNameLength` Han characters of `j`,
    /// a title at it follows (财经大学校长, 理工学院院长) and its sentence says that the person lectures
    /// (作讲解, 进行讲解).
    static func startsAcademicTitle(_ buf: UnsafeBufferPointer<UInt16>, at j: Int) -> Bool {
        var k = j
        while k < buf.count, k - j <= academicNameLength, Han.isHan(UInt32(buf[k])) {
            if let school = schoolUnits.first(where: { startsWith(buf, $0, at: k) }) {
                guard let title = academicTitleUnits.first(where: { startsWith(buf, $0, at: k + school.count) }) else { return false }
                var e = k + school.count + title.count
                while e < buf.count, e < k + lectureClauseLength, !sentenceEnds.contains(buf[e]) {
                    if startsWith(buf, lectureUnits, at: e) { return true }
                    e += 1
                }
                return false
            }
            k += 1
        }
        return false
    }
    static let academicNameLength = 8
    static let lectureClauseLength = 40
    static let lectureUnits = Array("讲解".utf16)
    static let schoolUnits = RegionWords.school.map { Array($0.utf16) }
    static let academicTitleUnits = RegionWords.academicTitle.map { Array($0.utf16) }
    static let adminSuffixUnits = RegionWords.adminSuffix.map { Array($0.utf16) }
    static let titleUnits = RegionWords.title.map { Array($0.utf16) }

    /// 州, 盟, 市, 县, 区: what is left of an administrative suffix after a short name (凉山州, 阿拉善盟).
    static let shortSuffixUnits: UnitSet = UnitSet("州盟市县区".utf16)
    /// 和, 与, 及: between two places, they make a list of two.
    static let pairWords: UnitSet = [0x548C, 0x4E0E, 0x53CA]

    /// Least weight of a mention that opens a sentence or reports figures of its own: a
    /// passing mention weighs less.
    static let topicWeight = 3

    /// Whether the place at `i ..< end` frames a clause wherever it stands (不只是陕西，在河南，…):
    /// 在, the place, a comma.
    /// Also when a description stands between 在 and the place (在全国首个现代林业产业示范区广西，…).
    static func framesClause(_ buf: UnsafeBufferPointer<UInt16>, at i: Int, end: Int) -> Bool {
        guard i > 0, end < buf.count, buf[end] == 0xFF0C || buf[end] == 0x002C else { return false }  // … ，
        var k = i
        while k > 0, i - k < framingLength, Han.isHan(UInt32(buf[k - 1])) { k -= 1 }
        return buf[k] == 0x5728 && (k == 0 || !Han.isHan(UInt32(buf[k - 1])))  // 在 opens the clause
    }
    /// Longest description between 在 and the place it frames.
    static let framingLength = 20

    /// Whether the clause right after the place at `end` reports figures of its own
    /// (河北5000多万亩玉米…, 安徽省对…84个内湖…): something reported in that place, not a
    /// passing mention. The clause ends at punctuation, and is read for at most `clauseLength`.
    static func reportsFigures(_ buf: UnsafeBufferPointer<UInt16>, after end: Int) -> Bool {
        var j = end
        while j < buf.count, j < end + clauseLength {
            let u = buf[j]
            if u >= 0x30 && u <= 0x39 { return true }
            switch u {
            case 0x0A, 0x3002, 0xFF0C, 0xFF01, 0xFF1F, 0xFF1B, 0x3001, 0x002C, 0x0021, 0x003F, 0x003B: return false
            default: break
            }
            j += 1
        }
        return false
    }
    static let clauseLength = 30

    /// The provinces the headline's mentions name on their own or as a group (北京冬奥).
    private func headlineProvinces(_ mentions: [Mention]) -> Set<Int32> {
        var result = Set<Int32>()
        for m in mentions {
            if let g = m.group { for r in g { result.insert(catalog.province(of: catalog.regions[r].code)) } }
            else if let r = standalone(meanings[m.term]) { result.insert(catalog.province(of: catalog.regions[r].code)) }
        }
        return result
    }

    /// Mentions in one field (`shape` nil: the headline): names of province groups first,
    /// then, with phrases that name no place blanked out, the regions.
    private func scanField(_ raw: [UInt16], shape: Shape?, _ segmenter: WordSegmenter?, boundaries: [Bool]? = nil,
                           headline: Set<Int32> = [], into mentions: inout [Mention]) {
        let weight = { (i: Int) in shape?.bodyWeight(i) ?? Self.headlineWeight }
        let item = { (i: Int) in shape?.item(i) ?? -1 }
        var text = raw
        let filter = PairFilter(raw)
        Self.blankNotPlaces(&text, filter: filter)
        for (k, phrase) in Self.groupUnits.enumerated() where filter.mayContain(phrase) {
            var i = 0
            while let at = Self.find(text, phrase, from: i) {
                // Half weight, as for a list: the name covers several provinces at once. So for games or
                // a landmark of other provinces than the headline's (黑龙江：紧抓冬奥机遇 … 北京冬奥会的举办…):
                // the background of a story about another place.
                let background = !headline.isEmpty && !groupProvinces[k].contains(where: headline.contains)
                let w = k < Self.groups.count || background ? max(1, weight(at) / 2) : weight(at)
                // 北京冬奥会后, 北京冬奥会以来: a point in time, not the games.
                let since = Self.timeSuffixUnits.contains { Self.find(Array(text[(at + phrase.count)...].prefix($0.count)), $0, from: 0) == 0 }
                if !since { mentions.append(Mention(term: -1, weight: w, group: groupRegions[k], item: item(at))) }
                for j in at ..< at + phrase.count { text[j] = 0x3000 }
                i = at + phrase.count
            }
        }
        scan(Self.blankOut(text, filter: filter, namesPlace: { t, at in self.startsDistrict(t, at: at) }), weight: weight, item: item, segmenter, boundaries: boundaries, into: &mentions)
    }

    /// Leftmost-longest mentions in `text`.
    private func scan(_ text: [UInt16], weight: (Int) -> Int, item: (Int) -> Int, _ segmenter: WordSegmenter?, boundaries given: [Bool]? = nil,
                      into mentions: inout [Mention]) {
        var boundaries: [Bool]? = given
        text.withUnsafeBufferPointer { buf in
            var i = 0
            var pairedWithPrevious = false
            var previousEnd = -1, previousTerm = -1
            // Where the run of places after a 在 began (在山东济南开幕), -1 when none is open.
            var venueFrom = -1
            // Where the current run of places began (山东青岛 is one run).
            var runFrom = -1
            var sentence = 0, counted = 0
            // Whether the paragraph so far has named a weather service (中央气象台…) and then turned
            // into its forecast (…预计，…), which goes on to the end of the paragraph.
            var forecaster = false, forecast = false
            while i < buf.count {
                guard Han.isHan(UInt32(buf[i])) else { i += 1; continue }
                var best: (end: Int, term: Int)? = nil
                lexicon.forEachMatch(buf, from: i) { end, term in best = (end, term) }
                // A county short name overlapping a longer name that starts inside it (二十大内蒙古:
                // 大内 of Tainan against 内蒙古) gives way to that name.
                if let b = best, meanings[b.term].allSatisfy({ $0.short && catalog.regions[$0.region].level >= .county }),
                   (i + 1 ..< b.end).contains(where: { j in
                       var longer = false
                       lexicon.forEachMatch(buf, from: j) { end, _ in if end > b.end { longer = true } }
                       return longer
                   }) {
                    i += 1
                    continue
                }
                if let best {
                    // A pair of places (甘肃和青海) is a list of two.
                    // A part of the place (河南北部、山东西北部地区和河北省) stays in the list.
                    let tail = Self.qualifierEnd(buf, from: best.end)
                    var paired = false
                    if tail + 1 < buf.count, Self.pairWords.contains(buf[tail]) {
                        lexicon.forEachMatch(buf, from: tail + 1) { _, _ in paired = true }
                    }
                    let listed = (i > 0 && buf[i - 1] == 0x3001) || (tail < buf.count && buf[tail] == 0x3001)  // 、
                        || paired || (pairedWithPrevious && i > 0 && Self.pairWords.contains(buf[i - 1]))
                    pairedWithPrevious = paired
                    // The run goes on through a suffix shortened after a short name (凉山州喜德县: 凉山, 州, 喜德县).
                    let goesOn = previousEnd == i || (i > 0 && previousEnd == i - 1 && Self.shortSuffixUnits.contains(buf[i - 1]))
                    venueFrom = i > 0 && buf[i - 1] == 0x5728 ? i - 1  // 在
                        : i > 2 && buf[i - 3] == 0x5728 && buf[i - 2] == 0x4E2D && buf[i - 1] == 0x56FD ? i - 3  // 在中国江苏…
                        : (goesOn ? venueFrom : -1)
                    if !goesOn { runFrom = i }
                    defer { previousEnd = best.end; previousTerm = best.term }
                    while counted < i {
                        let u = buf[counted]
                        if Self.sentenceEnds.contains(u) { sentence += 1 }
                        if u == 0x0A { forecaster = false; forecast = false }
                        if !forecaster { forecaster = Self.startsForecaster(buf, at: counted) }
                        else if !forecast { forecast = Self.startsWith(buf, Self.forecastUnits, at: counted) }
                        counted += 1
                    }
                    // A place whose run goes on into a list of other provinces (新疆吐鲁番、陕西关中等地) is in
                    // the list too; one that frames a list of its own parts (江西赣州龙南、寻乌等地) is not.
                    let runTail = self.runTail(buf, from: tail)
                    let inList = runTail > tail && runTail + 1 < buf.count && buf[runTail] == 0x3001
                        && startsOtherProvince(buf, at: runTail + 1, than: best.term)
                    let site = MentionSite(buf: buf, start: i, end: best.end, term: best.term, previousTerm: previousEnd == i ? previousTerm : -1,
                                           previousEnd: previousEnd, runFrom: runFrom, venueFrom: venueFrom, tail: tail,
                                           listFrom: inList ? runTail : tail, listed: listed, runsIntoList: inList,
                                           routed: Self.routeLength(buf, at: tail) != nil || Self.endsRoute(buf, at: i), inForecast: forecast)
                    // The table's rules, in its order: the first skipping rule that fires skips the name; the
                    // weighing rules weigh what is left.
                    if RegionRules.skips(self, site) { i = best.end; continue }
                    let weighed = RegionRules.weigh(self, site)
                    var w = weighed.halved ? max(1, weight(i) / 2) : weight(i)
                    if weighed.topic || weighed.prominent { w = max(w, Self.topicWeight) }
                    var m = Mention(term: best.term, weight: w, item: item(i))
                    m.sentence = sentence
                    m.bare = weighed.bare
                    m.topic = weighed.topic
                    m.needsParent = RegionRules.needsParent(self, site)
                    // Short names below the province collide with ordinary words across word
                    // boundaries (重大理论, 美丽江山): check those (the rule word-alignment).
                    if segmenter != nil || given != nil, meanings[best.term].allSatisfy({ $0.short }) {
                        let province = meanings[best.term].contains { catalog.regions[$0.region].level == .province }
                        if boundaries == nil { boundaries = (try? segmenter?.boundaries(text)) ?? [] }
                        // A province's short name goes only where it lies inside words at both ends
                        // (隆重庆祝 holds no 重庆); below the province, where either end does.
                        if let b = boundaries, b.count > best.end { m.aligned = province ? b[i] || b[best.end] : b[i] && b[best.end] }
                    }
                    if RegionRules.unaligns(self, site) { m.aligned = false }
                    mentions.append(m)
                    i = best.end
                } else {
                    i += 1
                }
            }
        }
    }

    /// Where the run of places going on at `from` ends, with their parts (山东青岛西部): `from` when
    /// no place starts there.
    /// - Complexity: O(k · m) for k places in the run and lexicon matches of m characters.
    func runTail(_ buf: UnsafeBufferPointer<UInt16>, from: Int) -> Int {
        var j = from
        while j < buf.count {
            var end = -1
            lexicon.forEachMatch(buf, from: j) { e, _ in end = max(end, e) }
            guard end > j else { break }
            j = Self.qualifierEnd(buf, from: end)
        }
        return j
    }

    /// Whether a place of another province than any `term` names starts at `j`.
    func startsOtherProvince(_ buf: UnsafeBufferPointer<UInt16>, at j: Int, than term: Int) -> Bool {
        var next = -1
        lexicon.forEachMatch(buf, from: j) { _, t in next = t }
        guard next >= 0 else { return false }
        let own = Set(meanings[term].map { catalog.province(of: catalog.regions[$0.region].code) })
        return !meanings[next].contains { own.contains(catalog.province(of: catalog.regions[$0.region].code)) }
    }

    /// Whether a list goes on at `j`: 、, or 等 or a numeral closing it (…等地, …四地).
    static func continuesList(_ buf: UnsafeBufferPointer<UInt16>, at j: Int) -> Bool {
        j < buf.count && (buf[j] == 0x3001 || buf[j] == etcUnit || numeralUnits.contains(buf[j]))
    }

    /// What a mention adds to one region, after the context rules.
    struct Credit {
        var region: Int
        var weight: Int
        var item: Int
        var inHeadline: Bool
        /// From a name of several provinces (长三角): names none of them on its own.
        var fromGroup = false
        var topic = false
        /// From a bare list closed by 等地: adds weight, makes nothing salient on its own.
        var bare = false
    }

    /// The regions the mentions name, after the context rules.
    private func resolve(_ mentions: [Mention], headlineCount: Int) -> [Credit] {
        var credits = [Credit]()
        var pending = [(Int, Mention)]()
        // Context: everything the confident mentions lie in, per bulletin item (an item's
        // places say nothing of the next one's words). Names of several provinces
        // (京津冀, 北京冬奥) give none: they place no county (复兴 there is 民族复兴, not 邯郸).
        var context = [Int: Set<Int32>]()
        // A word that is also a district of Taiwan (和平) needs its parent in its own sentence or the headline.
        var sentenceContext = [Int: Set<Int32>]()
        let headlineSentence = -1
        // Pass 1: mentions that stand on their own.
        for (i, m) in mentions.enumerated() where m.aligned {
            if let group = m.group {
                credits += group.map { Credit(region: $0, weight: m.weight, item: m.item, inHeadline: i < headlineCount, fromGroup: group.count > 1) }
            } else if !m.needsParent, let r = standalone(meanings[m.term]) {
                credits.append(Credit(region: r, weight: m.weight, item: m.item, inHeadline: i < headlineCount, topic: m.topic, bare: m.bare))
                // A bare list (江南 beside 广西、湖南等地) places nothing.
                guard !m.bare else { continue }
                context[m.item, default: []].formUnion(catalog.lineage(catalog.regions[r].code))
                sentenceContext[i < headlineCount ? headlineSentence : m.sentence, default: []].formUnion(catalog.lineage(catalog.regions[r].code))
            } else {
                pending.append((i, m))
            }
        }
        // Pass 2: ambiguous and context-only mentions, kept where their parent was mentioned.
        for (i, m) in pending {
            let near = taiwanWordTerms.contains(m.term)
                ? sentenceContext[i < headlineCount ? headlineSentence : m.sentence, default: []].union(sentenceContext[headlineSentence, default: []])
                : context[m.item, default: []].union(context[-1, default: []])
            let fits = meanings[m.term].filter { option in
                let parents = catalog.lineage(catalog.regions[option.region].parent)
                return parents.contains { near.contains($0) }
            }
            if fits.count == 1 {
                credits.append(Credit(region: fits[0].region, weight: m.weight, item: m.item, inHeadline: i < headlineCount, topic: m.topic, bare: m.bare))
            }
        }
        return credits
    }

    /// The region a mention names without help from context, if any.
    private func standalone(_ options: [(region: Int, short: Bool)]) -> Int? {
        let regions = catalog.regions
        // A province short name wins over a prefecture sharing it (吉林).
        if let p = options.first(where: { regions[$0.region].level == .province }) {
            return RegionRules.shortNameNeedsParent(regions[p.region].shortNames.first ?? "") && p.short ? nil : p.region
        }
        // A city and same-named districts elsewhere (西安市 vs 西安区): the city is meant.
        let cities = options.filter { regions[$0.region].level == .prefecture }
        if cities.count == 1, options.count > 1, options.allSatisfy({ regions[$0.region].level >= .prefecture }),
           !regions[cities[0].region].shortNames.contains(where: RegionRules.shortNameNeedsParent) {
            return cities[0].region
        }
        guard options.count == 1, let only = options.first else { return nil }
        let r = regions[only.region]
        switch r.level {
        case .province, .zone: return only.region
        case .prefecture:
            if only.short && r.shortNames.contains(where: RegionRules.shortNameNeedsParent) { return nil }
            return only.region
        case .county:
            // Two-character full names (中区, 东区, 大安) read like ordinary words: they need context.
            if !only.short { return r.name.count > 2 ? only.region : nil }
            // A distinctive county short name (崇礼, 张店) stands alone; ordinary words do not.
            return r.shortNames.contains(where: RegionRules.shortNameNeedsParent) ? nil : only.region
        }
    }

    /// Keeps the salient provinces and, inside each, the most specific regions.
    ///
    /// A province needs `minimumWeight` (more in a story about other countries) and a share
    /// of the leader's weight, or, outside bulletin items, a sentence of its own. A story touring many provinces with none in the headline and
    /// none leading is about China as a whole. In a bulletin every item is judged on its own.
    private func select(_ credits: [Credit], shape: Shape, limit: Int) -> [Int32] {
        guard !credits.isEmpty else { return [] }
        let regions = catalog.regions
        var weights = [Int: Int]()
        var byProvince = [Int32: Int]()
        var byItem = [Int: [Int32: Int]]()
        var headlineProvinces = Set<Int32>()
        var named = Set<Int32>()
        var topical = Set<Int32>()
        // Provinces named somewhere other than in a bare list (…等地): only these can be salient.
        var substantive = Set<Int32>()
        for c in credits {
            let province = catalog.province(of: regions[c.region].code)
            if !c.fromGroup { named.insert(province) }
            if c.topic { topical.insert(province) }
            if !c.bare { substantive.insert(province) }
            weights[c.region, default: 0] += c.weight
            byProvince[province, default: 0] += c.weight
            byItem[c.item, default: [:]][province, default: 0] += c.weight
            if c.inHeadline { headlineProvinces.insert(province) }
        }
        let minimum = shape.foreign && headlineProvinces.isEmpty ? tuning.foreignMinimumWeight : tuning.minimumWeight
        var salient = Set<Int32>()
        for (item, provinces) in byItem {
            // The article's headline and anything before the first item count with the whole.
            let inItem = shape.bulletin && item >= 0
            let pool = inItem ? provinces : byProvince
            let top = pool.values.max() ?? 0
            // A province that is the topic of a sentence of its own (在辽宁，…; 黑龙江省梳理了…) is
            // reported on, however much more another province is named.
            for (p, w) in pool where Double(w) >= Double(top) * tuning.relativeWeight || (!inItem && topical.contains(p)) {
                // Items of a bulletin about other countries (国际联播快讯) need what its whole would.
                let enough = minimum > tuning.minimumWeight ? w >= minimum
                    : inItem ? w >= tuning.itemMinimumWeight || (w == top && w >= tuning.itemLeaderWeight) : w >= minimum
                if enough, substantive.contains(p) { salient.insert(p) }
            }
        }
        let keptProvinces = byProvince.filter { salient.contains($0.key) }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        // The tour counts every province named on its own, salient or not (北京、上海等地 too).
        if !shape.bulletin, headlineProvinces.isEmpty, named.count >= tuning.nationalSpread {
            let total = keptProvinces.reduce(0) { $0 + $1.value }
            if let leader = keptProvinces.first, Double(leader.value) < Double(total) * 0.3 { return [] }
        }
        let provinces = keptProvinces.prefix(tuning.maximumProvinces)
        // Two codes for a province while there is room for every kept province to have one.
        let perProvince = provinces.count * 2 <= limit ? 2 : 1
        var result = [Int32]()
        for (province, _) in provinces {
            // Candidates in this province, deepest and heaviest first; drop ancestors of kept ones.
            let inside = weights.filter { catalog.province(of: regions[$0.key].code) == province }
                .map { (code: regions[$0.key].code, weight: $0.value, depth: catalog.lineage(regions[$0.key].code).count) }
                .sorted { ($0.weight, $0.depth, -$0.code) > ($1.weight, $1.depth, -$1.code) }  // ties: the lower code, always
            var kept = [Int32]()
            for c in inside where kept.count < perProvince {
                if kept.contains(where: { catalog.isWithin($0, c.code) }) { continue }
                kept.removeAll { catalog.isWithin(c.code, $0) }
                kept.append(c.code)
            }
            result += kept
            if result.count >= limit { break }
        }
        return Array(result.prefix(limit))
    }
}
