import NewsText

/// Article ids: the input's `id`, else its URL, else a hash of the normalized
/// headline, date and source (so the same story saved twice from one portal
/// gets the same id, and its reprint on another portal does not).
public enum ArticleID {
    public static func make(id: String?, url: String?, headline: String, body: String, date: Day?, source: String?,
                            table: CharacterTable) -> String {
        if let id = id?.trimmingSpaces, !id.isEmpty { return id }
        if let url = url?.trimmingSpaces, !url.isEmpty { return url }
        let key = headline.isEmpty ? String(body.prefix(200)) : headline
        let text = table.normalize(key) + "\u{1F}" + (date?.description ?? "") + "\u{1F}" + table.normalize(source ?? "")
        return "h" + hex(fnv1a64(text))
    }

    static func fnv1a64(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
