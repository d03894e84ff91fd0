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
    static let sourceFromUnits = ["获悉", "了解到", "得知"].map { Array($0.utf16) }
    /// 据…统计: the figures came from there.
    static let sourceAccordingUnits = ["统计", "消息"].map { Array($0.utf16) }
    /// 从…出发: where someone set out, which the labels never count (a team's port of departure).
    static let departureUnits = ["出发", "起程", "启程", "启航", "驶离", "出征"].map { Array($0.utf16) }

    /// Whether 同胞 follows the place at `end`, after the rest of its name (台湾同胞, 香港特别行政区同胞):
    /// people, who are a subject of policy, not a place where something happens.
    static func namesPeople(_ buf: UnsafeBufferPointer<UInt16>, after end: Int) -> Bool {
        func startsWith(_ u: [UInt16], at j: Int) -> Bool { j + u.count <= buf.count && (0 ..< u.count).allSatisfy { buf[j + $0] == u[$0] } }
        var j = end
        if let suffix = adminSuffixUnits.first(where: { startsWith($0, at: j) }) { j += suffix.count }
        return startsWith(compatriotUnits, at: j)
    }
    static let compatriotUnits = Array("同胞".utf16)

    /// Whether the list that the place ending at `from` belongs to is closed by 等地, 等省, 等10个省份 …
    /// before its clause ends: a bare list, which counts for none of its places.
    ///
    /// Example: `湖南、江西、广西等地局地有暴雨` closes a bare list; `湖南、江西收购过半` does not.
    /// - Complexity: O(`bareListLength`).
    static func closesBareList(_ buf: UnsafeBufferPointer<UInt16>, from: Int) -> Bool {
        var j = from
        while j + 1 < buf.count, j < from + bareListLength {
            let u = buf[j]
            if u == etcUnit {
                let next = buf[j + 1]
                return etcPlaceUnits.contains(next) || (next >= 0x30 && next <= 0x39)
            }
            // The list goes on through places, their parts and 、; anything else ends it.
            guard u == 0x3001 || Han.isHan(UInt32(u)) else { return false }
            j += 1
        }
        return false
    }
    static let etcUnit: UInt16 = 0x7B49  // 等
    /// 等地, 等省, 等市, 等城市, 等区, 等县, 等个 (等三个省份) …
    static let etcPlaceUnits: Set<UInt16> = Set("地省市城区县个多".utf16)
    static let bareListLength = 40
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

    /// Whether the paragraph from `from` up to `to` has turned into a weather service's forecast
    /// (中央气象台预计，今明两天，内蒙古中部…): the places of weather to come place no story.
    /// - Complexity: O(n · w) for n characters and w words.
    static func forecasts(_ buf: UnsafeBufferPointer<UInt16>, from: Int, to: Int) -> Bool {
        guard from < to else { return false }
        let text = Array(buf[from ..< to])
        guard let service = forecasterUnits.compactMap({ find(text, $0, from: 0) }).min() else { return false }
        return find(text, forecastUnits, from: service) != nil
    }
    static let forecasterUnits = ["气象台", "气象局", "气象部门", "气象中心"].map { Array($0.utf16) }
    static let forecastUnits = Array("预计".utf16)
}
