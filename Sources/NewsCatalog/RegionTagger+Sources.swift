import NewsText

/// Places that are named without being places of the story: where the news came from
/// (记者从哈尔滨海关获悉, 据成都海关统计), where someone set out (从郑州起程), the compatriots of a
/// place (台湾同胞, 香港特别行政区同胞: people, as a subject of policy), and bare lists closed by
/// 等地 (广西、湖南、江西等地有暴雨), which the labels never count.
extension RegionTagger {
    /// Whether the place run at `at ..< end` follows 从 or 据 and its clause says that the news
    /// came from there (获悉, 了解到, 统计 …) or that someone set out from there (出发, 起程 …).
    ///
    /// Example: in `记者从哈尔滨海关获悉，…` and `据成都海关统计，…` the city is a source;
    /// in `从北京到上海的高铁` it is not.
    /// - Complexity: O(c · v) for a clause of c characters and v verbs.
    static func namesSourceOrDeparture(_ buf: UnsafeBufferPointer<UInt16>, at: Int, end: Int) -> Bool {
        guard at >= 1 else { return false }
        let before = buf[at - 1]
        guard before == fromUnit || before == accordingToUnit else { return false }
        var clause = [UInt16]()
        var j = end
        while j < buf.count, j < end + sourceClauseLength, !clauseEnds.contains(buf[j]) { clause.append(buf[j]); j += 1 }
        let verbs = before == fromUnit ? sourceFromUnits + departureUnits : sourceAccordingUnits
        return verbs.contains { find(clause, $0, from: 0) != nil }
    }
    static let fromUnit: UInt16 = 0x4ECE  // 从
    static let accordingToUnit: UInt16 = 0x636E  // 据
    static let sourceClauseLength = 16
    /// 记者从…获悉: the news came from there.
    static let sourceFromUnits = RegionWords.sourceFrom.map { Array($0.utf16) }
    /// 据…统计: the figures came from there.
    static let sourceAccordingUnits = RegionWords.sourceAccording.map { Array($0.utf16) }
    /// 从…出发: where someone set out, which the labels never count (a team's port of departure).
    static let departureUnits = RegionWords.departure.map { Array($0.utf16) }

    /// Whether 同胞 follows the place at `end`, after the rest of its name (台湾同胞, 香港特别行政区同胞):
    /// people, who are a subject of policy, not a place where something happens.
    static func namesPeople(_ buf: UnsafeBufferPointer<UInt16>, after end: Int) -> Bool {
        var j = end
        if let suffix = adminSuffixUnits.first(where: { startsWith(buf, $0, at: j) }) { j += suffix.count }
        return startsWith(buf, compatriotUnits, at: j)
    }
    static let compatriotUnits = Array("同胞".utf16)

    /// Whether the list that the place ending at `from` belongs to is closed by 等地, 等省, 等10个省份 …:
    /// a bare list, which counts for none of its places. The list goes on through places, their
    /// parts (中南部, 部分地区) and 、 (或 和, 及, 与); anything else ends it.
    ///
    /// Example: `湖南、江西、广西等地局地有暴雨` closes a bare list; `广州、深圳加开前往长沙、岳阳等方向列车`
    /// does not for 广州 and 深圳, and does for 长沙 and 岳阳.
    /// - Complexity: O(`bareListLength` · m) for lexicon matches of m characters.
    func closesBareList(_ buf: UnsafeBufferPointer<UInt16>, from: Int) -> Bool {
        var j = from
        while j + 1 < buf.count, j < from + Self.bareListLength {
            let u = buf[j]
            if u == Self.etcUnit {
                let next = buf[j + 1]
                return Self.etcPlaceUnits.contains(next) || (next >= 0x30 && next <= 0x39)
            }
            // A list that counts its members (重庆、湖北武汉、西藏拉萨、江苏无锡四地分会场; routes:
            // 北京—成都、杭州—昆明两条航线).
            if Self.numeralUnits.contains(u) { return Self.etcPlaceUnits.contains(buf[j + 1]) || buf[j + 1] == Self.routeCountUnit }
            if u == 0x3001 || Self.pairWords.contains(u) { j += 1 } else if let link = Self.routeLength(buf, at: j) { j += link }
            // The next member of the list: a place, with its parts.
            var end = -1
            lexicon.forEachMatch(buf, from: j) { e, _ in end = max(end, e) }
            // A part of the last place that is no name of its own (陕西关中等地, 新疆南疆等地), or
            // 多地 closing the list (山西朔州、河北崇礼、内蒙古、吉林多地出现降雪).
            guard end > j else { return Self.closesWithPart(buf, at: j) || Self.startsWith(buf, Self.manyPlacesUnits, at: j) }
            j = Self.qualifierEnd(buf, from: end)
        }
        return false
    }
    static let etcUnit: UInt16 = 0x7B49  // 等
    static let manyPlacesUnits = Array("多地".utf16)
    /// Whether one or two Han characters at `j` (a part of the place before them: 关中, 南疆) are
    /// followed by 等地, 等省 …, closing the list.
    static func closesWithPart(_ buf: UnsafeBufferPointer<UInt16>, at j: Int) -> Bool {
        (1 ... partLength).contains { n in
            j + n + 1 < buf.count && (j ..< j + n).allSatisfy { Han.isHan(UInt32(buf[$0])) && buf[$0] != etcUnit }
                && buf[j + n] == etcUnit && etcPlaceUnits.contains(buf[j + n + 1])
        }
    }
    /// Longest part of a place (关中) between it and 等地.
    static let partLength = 2
    /// 等地, 等省, 等市, 等城市, 等区, 等县, 等个 (等三个省份) …
    static let etcPlaceUnits: UnitSet = UnitSet("地省市城区县个多方".utf16)
    static let bareListLength = 40
    static let numeralUnits: UnitSet = UnitSet("两三四五六七八九十".utf16)
}

