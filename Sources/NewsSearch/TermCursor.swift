import NewsIndex
import NewsText

/// One query term in one segment: the union of its postings in the fields it
/// searches (and of every expansion of a one-character prefix term).
final class TermCursor {
    /// Postings in one field; `shift` is where the query token sits inside the article token.
    /// (A struct, not a tuple: arrays of tuples are copied through the runtime's generic paths.)
    struct Part {
        var field: Field
        var cursor: PostingsCursor
        var shift: Int32
    }
    /// Postings per field (and per expansion of a prefix or partial term). A buffer this cursor
    /// owns, not an array: each move and score wrote through the array's uniqueness check
    /// (a few percent of a query's instructions).
    let parts: UnsafeMutableBufferPointer<Part>
    /// The current document, `PostingsCursor.end` when exhausted.
    private(set) var doc: Int32 = -1
    /// No document of this segment scores higher on this term.
    private(set) lazy var upperBound: Double = {
        var x = 0.0
        for i in parts.indices {
            x += Self.bestFrequency(parts[i].cursor.allImpacts(), parts[i].field, ranking, averages)
        }
        return Self.bound(factor * x / (x + k1))
    }()
    /// A bound from the score at the best frequency: lifted by the margin, and never below 0.
    /// A one-character prefix term whose expansions together hold more postings than there
    /// are articles has a negative idf: its score is below 0 wherever it occurs, and 0 is
    /// the most it adds (what its best frequency gives is its lowest score, not its highest).
    @inline(__always)
    static func bound(_ score: Double) -> Double { max(0, score * margin) }
    /// Bounds are computed with other roundings than scores (x·(1/n) against x/n): this
    /// lifts them above any score they bound.
    static let margin = 1 + 1e-9
    private let ranking: Ranking
    private let averages: (Double, Double)
    let term: TermText
    /// Whether it searches the headline only (a `title:` clause).
    let headlineOnly: Bool
    /// idf × weight × (k1 + 1), and k1: the constant parts of the score.
    private let factor: Double
    let idf: Double
    private let k1: Double

    /// `parts`: initialized, and this cursor's from now on (it deinitializes and frees them).
    init(term: TermText, headlineOnly: Bool, parts: UnsafeMutableBufferPointer<Part>, idf: Double, weight: Double, ranking: Ranking,
         averages: (Double, Double)) {
        self.term = term
        self.headlineOnly = headlineOnly
        self.parts = parts
        self.ranking = ranking
        self.averages = averages
        self.idf = idf
        factor = idf * weight * (ranking.k1 + 1)
        k1 = ranking.k1
        // By index: a closure over the elements would copy each part (a retain per array).
        var all = 0, headline = 0
        for k in parts.indices {
            all += parts[k].cursor.docFreq
            if parts[k].field == .headline { headline += parts[k].cursor.docFreq }
        }
        docFreq = all
        headlineDocFreq = headline
    }

    deinit {
        parts.deinitialize()
        parts.deallocate()
    }

    var isEmpty: Bool { parts.isEmpty }
    /// Postings entries over its parts (a document in both fields counts twice): for ordering terms by rarity.
    let docFreq: Int
    /// The part of `docFreq` in the headline.
    let headlineDocFreq: Int

    /// The largest length-normalized, boosted frequency among `impacts` (BM25F's inner sum).
    @inline(__always)
    static func bestFrequency(_ impacts: some Collection<PostingsCursor.Impact>, _ field: Field, _ ranking: Ranking,
                              _ averages: (Double, Double)) -> Double {
        let average = field == .headline ? averages.0 : averages.1
        let boost = field == .headline ? ranking.headlineBoost : 1
        var best = 0.0
        for i in impacts {
            let norm = 1 - ranking.b + ranking.b * Double(i.length) / average
            best = max(best, boost * Double(i.freq) / max(norm, 1e-9))
        }
        return best
    }

    /// Moves to the first document ≥ `target`.
    @discardableResult
    func advance(to target: Int32) throws -> Int32 {
        if doc >= target { return doc }
        var best = PostingsCursor.end
        for i in parts.indices {
            var d = parts[i].cursor.doc
            if d < target { d = try parts[i].cursor.advance(to: target) }
            if d < best { best = d }
        }
        doc = best
        return doc
    }

    /// Back to before the first document.
    func rewind() {
        for i in parts.indices { parts[i].cursor.rewind() }
        doc = -1
        lastBlockBound = nil
    }

    @discardableResult
    func next() throws -> Int32 { try advance(to: doc == -1 ? 0 : doc + 1) }

    /// Field frequencies at the current document.
    func frequencies() -> (headline: Double, body: Double) {
        var h = 0.0, b = 0.0
        let doc = doc
        for i in parts.indices where parts[i].cursor.doc == doc {
            let f = Double(parts[i].cursor.freq)
            if parts[i].field == .headline { h += f } else { b += f }
        }
        return (h, b)
    }

    /// Positions of the current document in `field`, ascending.
    func positions(_ field: Field, into out: inout [UInt32], scratch: inout [UInt32]) throws {
        out.removeAll(keepingCapacity: true)
        for i in parts.indices where parts[i].field == field && parts[i].cursor.doc == doc {
            try parts[i].cursor.positions(into: &scratch)
            let shift = parts[i].shift
            if shift == 0 { out += scratch } else { out += scratch.map { $0 &+ UInt32(bitPattern: shift) } }
        }
        if parts.count > 1 { out.sort() }
    }

