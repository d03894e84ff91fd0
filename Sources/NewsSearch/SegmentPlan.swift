import Foundation
import NewsIndex
import NewsText

/// A query bound to one segment: a cursor per distinct term and field set,
/// and the clause logic evaluated on a document.
final class SegmentPlan {
    let segment: SegmentReader
    /// The segment's place in the reader.
    private let index: Int
    let clauses: [PlannedClause]
    private let terms: QueryTerms
    /// Per query term, its cursors: (headline only?) × (as a word?), made on first use.
    private var cursors: [TermCursor?]
    private let ranking: Ranking
    private let averages: (Double, Double)

    private unowned let searcher: Searcher

    init(segment: SegmentReader, index: Int, clauses: [PlannedClause], terms: QueryTerms, ranking: Ranking, averages: (Double, Double),
         searcher: Searcher) throws {
        self.searcher = searcher
        self.segment = segment
        self.index = index
        self.clauses = clauses
        self.terms = terms
        self.ranking = ranking
        self.averages = averages
        cursors = [TermCursor?](repeating: nil, count: 4 * terms.count)
        for c in clauses {
            clauseUnits.append(try c.units.map { try cursor($0, c.clause.headlineOnly, word: false) })
            for t in c.phrase { _ = try cursor(t.term, c.clause.headlineOnly, word: false) }
            clauseWords.append(c.clause.occur == .mustNot ? [] : try c.words.map { try cursor($0, c.clause.headlineOnly, word: true) })
        }
    }

    /// Per clause, its unit cursors and (unless excluded) its word cursors.
    private(set) var clauseUnits: [[TermCursor]] = []
    private var clauseWords: [[TermCursor]] = []

    /// The cursors of `lists` without repeats (nor empty ones, when `nonEmpty`), in order (a
    /// query has a few dozen: a linear scan beats hashing).
    private static func distinct(_ lists: some Sequence<[TermCursor]>, nonEmpty: Bool = false) -> [TermCursor] {
        var kept = [TermCursor]()
        for list in lists {
            for c in list where !(nonEmpty && c.isEmpty) && !kept.contains(where: { $0 === c }) { kept.append(c) }
        }
        return kept
    }

    /// The clauses' indices that score (not excluded).
    private var scoringClauses: [Int] { clauses.indices.filter { clauses[$0].clause.occur != .mustNot } }

    /// The dictionary entries a term stands for in `field` (several for a one-character
    /// prefix term or a partial letters/number token), each with the offset of the
    /// query token inside the article token.
    static func expand(_ t: TermText, _ field: Field, _ segment: SegmentReader) throws -> [(TermInfo, Int32)] {
        var infos = [(TermInfo, Int32)]()
        switch t.partial {
        case .none:
            if let i = try segment.term(t.key(field)) { infos.append((i, 0)) }
            if t.prefix {
                let prefix = TermKey.make(field: field, kind: .bigram, text: t.text)
                infos += try segment.terms(withPrefix: prefix, limit: Int.max).map { ($0.1, 0) }
            }
        case .startsWith:
            // Digits and letters mix inside tokens (5g, 01.524z): look in both kinds.
            for kind in [TokenKind.number, .letters] {
                infos += try segment.terms(withPrefix: TermKey.make(field: field, kind: kind, text: t.text), limit: Int.max).map { ($0.1, 0) }
            }
        case .endsWith, .contains:
            let query = Array(t.text.utf8)
            let qlen = t.text.utf16.count
            let candidates = try [TokenKind.number, .letters].flatMap {
                try segment.terms(withPrefix: TermKey.make(field: field, kind: $0, text: ""), limit: Int.max)
            }
            for (key, info) in candidates {
                let text = key.dropFirst(2)
                if t.partial == .endsWith {
                    guard text.count >= query.count, text.suffix(query.count).elementsEqual(query) else { continue }
                    let dlen = String(decoding: text, as: UTF8.self).utf16.count
                    infos.append((info, Int32(dlen - qlen)))
                } else if String(decoding: text, as: UTF8.self).contains(t.text) {
                    infos.append((info, 0))
                }
            }
        }
        return infos
    }