extension RegionTagger {
    /// Whether a list closed by 等地 at or after `from` frames a scene (在浙江平湖、安徽淮南等地，老人们…):
    /// its clause opens with 在 and a comma follows 等地. Such a list reports what happens there.
    /// - Complexity: O(`bareListLength`) each way.
    static func framesList(_ buf: UnsafeBufferPointer<UInt16>, at i: Int, from: Int) -> Bool {
        var start = i
        while start > 0, i - start < bareListLength, !clauseEnds.contains(buf[start - 1]) || buf[start - 1] == 0x3001 { start -= 1 }
        guard buf[start] == 0x5728 else { return false }  // 在
        var j = from
        while j + 2 < buf.count, j < from + bareListLength, buf[j] != etcUnit { j += 1 }
        guard j + 2 < buf.count, buf[j] == etcUnit else { return false }
        return buf[j + 2] == 0xFF0C || buf[j + 2] == 0x002C  // 等地，
    }

    /// Whether a weather service is named at `at` (中央气象台, 气象局 …): what follows its 预计 is a
    /// forecast (中央气象台预计，今明两天，内蒙古中部…), and the places of weather to come place no story.
    /// - Complexity: O(w) for w words; one comparison for most characters.
    static func startsForecaster(_ buf: UnsafeBufferPointer<UInt16>, at: Int) -> Bool {
        buf[at] == forecasterFirstUnit && forecasterUnits.contains { startsWith(buf, $0, at: at) }
    }
    /// Whether `u` stands in `buf` from `j` on.
    static func startsWith(_ buf: UnsafeBufferPointer<UInt16>, _ u: [UInt16], at j: Int) -> Bool {
        j >= 0 && j + u.count <= buf.count && (0 ..< u.count).allSatisfy { buf[j + $0] == u[$0] }
    }
    /// Whether `u` stands in `buf` right before `j`.
    static func endsWith(_ buf: UnsafeBufferPointer<UInt16>, _ u: [UInt16], at j: Int) -> Bool {
        startsWith(buf, u, at: j - u.count)
    }
    static let forecasterFirstUnit: UInt16 = 0x6C14  // 气
    static let forecasterUnits = RegionWords.forecaster.map { Array($0.utf16) }
    static let forecastUnits = Array("预计".utf16)
}

