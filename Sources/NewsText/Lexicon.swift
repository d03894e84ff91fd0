import CBuiltinTables

/// Words that ICU's dictionary does not know — region names and short names,
/// industry terms, a user's own terms — matched over normalized text so that
/// `淄博` or `钙钛矿` come out as words instead of single characters.
///
/// A trie over normalized UTF-16: a direct table for the first character and an
/// open-addressing hash of `(node, unit)` edges below it. Terms are normalized
/// with the same `CharacterTable` as the text, so a Traditional entry matches
/// Simplified text and the other way round. Only terms of two or more Han
/// characters are kept: everything else ICU segments well on its own.
public struct Lexicon: Sendable {
    /// Longest term kept, in UTF-16 units.
    public static let maximumLength = 16

    let table: CharacterTable
    private let root: TableBuffer<Int32>          // first unit → node, or -1
    private let edgeKeys: TableBuffer<UInt64>     // (node + 1) << 16 | unit; 0 = empty slot
    private let edgeValues: TableBuffer<Int32>
    private let terminal: TableBuffer<UInt8>      // 1 where a term ends
    /// For each node, the index (in the `terms` given to `init`) of the first
    /// term ending there, or -1.
    private let termIndex: TableBuffer<Int32>
    /// Number of distinct terms.
    public let count: Int
    /// A Bloom filter of every term's first two units (2¹⁷ bits, two probes): most text
    /// positions start no term, and the filter answers that from 16 KB instead of a
    /// probe into the edge table. Derived from the trie.
    private let firstPairs: TableBuffer<UInt64>

    /// The trie compiled into the binary (see `Lexicon+Builtin.swift`).
    init(table: CharacterTable, builtin t: nx_builtin_tables) {
        self.table = table
        root = TableBuffer(static: t.root, count: 0x10000)
        edgeKeys = TableBuffer(static: t.edge_keys, count: Int(t.edge_slots))
        edgeValues = TableBuffer(static: t.edge_values, count: Int(t.edge_slots))
        terminal = TableBuffer(static: t.terminal, count: Int(t.node_count))
        termIndex = TableBuffer(static: t.term_index, count: Int(t.node_count))
        firstPairs = TableBuffer(static: t.first_pairs, count: Int(t.first_pair_words))
        count = Int(t.lexicon_count)
    }

    static let pairBits = 17

    @inline(__always)
    static func pairProbes(_ a: UInt16, _ b: UInt16) -> (Int, Int) {
        let h = (UInt64(a) << 16 | UInt64(b)) &* 0x9E37_79B9_7F4A_7C15
        return (Int(truncatingIfNeeded: h >> UInt64(64 - pairBits)), Int(truncatingIfNeeded: (h >> 20) & UInt64((1 << pairBits) - 1)))
    }

    /// The filter of first pairs: every edge out of a node that a first unit leads to.
    /// - Complexity: O(root units + edge slots).
    static func firstPairFilter(root: [Int32], edgeKeys: [UInt64]) -> [UInt64] {
        // Node → the unit that leads to it from the root (-1: a deeper node).
        var firstUnit = [Int32](repeating: -1, count: Int(root.max() ?? -1) + 1)
        for (unit, node) in root.enumerated() where node >= 0 { firstUnit[Int(node)] = Int32(unit) }
        var bits = [UInt64](repeating: 0, count: (1 << pairBits) / 64)
        for key in edgeKeys where key != 0 {
            let parent = Int(truncatingIfNeeded: key >> 16) - 1
            guard parent < firstUnit.count, firstUnit[parent] >= 0 else { continue }
            let a = UInt16(firstUnit[parent])
            let (p, q) = pairProbes(a, UInt16(truncatingIfNeeded: key))
            bits[p >> 6] |= 1 << UInt64(p & 63)
            bits[q >> 6] |= 1 << UInt64(q & 63)
        }
        return bits
    }

    @inline(__always)
    func mayStartTerm(_ a: UInt16, _ b: UInt16) -> Bool {
        let (p, q) = Self.pairProbes(a, b)
        return firstPairs[p >> 6] & (1 << UInt64(p & 63)) != 0 && firstPairs[q >> 6] & (1 << UInt64(q & 63)) != 0
    }

    /// The trie's arrays (for the generator and tests).
    var storage: (root: [Int32], edgeKeys: [UInt64], edgeValues: [Int32], terminal: [UInt8], termIndex: [Int32], firstPairs: [UInt64]) {
        (root.array, edgeKeys.array, edgeValues.array, terminal.array, termIndex.array, firstPairs.array)
    }

