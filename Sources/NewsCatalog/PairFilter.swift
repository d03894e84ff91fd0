/// Which pairs of adjacent UTF-16 units a text holds, hashed into 4,096 bits. A
/// phrase whose first pair is absent cannot occur, so most of the taggers' phrase
/// searches end before they scan. Blanking text only removes pairs, so a filter
/// made before blanking still answers for the blanked text (it may say "maybe").
struct PairFilter {
    private var bits = [UInt64](repeating: 0, count: 64)

    init(_ text: [UInt16]) {
        guard text.count >= 2 else { return }
        for i in 0 ..< text.count - 1 {
            let s = Self.slot(text[i], text[i + 1])
            bits[s >> 6] |= 1 << UInt64(s & 63)
        }
    }

    @inline(__always)
    static func slot(_ a: UInt16, _ b: UInt16) -> Int {
        Int(truncatingIfNeeded: ((UInt32(a) << 16 | UInt32(b)) &* 0x9E37_79B1) >> 20)
    }

    /// False when `phrase` surely does not occur (phrases shorter than two units: true).
    @inline(__always)
    func mayContain(_ phrase: [UInt16]) -> Bool {
        guard phrase.count >= 2 else { return true }
        let s = Self.slot(phrase[0], phrase[1])
        return bits[s >> 6] & (1 << UInt64(s & 63)) != 0
    }
}
