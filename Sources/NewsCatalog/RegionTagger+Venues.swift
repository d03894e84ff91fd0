import NewsText

/// Meeting venues: where a conference, forum or national campaign is held is no place of
/// the story (…大会在山东济南开幕, IPCC第62次全会在浙江杭州开幕, 全国…消费月在四川成都启动).
///
/// The labels follow one convention for all sets (the header of
/// `cctv-province-labels-tuning2.tsv`): venues of national or international meetings do
/// not count; an expo or fair the host runs does (广交会, 服贸会), and so do games
/// (Olympics, National Games) and events named after their host (北京文化论坛, 苏州全球招商大会).
/// The place still counts through any other mention: a report of its own detail in the
/// same article (…在上海开幕，发布《上海设计之都15年成果册》) is an ordinary mention.
extension RegionTagger {
    /// Whether the place run opened by 在 at `at` (ending at `end`) is only the venue of a
    /// meeting: a holding verb follows in the same clause (在杭州举行, 在西安开幕), the
    /// sentence before 在 names a gathering (大会, 论坛, 峰会, 消费月 …), and neither a fair
    /// (博览会, also in the rest of the sentence or the next one: 博览会同步举办) nor games are
    /// named there, nor a place of the same province (the host's own event: 北京文化论坛在京开幕).
    ///
    /// Example: in `今天，2024某某大会在浙江杭州举行。` both 浙江 and 杭州 are venues;
    /// in `2024苏州全球招商大会在苏州举行。` neither is.
    /// - Complexity: O(s · m) for a sentence of s characters and m marker words.
    func meetingHeldAt(_ buf: UnsafeBufferPointer<UInt16>, at: Int, end: Int, term: Int) -> Bool {
        func has(_ units: [[UInt16]], in range: Range<Int>) -> Bool {
            let text = Array(buf[range])
            return units.contains { Self.find(text, $0, from: 0) != nil }
        }
        // The holding verb, in the clause after the place.
        var j = end
        while j < buf.count, j < end + 24, !Self.clauseEnds.contains(buf[j]) { j += 1 }
        // 在大连出席…论坛…座谈会: someone attends the gathering named after the place.
        let attends = has(Self.attendVerbUnits, in: end ..< j)
        let releases = has(Self.releaseVerbUnits, in: end ..< j)
        guard attends || releases || has(Self.holdingVerbUnits, in: end ..< j) else { return false }
        // What is held: the sentence before 在, or what is attended.
        var start = at
        while start > 0, at - start < Self.subjectLength, !Self.sentenceEnds.contains(buf[start - 1]) { start -= 1 }
        let named = attends ? start ..< j : start ..< at
        // What a national or international body releases somewhere (国际电工委员会今天在江苏南京正式发布…,
        // 全国工商联在湖南长沙发布…) is released there as at a meeting.
        guard has(Self.gatheringUnits, in: named) || releases && has(Self.nationalBodyUnits, in: start ..< at) else { return false }
        // A fair the host runs, or games, in this sentence or the next on the same line.
        var stop = j
        var ends = 0
        while stop < buf.count, buf[stop] != 0x0A {
            if Self.sentenceEnds.contains(buf[stop]) { ends += 1; if ends == 2 { break } }
            stop += 1
        }
        if has(Self.fairUnits, in: start ..< stop) || has(Self.gamesUnits, in: named) { return false }
        return !namesProvince(of: term, in: buf, start ..< at) && !(attends && namesProvince(of: term, in: buf, end ..< j))
    }

    /// Whether a place in the same province as any meaning of `term` is named in `range`.
    func namesProvince(of term: Int, in buf: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> Bool {
        let provinces = Set(meanings[term].map { catalog.province(of: catalog.regions[$0.region].code) })
        for i in range where Han.isHan(UInt32(buf[i])) {
            var found = false
            lexicon.forEachMatch(buf, from: i, limit: range.upperBound) { _, t in
                if meanings[t].contains(where: { provinces.contains(catalog.province(of: catalog.regions[$0.region].code)) }) { found = true }
            }
            if found { return true }
        }
        return false
    }

    /// How far back from 在 the name of what is held is looked for.
    static let subjectLength = 80
    static let holdingVerbUnits = RegionWords.holdingVerb.map { Array($0.utf16) }
    /// Releasing a report or a standard: a venue only for a national or international body.
    static let releaseVerbUnits = RegionWords.releaseVerb.map { Array($0.utf16) }
    /// Words naming a body of the whole country or of many countries.
    static let nationalBodyUnits = RegionWords.nationalBody.map { Array($0.utf16) }
    /// Attending: the gathering is named after the verb (在大连出席2024年夏季达沃斯论坛…).
    static let attendVerbUnits = RegionWords.attendVerb.map { Array($0.utf16) }
    /// International gatherings named after the town that hosts them every year: the town's
    /// name is blanked (`blankNotPlaces`), so that the gathering is no event of the host's own.
    static let townNamedGatheringUnits = RegionWords.townNamedGathering.map { Array($0.utf16) }
    /// Meetings, contests (not games) and national campaigns: held somewhere, about something else.
    static let gatheringUnits = RegionWords.gathering.map { Array($0.utf16) }
    /// Fairs and expos: the host's own event (广交会, 服贸会, 消博会 …).
    static let fairUnits = RegionWords.fair.map { Array($0.utf16) }
    /// Games and their ceremonies: the labels give them their host provinces.
    static let gamesUnits = RegionWords.games.map { Array($0.utf16) }
}
