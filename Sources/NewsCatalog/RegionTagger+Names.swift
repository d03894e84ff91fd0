import NewsText

/// Names that hold a place's name without naming the place: pieces of foreign names
/// (斯凯里特, a prime minister's name, holds Guizhou's 凯里) and tunnels named after a village
/// or town that shares a county's name (太康隧道 on a railway in Shaanxi, not Henan's 太康县).
extension RegionTagger {
    /// Whether the name at `i ..< end` has a character of foreign transliteration on both sides
    /// (斯凯里特, 阿德里亚): a piece of a foreign person's or place's name.
    ///
    /// Example: in `总理斯凯里特` 凯里 is no place; in `贵州凯里市` and `凯里特色产业` it is.
    static func insideForeignName(_ buf: UnsafeBufferPointer<UInt16>, at i: Int, end: Int) -> Bool {
        i > 0 && end < buf.count && transliterationUnits.contains(buf[i - 1]) && transliterationUnits.contains(buf[end])
    }
    /// Characters that spell foreign names (斯, 特, 尔, 克 …) and seldom stand beside a place's name.
    static let transliterationUnits: UnitSet = UnitSet("斯特尔克拉德维夫娃姆布罗伊诺奇洛萨蒂尼基茨兹耶埃欧库科普索".utf16)

    /// Whether 隧道 follows the name ending at `end` (太康隧道): a tunnel is named after the village,
    /// mountain or town it passes, which may share its name with a county far away. Reservoirs and
    /// dams are mostly named after the county they stand in (密云水库), and still count.
    static func namesStructure(_ buf: UnsafeBufferPointer<UInt16>, after end: Int) -> Bool {
        structureUnits.contains { startsWith(buf, $0, at: end) }
    }
    static let structureUnits = RegionWords.structure.map { Array($0.utf16) }
}

extension RegionTagger {
    /// Whether 舰 follows the name ending at `end`, right after it or after a lake's or a mountain's word
    /// (烟台舰, 微山湖舰, 太湖舰): a warship named after the place, which sails far from it.
    static func namesWarship(_ buf: UnsafeBufferPointer<UInt16>, after end: Int) -> Bool {
        guard end < buf.count else { return false }
        if buf[end] == warshipUnit { return true }
        return end + 1 < buf.count && natureWordUnits.contains(buf[end]) && buf[end + 1] == warshipUnit
    }
    static let warshipUnit: UInt16 = 0x8230  // 舰
    /// 湖, 山, 江, 河, 海: what a ship is named after beside the place (微山湖舰).
    static let natureWordUnits: UnitSet = UnitSet("湖山江河海".utf16)
}
