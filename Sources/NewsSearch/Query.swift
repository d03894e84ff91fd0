/// A parsed query: clauses with their role, as the user typed them.
///
/// Syntax: words separated by spaces; `"…"` an exact string; `+x` required;
/// `-x` excluded; `A OR B` either; `title:x` / `title:"…"` the headline only.
/// Chinese without spaces is one clause, analyzed like article text.
public struct Query: Equatable, Sendable {
    public enum Occur: Sendable, Equatable { case should, must, mustNot }

    public struct Clause: Equatable, Sendable {
        public var text: String
        public var occur: Occur
        public var phrase: Bool
        public var headlineOnly: Bool
        /// Clauses joined by OR share a group number; nil when not in an OR group.
        public var orGroup: Int?
    }

    public var clauses: [Clause]

    public var isEmpty: Bool { clauses.isEmpty }

    public enum ParseError: Error, CustomStringConvertible, Equatable {
        case unterminatedQuote(String)
        case danglingOperator(String)

        public var description: String {
            switch self {
            case let .unterminatedQuote(q): "unterminated quote in query: \(q)"
            case let .danglingOperator(q): "OR needs a term on both sides: \(q)"
            }
        }
    }

    /// Parses `text`. Only the ASCII double quote delimits exact strings, so
    /// Chinese quotation marks inside them (提着“篮子”) are part of the text.
    public static func parse(_ text: String) throws -> Query {
        var clauses = [Clause]()
        // Scalars, not Characters: every delimiter is one scalar, and grapheme breaking
        // made parsing several times slower (it is part of a query's measured time).
        let chars = text.unicodeScalars.map { Self.isWhiteSpace($0) ? " " : $0 }
        var i = 0
        var pendingOr = false
        var group = 0
        while i < chars.count {
            if chars[i] == " " { i += 1; continue }
            var occur = Occur.should
            if chars[i] == "+" || chars[i] == "-" || chars[i] == "－" {
                // A lone "-" or "+" (or one before a space) is text, not an operator.
                if i + 1 < chars.count && chars[i + 1] != " " {
                    occur = chars[i] == "+" ? .must : .mustNot
                    i += 1
                }
            }
            var headlineOnly = false
            if let prefix = Self.headlinePrefixes.first(where: { chars[i...].starts(with: $0) }) {
                headlineOnly = true
                i += prefix.count
            }
            var phrase = false
            var value = ""
            if i < chars.count && chars[i] == "\"" {
                phrase = true
                guard let close = chars[(i + 1)...].firstIndex(of: "\"") else { throw ParseError.unterminatedQuote(text) }
                value = Self.string(chars[(i + 1) ..< close])
                i = close + 1
            } else {
                let start = i
                while i < chars.count && chars[i] != " " { i += 1 }
                value = Self.string(chars[start ..< i])
            }
            if !phrase && occur == .should && !headlineOnly && value.utf8.count == 2 && value == "OR" {
                guard !clauses.isEmpty else { throw ParseError.danglingOperator(text) }
                pendingOr = true
                continue
            }
            guard !value.isEmpty else { continue }
            var clause = Clause(text: value, occur: occur, phrase: phrase, headlineOnly: headlineOnly, orGroup: nil)
            if pendingOr {
                if clauses[clauses.count - 1].orGroup == nil {
                    group += 1
                    clauses[clauses.count - 1].orGroup = group
                }
                clause.orGroup = clauses[clauses.count - 1].orGroup
                pendingOr = false
            }
            clauses.append(clause)
        }
        if pendingOr { throw ParseError.danglingOperator(text) }
        return Query(clauses: clauses)
    }

    /// The string of `scalars`, encoded straight into its storage (building it through a
    /// `UnicodeScalarView` cost most of a query's parsing).
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(unsafeUninitializedCapacity: 4 * scalars.count) { buffer in
            var n = 0
            for s in scalars { UTF8.encode(s) { buffer[n] = $0; n += 1 } }
            return n
        }
    }

    /// Unicode's White_Space (tab to CR, space, NEL, NBSP, ogham, the en quad to hair space,
    /// the line and paragraph separators, narrow NBSP, medium math space, ideographic space),
    /// by ranges: the property lookup cost each Han character of a query a table search.
    static func isWhiteSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09 ... 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000 ... 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// What makes a clause search the headline only.
    private static let headlinePrefixes: [[Unicode.Scalar]] = ["title:", "标题:", "标题："].map { Array($0.unicodeScalars) }
}

