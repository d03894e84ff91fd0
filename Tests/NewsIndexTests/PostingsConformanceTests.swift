import Testing
import TestSupport
import IndexFormat
import NewsText
@testable import NewsIndex

/// Random postings (in the spirit of Lucene's BasePostingsFormatTestCase): encoded with
/// `PostingsEncoder`, read back with `PostingsCursor` and compared with the model they
/// came from; the merge's byte-level paths (`PostingsSplice`) must write exactly what
/// decoding, renumbering and encoding again would.
@Suite struct PostingsConformanceTests {
    /// One term's postings as plain arrays, with the segment they belong to.
    struct Model {
        var docs: [UInt32] = []
        var freqs: [UInt32] = []
        /// Every document's positions, ascending.
        var positions: [[UInt32]] = []
        /// Per document of the segment: headline and body token counts, interleaved.
        var lengths: [UInt32] = []
        var docCount: Int { lengths.count / 2 }

        /// `docFreq` documents among `docCount`, frequencies up to `maxFreq` (some documents
        /// far above it when `large`), positions up to about a million.
        static func random(docFreq: Int, docCount: Int, maxFreq: UInt32, large: Bool, _ rng: inout SplitMix64) -> Model {
            var m = Model()
            var chosen = Set<UInt32>()
            while chosen.count < docFreq { chosen.insert(UInt32(rng.next() % UInt64(docCount))) }
            m.docs = chosen.sorted()
            m.lengths = [UInt32](repeating: 0, count: 2 * docCount)
            for d in 0 ..< docCount { m.lengths[2 * d] = 1 + UInt32(rng.next() % 30); m.lengths[2 * d + 1] = 1 + UInt32(rng.next() % 3000) }
            for doc in m.docs {
                var f = 1 + UInt32(rng.next() % UInt64(maxFreq))
                if large && rng.next() % 50 == 0 { f = 1000 + UInt32(rng.next() % 5000) }
                var ps = Set<UInt32>()
                let span = UInt64(large ? 1 << 20 : 4 * Int(f) + 10)
                while ps.count < Int(f) { ps.insert(UInt32(rng.next() % span)) }
                m.freqs.append(f)
                m.positions.append(ps.sorted())
                // A term occurs at most once per token.
                m.lengths[2 * Int(doc) + 1] = max(m.lengths[2 * Int(doc) + 1], f)
            }
            return m
        }

        func encoded(_ term: [UInt8]) -> [UInt8] {
            var encoder = PostingsEncoder()
            var out = ByteWriter()
            encoder.encode(term, docs: docs, freqs: freqs, positions: positions.flatMap { $0 }, lengths: lengths, into: &out)
            return out.bytes
        }
    }

    static let bigram = TermKey.make(field: .body, kind: .bigram, text: "钙钛")
    static let word = TermKey.make(field: .body, kind: .word, text: "钙钛矿")

    /// A cursor over `bytes`, a postings file of the current version holding only this term.
    static func cursor(_ bytes: UnsafeRawBufferPointer, _ model: Model, lengths: UnsafeRawBufferPointer) throws -> PostingsCursor {
        let info = TermInfo(docFreq: model.docs.count, offset: 0, length: bytes.count, field: .body)
        return try PostingsCursor(file: bytes, path: "conformance.post", version: PostingsFormat.current, body: 0 ..< bytes.count,
                                  docCount: model.docCount, lengthColumn: lengths.baseAddress! + 4, info: info)
    }

