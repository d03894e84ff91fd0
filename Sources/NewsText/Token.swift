/// What a token is; the index keeps kinds apart so that the word `淄博` and the
/// bigram `淄博` are different terms.
public enum TokenKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// A Han word of two or more characters: from ICU's dictionary or the lexicon.
    case word = 0
    /// Two adjacent Han characters; every position of a Han run has one, except the last.
    case bigram = 1
    /// The last Han character of a run (the whole run when it has one character).
    /// With the bigrams it makes every Han character findable: as the first half
    /// of a bigram or as a run's last character.
    case unigram = 2
    /// Letters of any alphabet, possibly mixed with digits: `gdp`, `5g`, `ai`.
    case letters = 3
    /// Digits, with inner separators: `2024`, `10`, `3.5`.
    case number = 4

    public var description: String {
        switch self {
        case .word: "word"
        case .bigram: "bigram"
        case .unigram: "unigram"
        case .letters: "letters"
        case .number: "number"
        }
    }
}

/// A token: its kind and its span in the analyzer's normalized UTF-16 text.
///
/// `start` doubles as the token's position: positions are UTF-16 offsets in the
/// normalized text, so adjacent bigrams of BMP characters are one apart and a
/// phrase matches where the query's relative offsets recur in an article.
public struct Token: Equatable, Hashable, Sendable {
    public var kind: TokenKind
    public var start: Int32
    public var end: Int32

    public init(kind: TokenKind, start: Int32, end: Int32) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    public var position: Int32 { start }
}