    /// The first position of `doc` in `field` (nil when it has none there), moving only
    /// that field's postings (backwards too): rewind the cursor before using it otherwise.
    func firstPosition(of doc: Int32, in field: Field) throws -> UInt32? {
        var first: UInt32? = nil
        for i in parts.indices where parts[i].field == field {
            guard try move(i, to: doc), let p = try parts[i].cursor.firstPosition() else { continue }
            let shifted = p &+ UInt32(bitPattern: parts[i].shift)
            first = min(first ?? shifted, shifted)
        }
        return first
    }

    /// The frequency of `doc` in `field`, moving only that field's postings (as `firstPosition(of:in:)`).
    func frequency(of doc: Int32, in field: Field) throws -> UInt64 {
        var f: UInt64 = 0
        for i in parts.indices where parts[i].field == field {
            if try move(i, to: doc) { f += UInt64(parts[i].cursor.freq) }
        }
        return f
    }

    /// Moves part `i` alone to `doc` (backwards too); whether it holds `doc`.
    private func move(_ i: Int, to doc: Int32) throws -> Bool {
        try parts[i].cursor.seek(to: doc) == doc
    }

    /// A bound on this term's score for every document from `doc` up to `until`
    /// (the end of the earliest-ending block among its postings there): block-max pruning.
    /// `body` bounds it for the documents among them that its headline postings lack.
    func blockBound(at doc: Int32, ranking: Ranking, averages: (Double, Double)) -> (bound: Double, body: Double, until: Int32) {
        // Documents only move forward between rewinds: the last answer holds up to its `until`.
        if let last = lastBlockBound, doc >= last.from, doc <= last.value.until { return last.value }
        var x = 0.0, xb = 0.0
        var until = Int32.max
        for i in parts.indices {
            let b = parts[i].cursor.blockIndex(for: doc)
            guard b < parts[i].cursor.blockCount else { continue }
            until = min(until, parts[i].cursor.blocks[b].last)
            let field = parts[i].field
            let best = parts[i].cursor.withImpacts(of: b) { Self.bestFrequency($0, field, ranking, averages) }
            x += best
            if parts[i].field == .body { xb += best }
        }
        let value = (bound: Self.bound(factor * x / (x + k1)), body: Self.bound(factor * xb / (xb + k1)), until: until)
        lastBlockBound = (doc, value)
        return value
    }
    private var lastBlockBound: (from: Int32, value: (bound: Double, body: Double, until: Int32))? = nil

    /// Moves this term's headline postings alone to their first document ≥ `target`, and
    /// returns it (`PostingsCursor.end` when none is left): the candidates when only a
    /// headline match can still enter the results. `doc` stays the first of all parts.
    func advanceHeadline(to target: Int32) throws -> Int32 {
        var headline = PostingsCursor.end, first = PostingsCursor.end
        for i in parts.indices {
            var d = parts[i].cursor.doc
            if parts[i].field == .headline {
                if d < target { d = try parts[i].cursor.advance(to: target) }
                headline = min(headline, d)
            }
            first = min(first, d)
        }
        if doc != -1 { doc = first }
        return headline
    }

    /// BM25F of `target` (0 when it lacks this term), moving to the first document ≥ it:
    /// `advance(to:)` and `score(_:)` in one pass over the parts.
    @inline(__always)
    func score(at target: Int32, _ norms: Norms) throws -> Double {
        if doc > target { return 0 }
        var h = 0.0, b = 0.0
        var best = PostingsCursor.end
        for i in parts.indices {
            var d = parts[i].cursor.doc
            if d < target { d = try parts[i].cursor.advance(to: target) }
            if d == target {
                let f = Double(parts[i].cursor.freq)
                if parts[i].field == .headline { h += f } else { b += f }
            }
            if d < best { best = d }
        }
        doc = best
        guard best == target else { return 0 }
        let x = norms.headline * h + norms.body * b
        return factor * x / (x + k1)
    }

    /// BM25F of the current document, given its field norms.
    @inline(__always)
    func score(_ norms: Norms) -> Double {
        let (th, tb) = frequencies()
        let x = norms.headline * th + norms.body * tb
        return factor * x / (x + k1)
    }
}

/// One document's BM25F length normalization per field (the headline's with its
/// boost), computed once per document and shared by every term scored on it.
struct Norms {
    var headline: Double
    var body: Double

    /// `lengths`: the segment's `lengthPairs`.
    @inline(__always)
    init(_ lengths: UnsafeRawPointer, _ doc: Int32, ranking: Ranking, averages: (Double, Double)) {
        let d = 8 * Int(doc)
        let h = lengths.loadUnaligned(fromByteOffset: d, as: UInt32.self), b = lengths.loadUnaligned(fromByteOffset: d + 4, as: UInt32.self)
        headline = ranking.headlineBoost / (1 - ranking.b + ranking.b * Double(h) / averages.0)
        body = 1 / (1 - ranking.b + ranking.b * Double(b) / averages.1)
    }
}

extension Array where Element == TermCursor {
    /// `body` on element `i`, which the array keeps alive, without the retain and release
    /// that a plain subscript costs in a loop (a visible share of a conjunction of common terms).
    @inline(__always)
    func guaranteed<R>(_ i: Int, _ body: (TermCursor) throws -> R) rethrows -> R {
        try Unmanaged.passUnretained(self[i])._withUnsafeGuaranteedRef(body)
    }
}
