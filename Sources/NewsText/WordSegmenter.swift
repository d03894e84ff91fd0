/// ICU's plain word boundaries (no lexicon), for callers that need to know
/// whether a span lines up with words: a place name inside `党和政府` (和政)
/// or `钓鱼台` (鱼台) is not a mention of that place. Not thread-safe.
public final class WordSegmenter {
    private let breaker: WordBreaker
    private var ends: [Int32] = []
    private var statuses: [Int32] = []

    public init() throws { breaker = try WordBreaker(locale: "zh") }

    /// For each offset 0…count of `text`, whether a word boundary falls there.
    /// - Complexity: O(n) plus ICU's segmentation.
    public func boundaries(_ text: [UInt16]) throws -> [Bool] {
        var result = [Bool](repeating: false, count: text.count + 1)
        result[0] = true
        try text.withUnsafeBufferPointer { buf in
            try breaker.segments(buf, ends: &ends, statuses: &statuses) { _, e, _ in result[e] = true }
        }
        return result
    }
}
