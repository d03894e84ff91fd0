import Glibc
/// Cleaning that changes what is stored and displayed (unlike normalization,
/// which only changes what is matched).
public enum TextCleaner {
    /// Removes pinyin-annotation debris: a parenthesised pinyin reading or gloss right
    /// after Han text, as left by broken converters and ruby markup
    /// (`淄博高新區(qū)` → `淄博高新區`, `發(fa)展` → `發展`, `新闻记者(xīnwén jìzhě)` → `新闻记者`).
    /// The parenthesised text must split entirely into pinyin syllables, and without
    /// tone marks it must be at least two letters and have no more syllables than the Han
    /// characters right before it. Real parenthesised text — `(中车)`, `(GDP)`, `(2024)`,
    /// `(a)`, `(iPhone)`, `(chain)`, `华(china)` — is kept.
    ///
    /// - Complexity: O(n); returns `text` itself when there is nothing to remove.
    public static func removePinyinDebris(_ text: String) -> String {
        guard mayContainDebris(text) else { return text }
        let scalars = text.unicodeScalars
        var out = String.UnicodeScalarView()
        var copied = scalars.startIndex  // everything before it is in `out`
        var hanRun = 0  // Han characters kept right before `i`
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let c = scalars[i]
            if hanRun > 0, c == "(" || c == "（", let close = debrisEnd(scalars, after: i, hanRun: hanRun) {
                out.append(contentsOf: scalars[copied ..< i])
                copied = close
                i = close
                continue  // `hanRun` stays: debris can repeat, as in `經(jīng)(jing)`
            }
            hanRun = Han.isHan(c.value) ? hanRun + 1 : 0
            i = scalars.index(after: i)
        }
        guard copied != scalars.startIndex else { return text }  // nothing was removed
        out.append(contentsOf: scalars[copied...])
        return String(out)
    }

    /// A quick byte-level test: is any `(` or `（` followed by a lowercase letter
    /// or a tone-marked vowel? Most text has no such spot and is returned as is.
    static func mayContainDebris(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            guard let base = b.baseAddress else { return false }
            let n = b.count
            func glossFollows(_ next: Int) -> Bool {
                guard next < n else { return false }
                let d = base[next]
                return (d >= 0x61 && d <= 0x7A) || d == 0xC3 || d == 0xC4 || d == 0xC5 || d == 0xC7 || d == 0xE1
            }
            // The two openers' first bytes found with memchr, which reads many bytes a step.
            var i = 0
            while i < n, let p = memchr(base + i, 0x28, n - i) {
                let at = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(p))
                if glossFollows(at + 1) { return true }
                i = at + 1
            }
            i = 0
            while i < n, let p = memchr(base + i, 0xEF, n - i) {
                let at = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(p))
                if at + 2 < n, base[at + 1] == 0xBC, base[at + 2] == 0x88, glossFollows(at + 3) { return true }
                i = at + 1
            }
            return false
        }
    }

    /// The longest parenthesised text read as a gloss: enough for a word of a dozen syllables.
    static let maxGlossLength = 64

    /// If a pinyin gloss and a closing parenthesis follow the opening one at `open`,
    /// after `hanRun` Han characters, the index just past the closing parenthesis.
    /// Syllables may be separated by a space or an apostrophe.
    ///
    /// - Complexity: O(1): at most `maxGlossLength` characters are read.
    static func debrisEnd(_ s: String.UnicodeScalarView, after open: String.UnicodeScalarView.Index,
                          hanRun: Int) -> String.UnicodeScalarView.Index? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * maxGlossLength + 1) { scratch in
            let letters = UnsafeMutableBufferPointer(rebasing: scratch[..<maxGlossLength])
            var n = 0
            var toned = false
            var i = s.index(after: open)
            while i < s.endIndex, s[i] != ")", s[i] != "）" {
                let c = s[i]
                let afterLetter = n > 0 && letters[n - 1] != Pinyin.separator
                if n == maxGlossLength { return nil }
                if let l = Pinyin.letter(c) {
                    letters[n] = l.code
                    n += 1
                    toned = toned || l.toned
                } else if afterLetter, Pinyin.isCombiningTone(c) {
                    toned = true
                } else if afterLetter, c == "\u{308}", letters[n - 1] == Pinyin.u {
                    letters[n - 1] = Pinyin.v  // a decomposed ü
                } else if afterLetter, c == " " || c == "'" || c == "’" {
                    letters[n] = Pinyin.separator
                    n += 1
                } else {
                    return nil
                }
                i = s.index(after: i)
            }
            guard i < s.endIndex, n > 0, letters[n - 1] != Pinyin.separator else { return nil }
            let best = UnsafeMutableBufferPointer(rebasing: scratch[maxGlossLength...])
            guard let syllables = Pinyin.fewestSyllables(letters, count: n, toned: toned, best: best) else { return nil }
            // Toneless Latin text is pinyin only on stronger evidence: `(a)` is a label,
            // and `(china)` after one character is English.
            if !toned && (n < 2 || syllables > hanRun) { return nil }
            return s.index(after: i)
        }
    }
}