    /// Builds a lexicon from `terms`, skipping what it cannot use (too short,
    /// too long, not Han). Duplicates and Traditional/Simplified twins collapse.
    /// - Complexity: O(total length of the terms).
    public init<S: Sequence>(terms: S, table: CharacterTable) where S.Element: StringProtocol {
        var trie = TrieBuilder()
        for (index, term) in terms.enumerated() {
            let units = Self.normalizedHan(term, table)
            guard units.count >= 2, units.count <= Self.maximumLength else { continue }
            trie.insert(units, index: Int32(index))
        }
        self.table = table
        root = TableBuffer(trie.root)
        edgeKeys = TableBuffer(trie.edgeKeys)
        edgeValues = TableBuffer(trie.edgeValues)
        terminal = TableBuffer(trie.terminal)
        termIndex = TableBuffer(trie.termIndex)
        count = trie.count
        firstPairs = TableBuffer(Self.firstPairFilter(root: trie.root, edgeKeys: trie.edgeKeys))
    }

    /// The normalized UTF-16 of `term` if it is made of two or more Han characters.
    static func normalizedHan(_ term: some StringProtocol, _ table: CharacterTable) -> [UInt16] {
        var units = [UInt16]()
        var count = 0
        for scalar in term.unicodeScalars {
            if scalar.value == 0x20 || scalar.value == 0x09 { continue }
            let e = table.entry(scalar.value)
            if e & CharacterTable.expansionFlag == 0 {
                guard Han.isHan(e) else { return [] }
                if e < 0x10000 {
                    units.append(UInt16(e))
                } else {
                    units.append(UInt16(0xD800 + ((e - 0x10000) >> 10)))
                    units.append(UInt16(0xDC00 + ((e - 0x10000) & 0x3FF)))
                }
                count += 1
            } else {
                for s in table.normalized(scalar).unicodeScalars {
                    guard Han.isHan(s.value) else { return [] }
                    units.append(contentsOf: String(s).utf16)
                    count += 1
                }
            }
        }
        return count >= 2 ? units : []
    }

    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    @inline(__always)
    func child(_ node: Int32, _ unit: UInt16) -> Int32 {
        let key = UInt64(node + 1) << 16 | UInt64(unit)
        let mask = edgeKeys.count - 1
        var i = Self.slot(key, mask)
        while true {
            let k = edgeKeys[i]
            if k == key { return edgeValues[i] }
            if k == 0 { return -1 }
            i = (i + 1) & mask
        }
    }

    /// Calls `body(end, termIndex)` for every term that starts at `start` and ends at
    /// or before `limit` (default: the end of `text`), shortest first; `termIndex` is
    /// the term's position in the sequence given to `init` (the first of equal terms).
    /// - Complexity: O(length of the longest match).
    @inline(__always)
    public func forEachMatch(_ text: UnsafeBufferPointer<UInt16>, from start: Int, limit: Int? = nil, _ body: (Int, Int) -> Void) {
        let limit = limit ?? text.count
        var node = root[Int(text[start])]
        // Every term has two units or more: a first pair no term starts with ends the walk.
        guard node >= 0, start + 1 < limit, mayStartTerm(text[start], text[start + 1]) else { return }
        var i = start + 1
        while node >= 0, i < limit, i - start < Self.maximumLength {
            node = child(node, text[i])
            i += 1
            if node >= 0 && terminal[Int(node)] != 0 { body(i, Int(termIndex[Int(node)])) }
        }
    }

    /// Whether `term` (normalized like text) is in the lexicon.
    public func contains(_ term: String) -> Bool {
        let units = Self.normalizedHan(term, table)
        guard !units.isEmpty else { return false }
        var found = false
        units.withUnsafeBufferPointer { buf in
            forEachMatch(buf, from: 0) { end, _ in if end == buf.count { found = true } }
        }
        return found
    }
}

extension Lexicon {
    /// Terms from a user lexicon file: one term per line, `#` starts a comment.
    public static func terms(fromFile path: String) throws -> [String] {
        guard let bytes = readFile(path) else {
            throw TextError.lexicon(file: path, detail: "cannot be read (missing, empty or unreadable)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw TextError.lexicon(file: path, detail: "is not valid UTF-8")
        }
        return text.split(whereSeparator: \.isNewline).compactMap { line in
            let term = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0].trimmed()
            return term.isEmpty ? nil : term
        }
    }

    /// The built-in lexicon: region names and short names, industry names and the
    /// project's industry keywords (see `scripts/gen_lexicon.py`), plus `extra` terms.
    /// Without extra terms it is the trie compiled into the binary (`Lexicon+Builtin.swift`),
    /// used in place; with them (a user lexicon) it is built, in about a tenth of a second.
    public static func builtin(table: CharacterTable, extra: [String] = []) -> Lexicon {
        if extra.isEmpty, let compiled = compiled(table: table) { return compiled }
        let builtin = BuiltinLexicon.terms.splitASCII(0x0A)
        return Lexicon(terms: builtin + extra.map { Substring($0) }, table: table)
    }
}

extension Substring {
    /// The substring without leading and trailing whitespace.
    func trimmed() -> String {
        var s = self
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