    /// Reads everything back: documents, frequencies, positions (all and first), impacts, skips.
    static func expectDecodes(_ model: Model, term: [UInt8], seed: UInt64) throws {
        let withPositions = term[1] != TokenKind.word.rawValue
        let bytes = model.encoded(term)
        try bytes.withUnsafeBytes { raw in
            try model.lengths.withUnsafeBytes { lengths in
                var cursor = try cursor(raw, model, lengths: lengths)
                #expect(cursor.docFreq == model.docs.count)
                #expect(cursor.blockCount == (model.docs.count + 127) / 128)
                var positions = [UInt32]()
                for (k, doc) in model.docs.enumerated() {
                    #expect(try cursor.next() == Int32(doc))
                    #expect(cursor.freq == model.freqs[k])
                    if k % 3 == 0 { #expect(try cursor.firstPosition() == (withPositions ? model.positions[k].first : nil)) }
                    try cursor.positions(into: &positions)
                    #expect(positions == (withPositions ? model.positions[k] : []), "document \(doc)")
                    // Every document is bounded by one of its block's impacts.
                    let length = model.lengths[2 * Int(doc) + 1], freq = model.freqs[k], block = cursor.block
                    #expect(cursor.impacts(of: block).contains { $0.freq >= freq && $0.length <= length })
                }
                #expect(try cursor.next() == PostingsCursor.end)

                // Skips to random targets land on the first document at or after them.
                var rng = SplitMix64(seed: seed)
                var skipping = try Self.cursor(raw, model, lengths: lengths)
                var target: Int32 = 0
                while true {
                    target += Int32(1 + rng.next() % UInt64(max(1, model.docCount / 40)))
                    let want = model.docs.first { $0 >= UInt32(target) }.map { Int32($0) } ?? PostingsCursor.end
                    #expect(try skipping.advance(to: target) == want)
                    if want == PostingsCursor.end { break }
                }

                // A merge's decode: every posting renumbered, a third of them dropped.
                var all = try Self.cursor(raw, model, lengths: lengths)
                let map = (0 ..< model.docCount).map { $0 % 3 == 1 ? Int32(-1) : Int32($0 + 5) }
                var docs = [UInt32](), freqs = [UInt32](), flat = [UInt32]()
                try all.appendAll(renumberedBy: map, docs: &docs, freqs: &freqs, positions: &flat)
                let kept = model.docs.indices.filter { map[Int(model.docs[$0])] >= 0 }
                #expect(docs == kept.map { UInt32(map[Int(model.docs[$0])]) })
                #expect(freqs == kept.map { model.freqs[$0] })
                #expect(flat == (withPositions ? kept.flatMap { model.positions[$0] } : []))
            }
        }
    }

    @Test(arguments: [1, 2, 127, 128, 129, 255, 256, 257, 1000, 3000])
    func encodedPostingsDecodeToTheirModel(docFreq: Int) throws {
        for (round, term) in [Self.bigram, Self.word].enumerated() {
            for large in [false, true] {
                var rng = SplitMix64(seed: UInt64(docFreq * 4 + round * 2 + (large ? 1 : 0)))
                let docCount = docFreq + Int(rng.next() % UInt64(3 * docFreq + 10))
                let model = Model.random(docFreq: docFreq, docCount: docCount, maxFreq: large ? 300 : 4, large: large, &rng)
                try Self.expectDecodes(model, term: term, seed: rng.next())
            }
        }
    }

    /// A segment's worth of documents in every one (dense deltas of 1) with frequencies
    /// whose bit width is 32 after the minus one: the widest packing there is.
    @Test func denseDocumentsAndHugeFrequenciesDecode() throws {
        var model = Model()
        model.docs = (0 ..< 300).map { UInt32($0) }
        model.freqs = model.docs.map { $0 == 130 ? 70_000 : 1 + $0 % 3 }
        model.positions = model.freqs.map { f in (0 ..< f).map { $0 * 3 } }
        model.lengths = (0 ..< 300).flatMap { [UInt32(5), max(UInt32(300_000), model.freqs[$0])] }
        try Self.expectDecodes(model, term: Self.bigram, seed: 7)
    }

    /// The bytes `PostingsSplice.shift` writes for a one-block term moved by `shift` are the
    /// bytes of the same postings encoded with the moved document numbers.
    @Test(arguments: [1, 2, 60, 127])
    func shiftedBytesEqualReencodedPostings(docFreq: Int) throws {
        for term in [Self.bigram, Self.word] {
            var rng = SplitMix64(seed: UInt64(docFreq) * 31)
            let model = Model.random(docFreq: docFreq, docCount: docFreq + 40, maxFreq: 200, large: false, &rng)
            let shift: UInt32 = 1 + UInt32(rng.next() % 100_000)
            var moved = model
            moved.docs = model.docs.map { $0 + shift }
            moved.lengths = [UInt32](repeating: 1, count: 2 * Int(shift)) + model.lengths
            var out = ByteWriter()
            try model.encoded(term).withUnsafeBytes { raw in
                let part = PostingsSplice.Part(file: raw, range: 0 ..< raw.count, docFreq: docFreq, docCount: model.docCount, shift: shift,
                                               version: PostingsFormat.current, path: "conformance.post")
                #expect(PostingsSplice.canShift(part))
                try PostingsSplice.shift(part, into: &out)
            }
            #expect(out.bytes == moved.encoded(term))
        }
    }

    /// Terms of several inputs joined as bytes are those of the merged postings encoded, and
    /// the join declines (writing nothing) what it cannot write as bytes.
    @Test(arguments: [2, 3, 5])
    func joinedBytesEqualReencodedPostings(inputs: Int) throws {
        for (round, term) in [Self.bigram, Self.word].enumerated() {
            var rng = SplitMix64(seed: UInt64(inputs * 10 + round))
            for total in [inputs, 20, 127, 128, 200] {
                // Each input's own documents and segment; the merged segment lays them end to end.
                var models = [Model]()
                var remaining = total
                for i in 0 ..< inputs {
                    let docFreq = i == inputs - 1 ? remaining : max(1, min(remaining - (inputs - 1 - i), 1 + Int(rng.next() % UInt64(max(1, total / inputs)))))
                    remaining -= docFreq
                    models.append(Model.random(docFreq: docFreq, docCount: docFreq + Int(rng.next() % 30), maxFreq: total < 20 ? 3 : 1,
                                               large: false, &rng))
                }
                var merged = Model()
                var shifts = [UInt32]()
                for m in models {
                    let shift = UInt32(merged.docCount)
                    shifts.append(shift)
                    merged.docs += m.docs.map { $0 + shift }
                    merged.freqs += m.freqs
                    merged.positions += m.positions
                    merged.lengths += m.lengths
                }
                let encoded = models.map { $0.encoded(term) }
                var out = ByteWriter()
                let joined: Int? = try withBuffers(encoded) { buffers in
                    let parts = zip(models, zip(buffers, shifts)).map { m, bs in
                        PostingsSplice.Part(file: bs.0, range: 0 ..< bs.0.count, docFreq: m.docs.count, docCount: m.docCount, shift: bs.1,
                                            version: PostingsFormat.current, path: "conformance.post")
                    }
                    return try PostingsSplice.join(parts, into: &out)
                }
                let positions = merged.freqs.reduce(0) { $0 + Int($1) }
                let joinable = total < 128 && (term[1] == TokenKind.word.rawValue || positions < 128)
                #expect((joined != nil) == joinable, "total \(total), positions \(positions)")
                if let joined {
                    #expect(joined == total)
                    #expect(out.bytes == merged.encoded(term))
                } else {
                    #expect(out.bytes.isEmpty)
                }
            }
        }
    }

    /// FORMAT.md's worked example, byte for byte.
    @Test func theFormatDocumentsExampleIsWhatTheEncoderWrites() {
        var model = Model()
        model.docs = [0, 5, 6]
        model.freqs = [1, 2, 1]
        model.positions = [[3], [10, 40], [7]]
        model.lengths = (0 ..< 7).flatMap { _ in [UInt32(4), 30] }
        let key = TermKey.make(field: .body, kind: .bigram, text: "大桥")
        #expect(key == [0x01, 0x01, 0xE5, 0xA4, 0xA7, 0xE6, 0xA1, 0xA5])
        #expect(model.encoded(key) == [0x03, 0x0A, 0x02, 0x03, 0x04, 0x0B, 0x1E, 0x08])
    }

    /// Postings of the counted layout (versions 1 and 2) are never copied as bytes into a
    /// file of the current version; the compact versions (3 and 4) are.
    @Test func onlyTheCurrentLayoutIsCopiedAsBytes() {
        for version in PostingsFormat.versions {
            let part = PostingsSplice.Part(file: UnsafeRawBufferPointer(start: nil, count: 0), range: 0 ..< 0, docFreq: 3, docCount: 10,
                                           shift: 0, version: version, path: "x")
            #expect(PostingsSplice.canShift(part) == (version >= 3), "version \(version)")
        }
    }
}

/// Calls `body` with stable pointers to each of `arrays`.
private func withBuffers<R>(_ arrays: [[UInt8]], _ body: ([UnsafeRawBufferPointer]) throws -> R) rethrows -> R {
    func nest(_ i: Int, _ acc: [UnsafeRawBufferPointer]) throws -> R {
        guard i < arrays.count else { return try body(acc) }
        return try arrays[i].withUnsafeBytes { try nest(i + 1, acc + [$0]) }
    }
    return try nest(0, [])
}