extension RegionTagger {
    /// Whether the place at `i ..< end` stands inside the title of a work (电影《南京照相馆》,
    /// 《长安的荔枝》): a name, not a place. The title of a document (《武汉市国土空间总体规划》,
    /// 《上海市…行动方案》) is about its place and counts.
    /// - Complexity: O(`titleLength`).
    static func insideWorkTitle(_ buf: UnsafeBufferPointer<UInt16>, at i: Int, end: Int) -> Bool {
        var open = i - 1
        while open >= 0, i - open <= titleLength, buf[open] != openTitleUnit {
            if buf[open] == closeTitleUnit || sentenceEnds.contains(buf[open]) { return false }
            open -= 1
        }
        guard open >= 0, buf[open] == openTitleUnit else { return false }
        var close = end
        while close < buf.count, close - end <= titleLength, buf[close] != closeTitleUnit {
            if buf[close] == openTitleUnit || sentenceEnds.contains(buf[close]) { return false }
            close += 1
        }
        guard close < buf.count, buf[close] == closeTitleUnit else { return false }
        // A title ends with what it is, before any parenthesis (《…总体规划（2021—2035年）》).
        var last = close
        if buf[last - 1] == 0xFF09 || buf[last - 1] == 0x0029, let paren = (open ..< last).last(where: { buf[$0] == 0xFF08 || buf[$0] == 0x0028 }) {
            last = paren
        }
        return !documentUnits.contains { d in
            last - d.count > open && endsWith(buf, d, at: last)
        }
    }
    static let openTitleUnit: UInt16 = 0x300A  // 《
    static let closeTitleUnit: UInt16 = 0x300B  // 》
    static let titleLength = 40
    /// Words that end the titles of plans, rules and reports, which are about their place.
    static let documentUnits = RegionWords.document.map { Array($0.utf16) }
}

extension RegionTagger {
    /// Whether the place at `i ..< end` stands inside “…” in its sentence: part of a quoted name,
    /// slogan or call sign (“天津市人民满意的好医生”志愿服务团队, “北京明白”).
    /// - Complexity: O(`titleLength`).
    static func insideQuotes(_ buf: UnsafeBufferPointer<UInt16>, at i: Int, end: Int) -> Bool {
        var open = i - 1
        while open >= 0, i - open <= titleLength, buf[open] != 0x201C {
            if buf[open] == 0x201D || sentenceEnds.contains(buf[open]) { return false }
            open -= 1
        }
        guard open >= 0, buf[open] == 0x201C else { return false }
        var close = end
        while close < buf.count, close - end <= titleLength, buf[close] != 0x201D {
            if buf[close] == 0x201C || sentenceEnds.contains(buf[close]) { return false }
            close += 1
        }
        return close < buf.count && buf[close] == 0x201D
    }
}

extension RegionTagger {
    /// Whether a district of Beijing starts at `at` in `text` (顺义, 海淀区), by a full name or a
    /// short name that is no ordinary word: after 在北京 it makes a report about that district,
    /// not Beijing as a mere venue.
    func startsDistrict(_ text: [UInt16], at: Int) -> Bool {
        var found = false
        text.withUnsafeBufferPointer { buf in
            lexicon.forEachMatch(buf, from: at) { _, term in
                found = found || meanings[term].contains { m in
                    let r = catalog.regions[m.region]
                    return r.level >= .county && catalog.province(of: r.code) == Self.beijingCode
                        && !(m.short && r.shortNames.contains(where: RegionRules.shortNameNeedsParent))
                }
            }
        }
        return found
    }
    static let beijingCode: Int32 = 110000
}

extension RegionTagger {
    /// Whether the place run starting at `at` follows a verb of sending (运往, 销往, 输送 …): where
    /// goods or trains go (输送香港的电量, 销往欧洲), which weighs as a listed place.
    static func destination(_ buf: UnsafeBufferPointer<UInt16>, at: Int) -> Bool {
        at >= 2 && destinationUnits.contains { $0[0] == buf[at - 2] && $0[1] == buf[at - 1] }
    }
    static let destinationUnits = RegionWords.destination.map { Array($0.utf16) }
}

extension RegionTagger {
    /// Whether the place run starting at `at` follows 来自: where people come from (来自新疆的某委员,
    /// 来自四川省凉山州喜德县的小学生), which like a birthplace adds weight but never makes its
    /// province salient on its own.
    static func origin(_ buf: UnsafeBufferPointer<UInt16>, at: Int) -> Bool {
        at >= 2 && buf[at - 2] == originUnits[0] && buf[at - 1] == originUnits[1]
    }
    static let originUnits = Array("来自".utf16)
    /// Whether the place run starting at `at` follows 家乡 or 老家: a person's home, which weighs as a
    /// listed place; an event may still be held there (在英雄的家乡四川德阳中江县，人们…).
    static func hometown(_ buf: UnsafeBufferPointer<UInt16>, at: Int) -> Bool {
        at >= 2 && hometownUnits.contains { $0[0] == buf[at - 2] && $0[1] == buf[at - 1] }
    }
    static let hometownUnits = RegionWords.hometown.map { Array($0.utf16) }

