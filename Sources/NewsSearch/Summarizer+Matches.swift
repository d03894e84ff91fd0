extension Summarizer {
    /// The prepared query's matches in `text` (a whole body shown with its matches marked), as
    /// half-open ranges of Unicode scalar offsets, merged and sorted.
    /// - Complexity: one analysis of `text`.
    public func matches(in text: String) throws -> [Range<Int>] { try highlighter.matches(in: text) }
}