    func cursor(_ t: TermText, _ headlineOnly: Bool, word: Bool) throws -> TermCursor {
        let i = terms.index(of: t)!  // every term of the clauses is in the table
        let slot = 4 * i + (headlineOnly ? 2 : 0) + (word ? 1 : 0)
        if let c = cursors[slot] { return c }
        // Each cursor is made in its place in the buffer the term cursor takes over: built in an
        // array and copied, every part cost a retain and a release per array of its postings
        // cursor (atomic, a visible share of a query's time).
        let headline = terms.entries(i, .headline, segment: index)
        let body = headlineOnly ? [] : terms.entries(i, .body, segment: index)
        let parts = UnsafeMutableBufferPointer<TermCursor.Part>.allocate(capacity: headline.count + body.count)
        var made = 0
        do {
            for (info, shift) in headline {
                parts.initializeElement(at: made, to: TermCursor.Part(field: .headline, cursor: try segment.postings(info), shift: shift))
                made += 1
            }
            for (info, shift) in body {
                parts.initializeElement(at: made, to: TermCursor.Part(field: .body, cursor: try segment.postings(info), shift: shift))
                made += 1
            }
        } catch {
            parts.extracting(..<made).deinitialize()
            parts.deallocate()
            throw error
        }
        let df = Double(terms.docFreq[i])
        let idf = log(1 + (terms.documents - df + 0.5) / (df + 0.5))
        let c = TermCursor(term: t, headlineOnly: headlineOnly, parts: parts, idf: idf, weight: (word ? ranking.wordWeight : terms.crossesBoundary[i] ? ranking.boundaryWeight : 1) * (terms.framed[i] ? ranking.frameWeight : 1), ranking: ranking, averages: averages)
        cursors[slot] = c
        return c
    }

    /// The cursor already made for `t`, if any.
    private func existingCursor(_ t: TermText, _ headlineOnly: Bool, word: Bool) -> TermCursor? {
        guard let i = terms.index(of: t) else { return nil }
        return cursors[4 * i + (headlineOnly ? 2 : 0) + (word ? 1 : 0)]
    }

    /// Every cursor back to its start, for another pass over the segment.
    func rewind() {
        for c in cursors { c?.rewind() }
    }

    private lazy var phraseTokens = [[(cursor: TermCursor, offset: Int32)]?](repeating: nil, count: clauses.count)

    /// Unit cursors of the clauses that score (not excluded), one per term.
    lazy var scoringUnits: [TermCursor] = Self.distinct(scoringClauses.lazy.map { self.clauseUnits[$0] })

    /// Units that may match partially: an exact string either matches whole or not at all.
    lazy var partialUnits: [TermCursor] = Self.distinct(scoringClauses.lazy.filter { !self.clauses[$0].clause.phrase }.map { self.clauseUnits[$0] })


    lazy var words: [TermCursor] = Self.distinct(scoringClauses.lazy.map { self.clauseWords[$0] }, nonEmpty: true)

    /// For each of `words`, the unit cursors every document containing it also
    /// matches: the bigrams of its characters (the analyzer emits a word only inside
    /// a run of Han characters, all of whose bigrams it also emits, in the same field).
    /// Nil when some bigram has no unit cursor here (nothing is known then).
    lazy var wordUnits: [[TermCursor]?] = words.map { w in
        guard w.term.kind == .word else { return nil }
        let scalars = Array(w.term.text.unicodeScalars)
        guard scalars.count >= 2 else { return nil }
        var units = [TermCursor]()
        for i in 0 ..< scalars.count - 1 {
            var text = String(scalars[i])
            text.unicodeScalars.append(scalars[i + 1])
            guard let u = existingCursor(TermText(kind: .bigram, text: text, prefix: false), w.headlineOnly, word: false) else { return nil }
            units.append(u)
        }
        return units
    }

    lazy var unitCount: Int = Set(clauses.filter { $0.clause.occur != .mustNot }.flatMap(\.units)).count

    /// False when some required clause has a term missing from this segment.
    var satisfiable: Bool {
        for (i, c) in clauses.enumerated() where c.clause.occur != .mustNot && c.clause.orGroup == nil {
            if clauseUnits[i].contains(where: \.isEmpty) || c.isLiteral && c.normalizedUnits.isEmpty { return false }
        }
        return true
    }

    /// The rarest unit of a clause every match needs; nil when only OR groups are required.
    lazy var driver: TermCursor? = requiredByRarity.first

    /// What the per-document checks need of each clause, without its strings and arrays
    /// (copying a `PlannedClause` per document cost a retain per field).
    struct ClauseInfo {
        var occur: Query.Occur
        var orGroup: Int?
        var phrase: Bool
        var hasPhraseTokens: Bool
        /// No units and no phrase tokens (`！`): found in stored text only.
        var literal: Bool
    }

