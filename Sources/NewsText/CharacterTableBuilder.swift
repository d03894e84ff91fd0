/// Derives a `CharacterTable` from ICU: NFKC, case folding, then the
/// `Traditional-Simplified` transform, one code point at a time.
enum CharacterTableBuilder {
    /// Invisible characters that only get in the way of matching (soft hyphen,
    /// zero-width space / joiners, word joiner, byte-order mark).
    static let dropped: Set<UInt32> = [0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]

    static func build() throws -> CharacterTable {
        var mapped = [UInt32: [UInt16]]()  // only code points that change
        var hanForms = [(UInt32, [UInt16])]()
        for range in [UInt32(0) ..< 0xD800, 0xE000 ..< 0x30000] {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                if dropped.contains(value) { mapped[value] = []; continue }
                if !needsICU(value) { continue }
                let units = Array(String(scalar).utf16)
                let form = try ICU.nfkc(try ICU.foldCase(try ICU.nfkc(units)))
                if form.contains(where: { Han.isHanUnit($0) }) { hanForms.append((value, form)); continue }
                if form != units { mapped[value] = form }
            }
        }
        let simplified = try simplify(hanForms.map(\.1))
        for (i, (value, _)) in hanForms.enumerated() {
            let original = Unicode.Scalar(value).map { Array(String($0).utf16) } ?? []
            if simplified[i] != original { mapped[value] = simplified[i] }
        }
        return assemble(closed(mapped))
    }

    /// Applies the mapping to its own outputs until nothing changes, so that
    /// normalizing twice equals normalizing once (`薴` → `苧` → `苎`). Code points are
    /// taken in ascending order: ICU swaps `苎` and `苧`, and the order decides which one
    /// the pair keeps (`苎`), the same in every build of the tables.
    static func closed(_ mapped: [UInt32: [UInt16]]) -> [UInt32: [UInt16]] {
        var result = mapped
        for _ in 0 ..< 4 {
            var changed = false
            for value in result.keys.sorted() {
                let form = result[value] ?? []
                var next = [UInt16]()
                for scalar in String(decoding: form, as: UTF16.self).unicodeScalars {
                    if let m = result[scalar.value], scalar.value != value { next += m } else { next += Array(String(scalar).utf16) }
                }
                if next != form { result[value] = next; changed = true }
            }
            if !changed { break }
        }
        return result
    }

    /// Code points whose normalization can differ from themselves; skipping the
    /// rest (unassigned planes, private use) keeps the build fast.
    static func needsICU(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x41 && value <= 0x5A }  // only A–Z fold
        if value >= 0xE000 && value < 0xF900 { return false }      // private use
        if value >= 0x10000 && value < 0x1D400 { return false }     // historic scripts
        if value >= 0x1FB00 && value < 0x20000 { return false }
        return true
    }

    /// Runs `Traditional-Simplified` over all forms at once, one per line, and
    /// splits the result; falls back to one call per form if the lines do not
    /// come back one for one.
    static func simplify(_ forms: [[UInt16]]) throws -> [[UInt16]] {
        let transliterator = try Transliterator(id: "Traditional-Simplified")
        let newline: UInt16 = 0x0A
        var joined = [UInt16]()
        joined.reserveCapacity(forms.count * 3)
        for form in forms { joined.append(contentsOf: form); joined.append(newline) }
        let out = try transliterator.transliterate(joined)
        let lines = out.split(separator: newline, omittingEmptySubsequences: false).dropLast().map(Array.init)
        if lines.count == forms.count { return lines }
        return try forms.map { try transliterator.transliterate($0) }
    }

    static func assemble(_ mapped: [UInt32: [UInt16]]) -> CharacterTable {
        var bmp = (0 ..< UInt32(0x10000)).map { $0 }
        var expansions = [UInt16]()
        var supplementary = [(UInt32, UInt32)]()
        for (value, form) in mapped.sorted(by: { $0.key < $1.key }) {
            let entry: UInt32
            let scalars = Array(String(decoding: form, as: UTF16.self).unicodeScalars)
            if scalars.count == 1 {
                entry = scalars[0].value
            } else {
                entry = CharacterTable.expansionFlag | UInt32(form.count) << 24 | UInt32(expansions.count)
                expansions.append(contentsOf: form)
            }
            if value < 0x10000 { bmp[Int(value)] = entry } else { supplementary.append((value, entry)) }
        }
        return CharacterTable(
            bmp: bmp, expansions: expansions,
            supplementaryKeys: supplementary.map(\.0), supplementaryValues: supplementary.map(\.1))
    }
}
