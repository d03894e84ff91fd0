@testable import NewsText

/// One analyzer per test (analyzers are not thread-safe; tests run in parallel).
func makeAnalyzer(_ extra: [String] = []) throws -> Analyzer { try Analyzer(extraTerms: extra) }

extension Analyzer {
    /// `kind:text@position` for every token of `text`.
    func describe(_ text: String) throws -> [String] {
        try analyze(text)
        return tokens.map { "\($0.kind):\(self.text(of: $0))@\($0.start)" }
    }

    /// The words (kind `.word`) of `text`.
    func words(_ text: String) throws -> [String] {
        try analyze(text)
        return tokens.filter { $0.kind == .word }.map { self.text(of: $0) }
    }

    func normalize(_ text: String) throws -> String {
        try analyze(text)
        return normalizedText
    }
}
