/// Cleaning that changes what is stored and displayed (unlike normalization,
/// which only changes what is matched).
public enum TextCleaner {
    /// Removes pinyin-annotation debris: a parenthesised pinyin syllable with tone
    /// marks right after a Han character, as left by broken converters
    /// (`淄博高新區(qū)` → `淄博高新區`, `時(shí)間` → `時間`). Real parenthesised text —
    /// `(中车)`, `（北京微电子所）`, `(ABC)`, `(2024)`, `(a)` — is kept: the syllable
    /// must be lowercase pinyin letters with at least one tone mark.
    ///
    /// - Complexity: O(n); returns `text` itself when there is nothing to remove.
    public static func removePinyinDebris(_ text: String) -> String {
        guard mayContainDebris(text) else { return text }
        let scalars = text.unicodeScalars
        var out = String.UnicodeScalarView()
        var removed = false
        var previous: Unicode.Scalar? = nil
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let c = scalars[i]
            if c == "(" || c == "（", let p = previous, Han.isHan(p.value),
               let close = debrisEnd(scalars, after: i) {
                i = close
                removed = true
                continue  // `previous` stays the Han character: debris can repeat
            }
            out.append(c)
            previous = c
            i = scalars.index(after: i)
        }
        return removed ? String(out) : text
    }

    /// A quick byte-level test: is any `(` or `（` followed by a lowercase letter
    /// or a tone-marked vowel? Most text has no such spot and is returned as is.
    static func mayContainDebris(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                var next = -1
                if c == 0x28 { next = i + 1 } else if c == 0xEF, i + 2 < n, b[i + 1] == 0xBC, b[i + 2] == 0x88 { next = i + 3 }
                if next >= 0 && next < n {
                    let d = b[next]
                    if (d >= 0x61 && d <= 0x7A) || d == 0xC3 || d == 0xC4 || d == 0xC5 || d == 0xC7 || d == 0xE1 { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// If a pinyin syllable with a tone mark and a closing parenthesis follow the
    /// opening one at `open`, the index just past the closing parenthesis.
    static func debrisEnd(_ s: String.UnicodeScalarView, after open: String.UnicodeScalarView.Index) -> String.UnicodeScalarView.Index? {
        var i = s.index(after: open)
        var length = 0
        var toned = false
        while i < s.endIndex, length <= 7 {
            let c = s[i]
            if c == ")" || c == "）" {
                return toned && length >= 1 ? s.index(after: i) : nil
            }
            if toneMarked.contains(c) { toned = true } else if !(("a"..."z").contains(c) || c == "ü" || c == "ê") { return nil }
            length += 1
            i = s.index(after: i)
        }
        return nil
    }

    static let toneMarked: Set<Unicode.Scalar> = Set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ".unicodeScalars)
}