    /// Whether the place run starting at `at` follows (出)生于: where a person was born
    /// (王永志出生于辽宁昌图), a biography's background; like a bare list it adds weight but never
    /// makes its province salient on its own.
    static func birthplace(_ buf: UnsafeBufferPointer<UInt16>, at: Int) -> Bool {
        at >= 2 && buf[at - 2] == bornUnits[0] && buf[at - 1] == bornUnits[1]
    }
    static let bornUnits = Array("生于".utf16)
}

extension RegionTagger {
    /// Whether the place run starting at `at` follows 来到 or 走进, where someone goes to see, work or
    /// report (习近平总书记来到重庆铁路集装箱中心站, 节目走进山东临沭县), or 位于, 地处, 坐落于, 落户, where
    /// what the story is about stands (位于河南安阳的殷墟遗址, 总部位于广东的腾讯): a topic of the story.
    static func visits(_ buf: UnsafeBufferPointer<UInt16>, at: Int) -> Bool {
        visitUnits.contains { endsWith(buf, $0, at: at) }
    }
    static let visitUnits = RegionWords.visit.map { Array($0.utf16) }

    /// Whether a county short name `term` may follow `previous` in one run of places (湖北十堰丹江口):
    /// false when every meaning of `term` is a county short name and none of them lies in a province or
    /// prefecture that `previous` names (广东万山: 万山区 is in Guizhou, so 万山 is Zhuhai's islands).
    func liesIn(_ term: Int, _ previous: Int) -> Bool {
        let regions = catalog.regions
        guard meanings[term].allSatisfy({ $0.short && regions[$0.region].level == .county }),
              meanings[previous].allSatisfy({ regions[$0.region].level <= .prefecture }) else { return true }
        let parents = Set(meanings[previous].map { regions[$0.region].code })
        return meanings[term].contains { m in catalog.lineage(regions[m.region].code).contains { parents.contains($0) } }
    }
}

extension RegionTagger {
    /// Whether a street's word follows the place name ending at `end` (嘉兴路, 北京东路, 南京西路, 长安街,
    /// 北京大街): a street named after the place, wherever it runs.
    static func namesStreet(_ buf: UnsafeBufferPointer<UInt16>, after end: Int) -> Bool {
        var j = end
        if j < buf.count, directionUnits.contains(buf[j]) { j += 1 }
        guard j < buf.count else { return false }
        if buf[j] == roadUnit || buf[j] == streetUnit { return j + 1 >= buf.count || !roadWordSecondUnits.contains(buf[j + 1]) }
        // 香港大街小巷: the streets of the place, not a street named after it.
        return startsWith(buf, avenueUnits, at: j) && !startsWith(buf, alleyUnits, at: j + avenueUnits.count)
    }
    static let alleyUnits = Array("小巷".utf16)
    static let roadUnit: UInt16 = 0x8DEF  // 路
    static let streetUnit: UInt16 = 0x8857  // 街
    static let avenueUnits = Array("大街".utf16)
    static let directionUnits: UnitSet = UnitSet("东西南北中".utf16)
    /// Words that start with 路 or 街 without being a street (路线, 路径, 路演, 路段, 路桥, 街区, 街头, 街坊 …).
    static let roadWordSecondUnits: UnitSet = UnitSet("线径演段网费况面口上边头区道桥巷景坊".utf16)
}

extension RegionTagger {
    /// Whether 考察时, 视察时 or 调研时 follows the place run opened by 在 and ending at `end`: a leader's
    /// visit recalled as the occasion of words quoted (在上海考察时强调…, 在河南考察时指出…), which weighs as
    /// a listed place; the visit itself (习近平在河南考察) is reported in its own words.
    static func visitRecalled(_ buf: UnsafeBufferPointer<UInt16>, after end: Int) -> Bool {
        visitTimeUnits.contains { startsWith(buf, $0, at: end) }
    }
    static let visitTimeUnits = RegionWords.visitTime.map { Array($0.utf16) }
}

extension RegionTagger {
    /// Whether the clause after the place run opened by 在 and ending at `end` says that an aircraft was
    /// flown there for a test (在漠河完成了首次高寒试飞): the site of a test, like a launch site, is no place
    /// of a story about the aircraft.
    static func testFlownAt(_ buf: UnsafeBufferPointer<UInt16>, end: Int) -> Bool {
        var j = end
        while j < buf.count, j < end + sourceClauseLength, !clauseEnds.contains(buf[j]) {
            if startsWith(buf, testFlightUnits, at: j) { return true }
            j += 1
        }
        return false
    }
    static let testFlightUnits = Array("试飞".utf16)
}
