/// Which characters count as Han (Chinese ideographs) for bigrams and lexicon matching.
public enum Han {
    /// Han ideographs: the unified blocks, extension A, compatibility ideographs,
    /// 〇, and the supplementary ideographic planes.
    @inline(__always)
    public static func isHan(_ scalar: UInt32) -> Bool {
        if scalar < 0x3007 { return false }
        if scalar < 0xA000 { return scalar >= 0x4E00 || (scalar >= 0x3400 && scalar < 0x4DC0) || scalar == 0x3007 }
        if scalar < 0xFB00 { return scalar >= 0xF900 }
        return scalar >= 0x20000 && scalar < 0x323B0
    }

    /// A UTF-16 unit that is a BMP Han character or the lead surrogate of the
    /// supplementary ideographic planes.
    @inline(__always)
    static func isHanUnit(_ unit: UInt16) -> Bool {
        isHan(UInt32(unit)) || (unit >= 0xD840 && unit < 0xD8C9)
    }
}