    lazy var clauseInfo: [ClauseInfo] = clauses.map {
        ClauseInfo(occur: $0.clause.occur, orGroup: $0.clause.orGroup, phrase: $0.clause.phrase, hasPhraseTokens: !$0.phrase.isEmpty,
                   literal: $0.isLiteral)
    }
    /// Whether any clause is `+` or `-` (most queries have neither: nothing to check per document).
    private lazy var hasRequired: Bool = clauseInfo.contains { $0.occur != .should }
    /// Whether any clause is in an OR group.
    lazy var hasGroups: Bool = clauses.contains { $0.clause.orGroup != nil }
    /// Whether an OR group has a member of punctuation alone: articles that hold it may hold no unit.
    lazy var literalInGroup: Bool = clauseInfo.contains { $0.literal && $0.orGroup != nil && $0.occur != .mustNot }

    /// Whether `doc` satisfies clause `index`.
    func satisfies(_ index: Int, _ doc: Int32, verifier: Searcher) throws -> Bool {
        let info = clauseInfo[index]
        if info.literal { return try verifier.storedText(of: segment, Int(doc), holds: clauses[index]) }
        let us = clauseUnits[index]
        guard !us.isEmpty || info.hasPhraseTokens else { return false }
        for u in us where try u.advance(to: doc) != doc { return false }
        guard info.phrase else { return true }
        let c = clauses[index]
        if phraseTokens[index] == nil {
            phraseTokens[index] = try c.phrase.map { (cursor: try cursor($0.term, c.clause.headlineOnly, word: false), offset: $0.offset) }
        }
        let tokens = phraseTokens[index]!
        for field in c.clause.headlineOnly ? [Field.headline] : Field.allCases {
            if try verifier.phraseMatches(tokens, field, c, segment: segment, doc: doc) { return true }
        }
        return false
    }

    /// The units of every clause a match needs (none in an OR group or excluded), rarest
    /// first: a document that lacks one is rejected before a common term's block is decoded.
    lazy var requiredByRarity: [TermCursor] = {
        var units = [TermCursor]()
        for (i, c) in clauses.enumerated() where c.clause.occur != .mustNot && c.clause.orGroup == nil {
            for u in clauseUnits[i] where !units.contains(where: { $0 === u }) { units.append(u) }
        }
        // An insertion sort (a query has a few units), stable: among equally rare units the first named leads.
        for i in units.indices.dropFirst() {
            let u = units[i]
            var j = i
            while j > 0 && units[j - 1].docFreq > u.docFreq {
                units[j] = units[j - 1]
                j -= 1
            }
            units[j] = u
        }
        return units
    }()

    /// Whether `doc` holds every unit of the clauses a match needs (false rejects it; true
    /// leaves the clauses to check).
    func holdsRequiredUnits(_ doc: Int32) throws -> Bool { try Self.hold(requiredByRarity, doc) }

    /// Whether every one of `units` holds `doc` (each moved to the first document ≥ it).
    static func hold(_ units: [TermCursor], _ doc: Int32) throws -> Bool {
        // By index, through `guaranteed`: a for-in retained and released each cursor per document.
        for i in units.indices where try units.guaranteed(i, { try $0.advance(to: doc) }) != doc { return false }
        return true
    }

    /// Whether no clause is in an OR group, an exact string, punctuation alone or excluded (most queries): a
    /// document then matches when it holds every unit, and the clauses need no check of their own.
    private(set) lazy var plain: Bool = !hasGroups && clauseInfo.allSatisfy { $0.occur != .mustNot && !$0.phrase && !$0.literal }

    /// Every clause holds (OR groups: one member), nothing excluded matches.
    func matchesAll(_ doc: Int32, verifier: Searcher) throws -> Bool {
        if plain { return try holdsRequiredUnits(doc) }
        if !hasGroups {
            guard try holdsRequiredUnits(doc) else { return false }
            for i in clauseInfo.indices {
                let ok = try satisfies(i, doc, verifier: verifier)
                if ok == (clauseInfo[i].occur == .mustNot) { return false }
            }
            return true
        }
        var groups = [Int: Bool]()
        for (i, c) in clauseInfo.enumerated() {
            switch c.occur {
            case .mustNot:
                if try satisfies(i, doc, verifier: verifier) { return false }
            case .must, .should:
                let ok = try satisfies(i, doc, verifier: verifier)
                if let g = c.orGroup { groups[g] = (groups[g] ?? false) || ok } else if !ok { return false }
            }
        }
        return groups.values.allSatisfy { $0 }
    }

    /// `+` clauses hold and `-` clauses do not (partial matches need no more).
    func passesRequired(_ doc: Int32, verifier: Searcher) throws -> Bool {
        guard hasRequired else { return true }
        for (i, c) in clauseInfo.enumerated() {
            if c.occur == .mustNot, try satisfies(i, doc, verifier: verifier) { return false }
            if c.occur == .must, try !satisfies(i, doc, verifier: verifier) { return false }
        }
        return true
    }
}
