import NewsText

/// Routes: two places joined by a dash or 往返 (北京—成都, 广州往返珠海) are the ends of a
/// flight, a train or a power line. A list of routes closed by 等… or by their count
/// (北京—成都、杭州—昆明两条航线, 广州往返珠海、长沙往返株洲等多条线路) is a bare list, which
/// counts for none of its places; a route of its own (青岛往返三亚航线开通) counts for both ends.
extension RegionTagger {
    /// How long the word at `j` that joins the ends of a route is (a single dash: 北京—成都;
    /// 往返: 广州往返珠海), nil when none stands there.
    ///
    /// Example: `北京—成都` joins with 1, `广州往返珠海` with 2; a double dash opening an aside
    /// (`……——`) joins nothing.
    static func routeLength(_ buf: UnsafeBufferPointer<UInt16>, at j: Int) -> Int? {
        guard j < buf.count else { return nil }
        if dashUnits.contains(buf[j]) {
            return (j > 0 && dashUnits.contains(buf[j - 1])) || (j + 1 < buf.count && dashUnits.contains(buf[j + 1])) ? nil : 1
        }
        return startsWith(buf, returnTripUnits, at: j) ? returnTripUnits.count : nil
    }
    /// Whether a word joining the ends of a route (`routeLength`) ends right before `i`.
    static func endsRoute(_ buf: UnsafeBufferPointer<UInt16>, at i: Int) -> Bool {
        (i >= 1 && routeLength(buf, at: i - 1) == 1) || (i >= 2 && routeLength(buf, at: i - 2) == 2)
    }
    /// —, －, -, –: between two places, the ends of a route.
    static let dashUnits: UnitSet = [0x2014, 0xFF0D, 0x002D, 0x2013]
    static let returnTripUnits = Array("往返".utf16)
    /// 条 after a numeral closing a list of routes (两条航线).
    static let routeCountUnit: UInt16 = 0x6761
}
