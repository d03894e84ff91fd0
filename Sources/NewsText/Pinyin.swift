/// The Mandarin syllable inventory, for telling a pinyin gloss (`(jīng)`, `(xin wen)`)
/// from other Latin text in parentheses (`(china)` after one character, `(chain)`).
///
/// Letters are codes 1…26 for `a`…`z`, with `ü` written `v` (22); a syllable of up to
/// six letters packs into a `UInt32`, five bits a letter, its first letter lowest.
enum Pinyin {
    static let separator: UInt8 = 0
    static let u: UInt8 = 21
    static let v: UInt8 = 22
    static let maxSyllableLength = 6

    /// The base letter and whether it carries a tone mark, for a lowercase pinyin letter
    /// (`a`…`z`, `ü`, `ê`, or a precomposed tone-marked vowel, `ń`, `ň`, `ǹ`, `ḿ`).
    @inline(__always)
    static func letter(_ c: Unicode.Scalar) -> (code: UInt8, toned: Bool)? {
        let x = c.value
        if x >= 0x61 && x <= 0x7A { return (UInt8(x - 0x60), false) }
        switch x {
        case 0xFC: return (v, false)  // ü
        case 0xEA: return (5, false)  // ê
        case 0x101, 0xE1, 0x1CE, 0xE0: return (1, true)
        case 0x113, 0xE9, 0x11B, 0xE8, 0x1EBF, 0x1EC1: return (5, true)  // ē é ě è ế ề
        case 0x12B, 0xED, 0x1D0, 0xEC: return (9, true)
        case 0x14D, 0xF3, 0x1D2, 0xF2: return (15, true)
        case 0x16B, 0xFA, 0x1D4, 0xF9: return (u, true)
        case 0x1D6, 0x1D8, 0x1DA, 0x1DC: return (v, true)
        case 0x144, 0x148, 0x1F9: return (14, true)  // ń ň ǹ
        case 0x1E3F: return (13, true)  // ḿ
        default: return nil
        }
    }

    /// A combining macron, acute, caron or grave: decomposed text writes `shí` as `shi` + U+0301.
    @inline(__always)
    static func isCombiningTone(_ c: Unicode.Scalar) -> Bool {
        c.value == 0x304 || c.value == 0x301 || c.value == 0x30C || c.value == 0x300
    }

    /// Whether the packed letters are a syllable; `m`, `n`, `ng`, `hm`, `hng` (interjections)
    /// count only in toned text, where they are written `ń`, `ňg`…, so that a toneless
    /// `chain` is not read as `chai` + `n`.
    @inline(__always)
    static func isSyllable(_ key: UInt32, toned: Bool) -> Bool {
        syllables.contains(key) || (toned && interjections.contains(key))
    }

    /// The fewest syllables `letters` splits into (a separator code forces a boundary),
    /// or nil when it does not split. `best` is scratch of `letters.count + 1` bytes.
    ///
    /// - Complexity: O(n), at most six lookups a letter.
    static func fewestSyllables(_ letters: UnsafeMutableBufferPointer<UInt8>, count n: Int, toned: Bool,
                                best: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        let none: UInt8 = .max
        best[0] = 0
        for i in 1 ... n {
            best[i] = none
            if letters[i - 1] == separator { best[i] = best[i - 1]; continue }
            var key: UInt32 = 0
            var j = i
            while j > 0, i - j < maxSyllableLength, letters[j - 1] != separator {
                j -= 1
                key = key << 5 | UInt32(letters[j])
                if best[j] != none, best[j] + 1 < best[i], isSyllable(key, toned: toned) { best[i] = best[j] + 1 }
            }
        }
        return best[n] == none ? nil : Int(best[n])
    }

    static func pack<S: Sequence<Unicode.Scalar>>(_ syllable: S) -> UInt32 {
        var key: UInt32 = 0, shift: UInt32 = 0
        for c in syllable {
            key |= UInt32(letter(c)?.code ?? 0) << shift
            shift += 5
        }
        return key
    }

    /// The finals each initial takes, after the standard pinyin table: 412 spellings,
    /// `ü` written `v` (`lv`, `nve`) and also `u` where pinyin input methods accept it (`lue`, `nue`).
    static let table: [(initial: String, finals: String)] = [
        ("", "a o e ai ei ao ou an en ang eng er"),
        ("b", "a o ai ei ao an en ang eng i ie iao ian in ing u"),
        ("p", "a o ai ei ao ou an en ang eng i ie iao ian in ing u"),
        ("m", "a o e ai ei ao ou an en ang eng i ie iao iu ian in ing u"),
        ("f", "a o ei ou an en ang eng u"),
        ("d", "a e ai ei ao ou an en ang eng ong i ia ie iao iu ian ing u uo ui uan un"),
        ("t", "a e ai ao ou an ang eng ong i ie iao ian ing u uo ui uan un"),
        ("n", "a e ai ei ao ou an en ang eng ong i ie iao iu ian in iang ing u uo uan v ve ue"),
        ("l", "a o e ai ei ao ou an ang eng ong i ia ie iao iu ian in iang ing u uo uan un v ve ue"),
        ("g", "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang"),
        ("k", "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang"),
        ("h", "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang"),
        ("j", "i ia ie iao iu ian in iang ing iong u ue uan un"),
        ("q", "i ia ie iao iu ian in iang ing iong u ue uan un"),
        ("x", "i ia ie iao iu ian in iang ing iong u ue uan un"),
        ("zh", "a e ai ei ao ou an en ang eng ong i u ua uo uai ui uan un uang"),
        ("ch", "a e ai ao ou an en ang eng ong i u ua uo uai ui uan un uang"),
        ("sh", "a e ai ei ao ou an en ang eng i u ua uo uai ui uan un uang"),
        ("r", "e ao ou an en ang eng ong i u ua uo ui uan un"),
        ("z", "a e ai ei ao ou an en ang eng ong i u uo ui uan un"),
        ("c", "a e ai ao ou an en ang eng ong i u uo ui uan un"),
        ("s", "a e ai ao ou an en ang eng ong i u uo ui uan un"),
        ("y", "a o e ao ou an in ang ing ong i u ue uan un"),
        ("w", "a o ai ei an en ang eng u"),
    ]

    static let syllables: Set<UInt32> = {
        var keys = Set<UInt32>()
        for (initial, finals) in table {
            for final in finals.split(separator: " ") {
                keys.insert(pack(initial.unicodeScalars + final.unicodeScalars))
            }
        }
        return keys
    }()

    static let interjections: Set<UInt32> = Set(["m", "n", "ng", "hm", "hng"].map { pack($0.unicodeScalars) })
}
