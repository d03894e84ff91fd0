/// Builds the arrays of a `Lexicon`'s trie: a direct table for the first unit and an
/// open-addressing hash of `(node, unit)` edges below it (linear probing, at most half full).
struct TrieBuilder {
    var root = [Int32](repeating: -1, count: 0x10000)
    var edgeKeys = [UInt64](repeating: 0, count: 1 << 10)
    var edgeValues = [Int32](repeating: 0, count: 1 << 10)
    /// Node 0 is the root.
    var terminal: [UInt8] = [0]
    var termIndex: [Int32] = [-1]
    var count = 0
    private var edgeCount = 0

    /// Adds the term `units` (normalized, two to `Lexicon.maximumLength` units), the
    /// `index`th of the terms; an equal term seen before keeps its index.
    mutating func insert(_ units: [UInt16], index: Int32) {
        var node: Int32 = -1
        for unit in units {
            let next = node < 0 ? root[Int(unit)] : child(node, unit)
            if next >= 0 { node = next; continue }
            let created = Int32(terminal.count)
            terminal.append(0)
            termIndex.append(-1)
            if node < 0 {
                root[Int(unit)] = created
            } else {
                if (edgeCount + 1) * 2 > edgeKeys.count { grow() }
                insertEdge(node, unit, created)
                edgeCount += 1
            }
            node = created
        }
        if terminal[Int(node)] == 0 { terminal[Int(node)] = 1; termIndex[Int(node)] = index; count += 1 }
    }

    private func child(_ node: Int32, _ unit: UInt16) -> Int32 {
        let key = UInt64(node + 1) << 16 | UInt64(unit)
        let mask = edgeKeys.count - 1
        var i = Lexicon.slot(key, mask)
        while true {
            let k = edgeKeys[i]
            if k == key { return edgeValues[i] }
            if k == 0 { return -1 }
            i = (i + 1) & mask
        }
    }

    private mutating func insertEdge(_ node: Int32, _ unit: UInt16, _ target: Int32) {
        let key = UInt64(node + 1) << 16 | UInt64(unit)
        let mask = edgeKeys.count - 1
        var i = Lexicon.slot(key, mask)
        while edgeKeys[i] != 0 { i = (i + 1) & mask }
        edgeKeys[i] = key
        edgeValues[i] = target
    }

    private mutating func grow() {
        let keys = edgeKeys, values = edgeValues
        edgeKeys = [UInt64](repeating: 0, count: keys.count * 2)
        edgeValues = [Int32](repeating: 0, count: keys.count * 2)
        let mask = edgeKeys.count - 1
        for (k, v) in zip(keys, values) where k != 0 {
            var i = Lexicon.slot(k, mask)
            while edgeKeys[i] != 0 { i = (i + 1) & mask }
            edgeKeys[i] = k
            edgeValues[i] = v
        }
    }
}
