import Foundation
import Testing
import TestSupport
import IndexFormat
import NewsText
@testable import NewsIndex

// Damaged index files must never crash a tool (issue 20): each file kind of a segment is
// damaged on purpose (targeted tests) and at random (a seeded mutator), then opened,
// verified, merged and read whole. Each attempt must succeed or throw a typed error
// (`FormatError`, `IndexError`); a crash takes the test process down with it, and a
// cursor that hands out a document out of order or out of range is recorded as an issue.
// `scripts/fuzz-index.sh` runs the mutator for longer (ITERATIONS, FUZZ_SEED).

// MARK: - The index every test damages

/// The file kinds of an index (FORMAT.md).
enum FileKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case dictionary = "dict", postings = "post", columns = "cols", store, deletions = "del", commit

    var description: String { rawValue }
}

/// One segment of 300 synthetic articles (terms of one and of several postings blocks, full
/// blocks with bit-packed positions, two store blocks), one of them deleted (a deletion
/// file), kept as bytes: each test writes its own copy and damages it.
struct PristineIndex: Sendable {
    let files: [String: [UInt8]]
    let segment: String
    let generation: UInt64
    let docCount: Int

    static let shared: PristineIndex = try! build()

    static func build() throws -> PristineIndex {
        let dir = try TemporaryFolder("pristine")
        _ = try buildIndex(dir.path, makeArticles(300, seed: 11), threads: 1)
        let writer = try IndexWriter(directory: dir.path, options: .init(threads: 1))
        let deleted = writer.delete(id: "a7")
        let commit = try writer.commit()
        writer.close()
        precondition(deleted && commit.segments.count == 1 && commit.segments[0].deletionGeneration > 0)
        var files = [String: [UInt8]]()
        for name in commit.files { files[name] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.path + "/" + name))) }
        return PristineIndex(files: files, segment: commit.segments[0].name, generation: commit.generation,
                             docCount: Int(commit.segments[0].docCount))
    }

    func name(_ kind: FileKind) -> String {
        switch kind {
        case .commit: Commit.fileName(generation)
        case .deletions: "\(segment).del.\(generation)"
        default: "\(segment).\(kind.rawValue)"
        }
    }

    func bytes(_ kind: FileKind) -> [UInt8] { files[name(kind)]! }

    /// Writes the index into a new folder, the file of `kind` changed by `damage`.
    func copy(damaging kind: FileKind? = nil, _ damage: (inout [UInt8]) throws -> Void = { _ in }) throws -> TemporaryFolder {
        let dir = try TemporaryFolder("damaged")
        for (name, bytes) in files { try write(bytes, dir.path + "/" + name) }
        if let kind { try rewrite(dir.path, kind, damage) }
        return dir
    }

    /// Replaces the file of `kind` in `dir` with its pristine bytes changed by `damage`.
    func rewrite(_ dir: String, _ kind: FileKind, _ damage: (inout [UInt8]) throws -> Void) throws {
        var bytes = self.bytes(kind)
        try damage(&bytes)
        try write(bytes, dir + "/" + name(kind))
    }

    func write(_ bytes: [UInt8], _ path: String) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }
}

// MARK: - Bytes

enum Bytes {
    static func u32(_ b: [UInt8], _ at: Int) -> UInt32 { (0 ..< 4).reduce(0) { $0 | UInt32(b[at + $1]) << (8 * UInt32($1)) } }
    static func u64(_ b: [UInt8], _ at: Int) -> UInt64 { (0 ..< 8).reduce(0) { $0 | UInt64(b[at + $1]) << (8 * UInt64($1)) } }
    static func put32(_ b: inout [UInt8], _ at: Int, _ v: UInt32) { for i in 0 ..< 4 { b[at + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(i))) } }
    static func put64(_ b: inout [UInt8], _ at: Int, _ v: UInt64) { for i in 0 ..< 8 { b[at + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(i))) } }

    static func vint(_ v: UInt64) -> [UInt8] {
        var w = ByteWriter()
        w.vint(v)
        return w.bytes
    }

    /// The vint at `at` and where it ends.
    static func readVint(_ b: [UInt8], _ at: Int) -> (UInt64, Int) {
        b.withUnsafeBytes { raw in
            var r = ByteReader(raw, offset: at, file: "")
            let v = (try? r.vint()) ?? 0
            return (v, r.offset)
        }
    }

    /// Every entry of a version-3 dictionary: its term and where its `DocFreq` vint is.
    static func dictionaryEntries(_ b: [UInt8]) -> [(term: [UInt8], docFreqAt: Int)] {
        let tail = b.count - IndexFile.footerSize - 20
        let blocks = Int(u32(b, tail))
        var entries = [(term: [UInt8], docFreqAt: Int)]()
        for k in 0 ..< blocks {
            var (count, at) = readVint(b, IndexFile.headerSize + Int(u32(b, tail - 8 * blocks + 8 * k + 4)))
            at = readVint(b, at).1  // FirstPostings
            var term = [UInt8]()
            while count > 0 {
                let (shared, a) = readVint(b, at)
                let (n, c) = readVint(b, a)
                term = Array(term.prefix(Int(shared))) + b[c ..< c + Int(n)]
                entries.append((term, c + Int(n)))
                at = readVint(b, readVint(b, c + Int(n)).1).1  // past DocFreq and PostingsLength
                count -= 1
            }
        }
        return entries
    }

    /// Section `k`'s (offset of its bytes, length) in a columns file, nil when the lengths do not add up.
    static func columnSection(_ b: [UInt8], _ k: Int) -> (Int, Int)? {
        var offset = IndexFile.headerSize + 8
        for i in 0 ... k {
            guard offset + 8 <= b.count else { return nil }
            let n = u64(b, offset)
            guard n <= UInt64(b.count - offset - 8) else { return nil }
            if i == k { return (offset + 8, Int(n)) }
            offset += 8 + Int(n)
        }
        return nil
    }

    /// Recomputes the checksums a reader checks: the footer's CRC and, in version 4
    /// columns, `QueryCRC` and `SketchCRC`. Damage that leaves the structure unparseable
    /// stays as it is. Models a buggy writer rather than a disk: the reader's own checks must hold.
    static func fixChecksums(_ b: inout [UInt8], _ kind: FileKind) {
        let end = b.count - IndexFile.footerSize
        guard end >= IndexFile.headerSize, u64(b, end) == UInt64(end - IndexFile.headerSize) else { return }
        if kind == .columns, u32(b, 8) >= 4, let (sketches, n) = columnSection(b, 5), let (stats, m) = columnSection(b, 8),
           stats + m + 8 <= end {
            let (query, sketch) = b.withUnsafeBytes { all in
                (CRC32.of(UnsafeRawBufferPointer(rebasing: all[(sketches + n) ..< (stats + m)]),
                          seed: CRC32.of(UnsafeRawBufferPointer(rebasing: all[..<sketches]))),
                 CRC32.of(UnsafeRawBufferPointer(rebasing: all[sketches ..< sketches + n])))
            }
            put32(&b, stats + m, query)
            put32(&b, stats + m + 4, sketch)
        }
        put32(&b, end + 8, b.withUnsafeBytes { CRC32.of(UnsafeRawBufferPointer(rebasing: $0[..<(end + 8)])) })
    }
}

// MARK: - Reading everything

/// Opens an index, verifies it, merges it (optionally) and reads every column, stored
/// article, term and posting, each step on its own so that an error in one still lets
/// the others run. Returns the errors met.
enum Exerciser {
    static func readEverything(_ dir: String, mergeInto scratch: String? = nil) -> [Error] {
        var errors = [Error]()
        func attempt(_ body: () throws -> Void) {
            do { try body() } catch { errors.append(error) }
        }
        let reader: IndexReader
        do { reader = try IndexReader.open(directory: dir) } catch { return [error] }
        attempt { _ = try reader.verify() }
        _ = reader.liveCount
        _ = reader.averageLength(.body)
        for s in reader.segments {
            for d in 0 ..< s.docCount {
                _ = s.columns(d)
                _ = s.isDeleted(d)
                s.forEachRegion(d) { _ in }
                s.forEachIndustry(d) { _ in }
                _ = s.docs(withID: s.id(d))
            }
            attempt { try s.verifySketches() }
            attempt { try inflateEveryStoreBlock(s) }
            attempt { for d in 0 ..< s.docCount { _ = try s.stored(d) } }
            attempt {
                var terms = s.termIterator()
                var n = 0
                while let (term, info) = try terms.next() {
                    attempt { try walk(s, info) }
                    // Lookups walk the block's entries another way; a sample is enough.
                    if n % 16 == 0 { attempt { _ = try s.term(term) } }
                    n += 1
                }
            }
            attempt { _ = try s.terms(withPrefix: TermKey.make(field: .body, kind: .bigram, text: "淄")) }
        }
        if let scratch {
            attempt { _ = try Merger.merge(reader.segments, directory: scratch, name: "seg-merged") }
            for f in (try? FileManager.default.contentsOfDirectory(atPath: scratch)) ?? [] { try? FileManager.default.removeItem(atPath: scratch + "/" + f) }
        }
        return errors
    }

    /// Every posting of a term with its frequency, positions and first position, its
    /// blocks' impacts, and a skip forward and back. Documents must come in order and
    /// below the segment's count: anything else would be read out of bounds by a query.
    static func walk(_ s: SegmentReader, _ info: TermInfo) throws {
        var cursor = try s.postings(info)
        _ = cursor.positionBytes
        var positions = [UInt32]()
        var previous: Int32 = -1
        while try cursor.next() != PostingsCursor.end {
            guard cursor.doc > previous, Int(cursor.doc) < s.docCount else {
                Issue.record("\(s.post.file.path): document \(cursor.doc) after \(previous) of \(s.docCount)")
                return
            }
            previous = cursor.doc
            _ = cursor.freq
            _ = s.length(Int(cursor.doc), info.field)
            if previous % 2 == 0 { _ = try cursor.firstPosition() }
            try cursor.positions(into: &positions)
        }
        for b in 0 ..< cursor.blockCount { _ = cursor.impacts(of: b) }
        _ = cursor.allImpacts()
        var skipping = try s.postings(info)
        _ = try skipping.advance(to: Int32(s.docCount / 2))
        _ = try skipping.seek(to: 1)
    }

    /// Whether `error` is one of the index's typed errors.
    static func isTyped(_ error: Error) -> Bool { error is FormatError || error is IndexError }
}

/// Expects `body` to throw a typed error that calls `file` damaged and names it (`what`: the damage, for the report).
func expectDamaged(_ file: String, _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("no error for damage in \(file) \(what)", sourceLocation: sourceLocation)
    } catch {
        let message = "\(error)"
        #expect(Exerciser.isTyped(error) && message.contains(file) && message.contains("damaged"), "\(what): \(message)", sourceLocation: sourceLocation)
    }
}

/// Expects reading the whole index in `dir` to meet at least one error, every one typed,
/// and one of them naming `file` as damaged.
func expectEveryReadTyped(_ dir: String, naming file: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let errors = Exerciser.readEverything(dir)
    #expect(!errors.isEmpty, "damage in \(file) went unnoticed", sourceLocation: sourceLocation)
    for e in errors where !Exerciser.isTyped(e) { Issue.record("untyped error \(e)", sourceLocation: sourceLocation) }
    #expect(errors.contains { "\($0)".contains(file) && "\($0)".contains("damaged") }, "\(errors)", sourceLocation: sourceLocation)
}

// MARK: - Targeted damage

@Suite struct DamagedIndexTests {
    let pristine = PristineIndex.shared

    @Test func thePristineIndexReadsWithoutAnError() throws {
        let dir = try pristine.copy()
        let errors = Exerciser.readEverything(dir.path)
        #expect(errors.isEmpty, "\(errors)")
        // It has what the damage below needs.
        let s = try #require(try IndexReader.open(directory: dir.path).segments.first)
        let common = try #require(try s.term(TermKey.make(field: .body, kind: .bigram, text: "淄博")))
        #expect(try s.postings(common).blockCount >= 2)
        var blocks = 0
        try s.forEachStoreBlock { _, _, _, _ in blocks += 1 }
        #expect(blocks >= 2)
        #expect(pristine.docCount == 300)
    }

    /// Header and footer of every kind, the version byte above all: a flipped bit there
    /// is damage, not "use a newer news-search" (the checksum is checked before the
    /// version is believed). Before the fix, every version flip said "newer".
    @Test(arguments: FileKind.allCases)
    func headerFooterAndVersionDamageIsReportedAsDamage(kind: FileKind) throws {
        let name = pristine.name(kind)
        let size = pristine.bytes(kind).count
        let damages: [(String, (inout [UInt8]) -> Void)] = [
            ("version byte", { $0[8] ^= 0x40 }),
            ("version high byte", { $0[11] = 0x80 }),
            ("version 0", { Bytes.put32(&$0, 8, 0) }),
            ("magic", { $0[1] ^= 0x01 }),
            ("kind", { $0[5] ^= 0x20 }),
            ("footer length", { $0[size - 16] ^= 0x01 }),
            ("footer checksum", { $0[size - 7] ^= 0x10 }),
            ("footer magic", { $0[size - 1] ^= 0x01 }),
            ("truncated", { $0.removeLast(5) }),
            ("shorter than a header", { $0.removeLast($0.count - 10) }),
        ]
        for (what, damage) in damages {
            let dir = try pristine.copy(damaging: kind, damage)
            let errors = Exerciser.readEverything(dir.path)
            #expect(!errors.isEmpty, "\(kind) \(what)")
            #expect(errors.allSatisfy(Exerciser.isTyped), "\(kind) \(what): \(errors)")
            #expect(errors.allSatisfy { !"\($0)".contains("newer") && !"\($0)".contains("older") }, "\(kind) \(what): \(errors)")
            #expect(errors.contains { "\($0)".contains(name) && "\($0)".contains("damaged") }, "\(kind) \(what): \(errors)")
        }
    }

    /// A version this build reads, but not the file's: its bytes decode as garbage, which
    /// must be an error (the small files' checksums catch it first).
    @Test(arguments: FileKind.allCases)
    func anOlderVersionNumberOverNewerBytesIsAnError(kind: FileKind) throws {
        for version: UInt32 in [1, 2, 3] {
            let dir = try pristine.copy(damaging: kind) { Bytes.put32(&$0, 8, version) }
            let errors = Exerciser.readEverything(dir.path)
            #expect(errors.allSatisfy(Exerciser.isTyped), "\(kind) as version \(version): \(errors)")
            // The footer's checksum covers the header: `verify` at least finds it.
            #expect(errors.contains { "\($0)".contains(pristine.name(kind)) }, "\(kind) as version \(version)")
        }
    }

    // MARK: Postings

    /// The first document delta of a one-block term set to 0 made document −1 (and a
    /// read 32 GB past the length column): now the list stops with an error. A delta of
    /// 0 further on repeated a document.
    @Test func aPostingsDeltaOfZeroIsAnError() throws {
        let name = pristine.name(.postings)
        let clean = try pristine.copy()
        let reader = try IndexReader.open(directory: clean.path)
        let s = reader.segments[0]
        // A rare body bigram whose first two entries are one byte each (a frequency of 1).
        let bytes = pristine.bytes(.postings)
        var target: (info: TermInfo, term: [UInt8], second: Int)? = nil
        var it = s.termIterator()
        while target == nil, let (term, info) = try it.next() {
            guard info.docFreq >= 2, info.docFreq < 20, term[1] == TokenKind.bigram.rawValue else { continue }
            let (first, second) = Bytes.readVint(bytes, info.offset)
            let (next, end) = Bytes.readVint(bytes, second)
            if second == info.offset + 1, end == second + 1, first & 1 == 1, next & 1 == 1 { target = (info, term, second) }
        }
        let (info, term, at) = try #require(target)
        // The first delta 0 (keeping the frequency flag): document −1.
        var dir = try pristine.copy(damaging: .postings) { $0[info.offset] &= 1 }
        var segment = try IndexReader.open(directory: dir.path).segments[0]
        expectDamaged(name) { _ = try segment.postings(try #require(try segment.term(term))) }
        expectEveryReadTyped(dir.path, naming: name)
        // The second delta 0: the second document repeats the first.
        dir = try pristine.copy(damaging: .postings) { $0[at] &= 1 }
        segment = try IndexReader.open(directory: dir.path).segments[0]
        expectDamaged(name) {
            var cursor = try segment.postings(try #require(try segment.term(term)))
            while try cursor.next() != PostingsCursor.end {}
        }
    }

    /// A delta of 0 inside a full, bit-packed block, the next delta raised to keep the
    /// block's last document: before the fix the repeated document went unnoticed.
    @Test func aZeroDeltaInsideAFullBlockIsAnError() throws {
        let name = pristine.name(.postings)
        let clean = try pristine.copy()
        let s = try IndexReader.open(directory: clean.path).segments[0]
        let term = TermKey.make(field: .body, kind: .bigram, text: "淄博")
        let info = try #require(try s.term(term))
        let cursor = try s.postings(info)
        // Block 0 is full: DocWidth u8, then 128 packed deltas.
        let start = cursor.blocks[0].dataStart
        let bytes = pristine.bytes(.postings)
        let width = Int(bytes[start])
        var deltas = [UInt32](repeating: 0, count: 128)
        bytes.withUnsafeBytes { BitPacking.unpack($0.baseAddress! + start + 1, width: width, into: &deltas) }
        let k = try #require((0 ..< 127).first { UInt64(deltas[$0]) + UInt64(deltas[$0 + 1]) < 1 << width })
        deltas[k + 1] += deltas[k]
        deltas[k] = 0
        var packed = ByteWriter()
        deltas.withUnsafeBufferPointer { BitPacking.pack($0, width: width, into: &packed) }
        let dir = try pristine.copy(damaging: .postings) { $0.replaceSubrange(start + 1 ..< start + 1 + packed.count, with: packed.bytes) }
        let segment = try IndexReader.open(directory: dir.path).segments[0]
        expectDamaged(name) {
            var c = try segment.postings(try #require(try segment.term(term)))
            while try c.next() != PostingsCursor.end {}
        }
        // After the error the cursor is at its end, and reading again throws again.
        var c = try segment.postings(try #require(try segment.term(term)))
        #expect(throws: FormatError.self) { while try c.next() != PostingsCursor.end {} }
        #expect(try c.next() == PostingsCursor.end)
        #expect(throws: FormatError.self) { _ = try c.seek(to: 0) }
    }

    /// Postings crafted after the pristine ones (and reached through a made-up dictionary
    /// entry): block metadata with lengths and document deltas far beyond the file, which
    /// made `Int64` additions trap before the fix, and frequencies that would size a 16 GB
    /// positions buffer, refused before anything is allocated.
    @Test func hugeBlockLengthsAndCountsInPostingsAreErrors() throws {
        let name = pristine.name(.postings)
        let huge: UInt64 = 1 << 62
        func meta(last: UInt64, doc: UInt64, pos: UInt64) -> [UInt8] {
            Bytes.vint(last) + Bytes.vint(doc) + Bytes.vint(pos) + Bytes.vint(1) + Bytes.vint(1) + Bytes.vint(1)
        }
        let tail = (0 ..< 72).flatMap { _ in Bytes.vint(1 << 1 | 1) }  // 72 documents one apart, frequency 1
        let cases: [(String, docFreq: Int, [UInt8])] = [
            ("a last-document delta past Int64.max", 200, meta(last: UInt64.max - 3, doc: 10, pos: 0) + meta(last: 5, doc: 10, pos: 0)),
            ("document bytes past the file", 200, meta(last: 128, doc: huge, pos: 0) + meta(last: 72, doc: huge, pos: 0)),
            ("position bytes past the file", 200, meta(last: 128, doc: 1, pos: huge) + meta(last: 72, doc: 1, pos: huge)),
            ("more documents than the segment", 5000, meta(last: 128, doc: 1, pos: 0)),
            ("a block ending with the one before", 200, meta(last: 128, doc: 1, pos: 0) + meta(last: 0, doc: 1, pos: 0)),
            ("a first delta past the segment", 3, Bytes.vint(UInt64(pristine.docCount + 5) << 1 | 1) + Bytes.vint(3) + Bytes.vint(3)),
            ("a delta past Int64.max", 3, Bytes.vint(3) + Bytes.vint(UInt64.max) + Bytes.vint(3)),
            ("a repeated document", 3, Bytes.vint(3) + Bytes.vint(1) + Bytes.vint(3)),
            ("huge frequencies", 72, Bytes.vint(2 << 1) + Bytes.vint(UInt64(UInt32.max)) + tail.dropFirst(1) + [1, 1, 1]),
            // 70,000 positions fit 700 bytes (width-0 runs of 128), but not document 0's tokens.
            ("more positions than tokens", 1, Bytes.vint(1 << 1) + Bytes.vint(70_000) + [UInt8](repeating: 0, count: 700)),
        ]
        for (what, docFreq, crafted) in cases {
            let (dir, info) = try craftedPostings(crafted, docFreq: docFreq)
            let segment = try IndexReader.open(directory: dir.path).segments[0]
            expectDamaged(name, what) {
                var cursor = try segment.postings(info)
                var positions = [UInt32]()
                while try cursor.next() != PostingsCursor.end { try cursor.positions(into: &positions) }
            }
        }
    }

    /// Version 1 and 2 postings store a block count; one that disagrees with the document
    /// count made the decoder write past its 128-document buffer.
    @Test func anOldBlockCountThatDisagreesWithTheDocumentCountIsAnError() throws {
        let name = pristine.name(.postings)
        // One block claimed for 300 documents: (BlockCount 1, LastDocDelta, DocBytes, PositionBytes, MaxFreq, MinLength), a tail.
        let crafted = Bytes.vint(1) + Bytes.vint(300) + Bytes.vint(600) + Bytes.vint(0) + Bytes.vint(1) + Bytes.vint(1)
            + (0 ..< 300).flatMap { _ in Bytes.vint(1) + Bytes.vint(1) }
        let (dir, info) = try craftedPostings(crafted, docFreq: 299, version: 1)
        let segment = try IndexReader.open(directory: dir.path).segments[0]
        expectDamaged(name) {
            var cursor = try segment.postings(info)
            while try cursor.next() != PostingsCursor.end {}
        }
    }

    /// The pristine index with `crafted` appended to the postings body (checksum fixed, header
    /// version `version`), and a dictionary entry for it of `docFreq` documents.
    func craftedPostings(_ crafted: [UInt8], docFreq: Int, version: UInt32 = 4) throws -> (TemporaryFolder, TermInfo) {
        var offset = 0
        let dir = try pristine.copy(damaging: .postings) { b in
            let end = b.count - IndexFile.footerSize
            offset = end
            b.replaceSubrange(end ..< end + 8, with: crafted + [UInt8](repeating: 0, count: 8))
            Bytes.put64(&b, b.count - IndexFile.footerSize, UInt64(b.count - IndexFile.footerSize - IndexFile.headerSize))
            Bytes.put32(&b, 8, version)
            Bytes.fixChecksums(&b, .postings)
        }
        return (dir, TermInfo(docFreq: docFreq, offset: offset, length: crafted.count, field: .body))
    }

    // MARK: Dictionary

    /// `HeapStart` is a u64: past `Int.max` it trapped in `Int(_:)` (SIGILL in `verify`).
    @Test func aHugeDictionaryOffsetIsAnError() throws {
        let name = pristine.name(.dictionary)
        for value: UInt64 in [UInt64.max, 1 << 63, 1 << 40] {
            let dir = try pristine.copy(damaging: .dictionary) { Bytes.put64(&$0, $0.count - IndexFile.footerSize - 16, value) }
            expectDamaged(name, "HeapStart \(value)") { _ = try IndexReader.open(directory: dir.path) }
        }
        let dir = try pristine.copy(damaging: .dictionary) { Bytes.put32(&$0, $0.count - IndexFile.footerSize - 20, UInt32.max) }
        expectDamaged(name) { _ = try IndexReader.open(directory: dir.path) }
    }

    /// A term's `DocFreq` above the segment's document count is refused at the dictionary
    /// (before the fix the postings were read for 16,383 documents).
    @Test func aDocumentFrequencyAboveTheDocumentCountIsAnError() throws {
        let name = pristine.name(.dictionary)
        let key = TermKey.make(field: .body, kind: .bigram, text: "淄博")
        let entry = try #require(Bytes.dictionaryEntries(pristine.bytes(.dictionary)).first { $0.term == key })
        try #require(Bytes.readVint(pristine.bytes(.dictionary), entry.docFreqAt).1 == entry.docFreqAt + 2)
        let dir = try pristine.copy(damaging: .dictionary) { $0[entry.docFreqAt] = 0xFF; $0[entry.docFreqAt + 1] = 0x7F }
        let segment = try IndexReader.open(directory: dir.path).segments[0]
        expectDamaged(name) { _ = try segment.term(key) }
        expectEveryReadTyped(dir.path, naming: name)
    }

    // MARK: Columns

    /// A column's length is a u64: past `Int.max` it trapped in `Int(_:)` before the
    /// checksum was even looked at (SIGILL in `verify` and `stats`).
    @Test func aHugeColumnLengthIsAnError() throws {
        let name = pristine.name(.columns)
        for section in [0, 3, 8] {
            for value: UInt64 in [UInt64.max, 1 << 63, 1 << 40] {
                let dir = try pristine.copy(damaging: .columns) { b in
                    let (start, _) = Bytes.columnSection(b, section)!
                    Bytes.put64(&b, start - 8, value)
                }
                expectDamaged(name, "column \(section) of \(value) bytes") { _ = try IndexReader.open(directory: dir.path) }
            }
        }
    }

    /// Region and id offsets read in place by filters: out of order (a range with its end
    /// before its start trapped) or past their column, even with valid checksums.
    @Test func columnOffsetsOutOfOrderOrPastTheirColumnAreErrors() throws {
        let name = pristine.name(.columns)
        let original = pristine.bytes(.columns)
        for (section, what) in [(3, "regions"), (4, "industries"), (6, "ids")] {
            let (start, _) = try #require(Bytes.columnSection(original, section))
            let last = start + 4 * pristine.docCount
            let damages: [(String, (inout [UInt8]) -> Void)] = [
                ("a start far away", { Bytes.put32(&$0, start + 4 * 5, 0xFFFF_FF00) }),
                ("the last end past the column", { Bytes.put32(&$0, last, 0x7FFF_FFFF) }),
                ("out of order", { Bytes.put32(&$0, start + 4 * 9, Bytes.u32($0, start + 4 * 9) &+ 1); Bytes.put32(&$0, start + 4 * 10, 0) }),
            ]
            for (how, damage) in damages {
                let dir = try pristine.copy(damaging: .columns) { damage(&$0); Bytes.fixChecksums(&$0, .columns) }
                expectDamaged(name, "\(what): \(how)") { _ = try IndexReader.open(directory: dir.path) }
            }
        }
    }

    // MARK: Stored articles

    /// A block's `Offset` is a u64 (trapped in `Int(_:)`); a `RawLength` of 4 GB made the
    /// reader allocate 4 GB before zlib failed: now refused before allocating, since
    /// deflate cannot inflate more than 1032 bytes from one.
    @Test func hugeStoreOffsetsAndLengthsAreErrors() throws {
        let name = pristine.name(.store)
        let original = pristine.bytes(.store)
        let end = original.count - IndexFile.footerSize
        let count = Int(Bytes.u32(original, end - 4))
        try #require(count >= 2)
        let table = end - 4 - 20 * count
        let damages: [(String, (inout [UInt8]) -> Void)] = [
            ("offset past Int.max", { Bytes.put64(&$0, table + 4, UInt64.max) }),
            ("offset 2^63", { Bytes.put64(&$0, table + 4, 1 << 63) }),
            ("offset past the file", { Bytes.put64(&$0, table + 20 + 4, 1 << 40) }),
            ("compressed length past the table", { Bytes.put32(&$0, table + 12, UInt32.max) }),
            ("raw length 4 GB", { Bytes.put32(&$0, table + 16, 0xFFFF_FFF0) }),
            ("raw length of the second block 4 GB", { Bytes.put32(&$0, table + 20 + 16, 0xFFFF_FF00) }),
            ("block count 4 G", { Bytes.put32(&$0, end - 4, UInt32.max) }),
            ("first document out of order", { Bytes.put32(&$0, table + 20, 0) }),
        ]
        for (what, damage) in damages {
            let dir = try pristine.copy(damaging: .store, damage)
            let segment = try IndexReader.open(directory: dir.path).segments[0]
            expectDamaged(name, what) { try inflateEveryStoreBlock(segment) }
        }
        // The raw length is refused before allocating: inflating says so.
        let raw = [UInt8](repeating: 7, count: 100)
        let compressed = Deflate.compress(raw)
        #expect(try compressed.withUnsafeBytes { try Deflate.decompress($0, rawLength: 100, file: "x") } == raw)
        #expect { _ = try compressed.withUnsafeBytes { try Deflate.decompress($0, rawLength: Int(UInt32.max), file: "x") } } throws: {
            "\($0)".contains("more than deflate can give")
        }
    }

    /// A block's first document moved (checksums fixed): the blocks around it then hold
    /// more or fewer articles than the table says. A merge numbered the extra ones past the
    /// segment's end (an array index out of range) before the fix.
    @Test func storeBlocksHoldingOtherThanTheirArticlesAreErrors() throws {
        let name = pristine.name(.store)
        let original = pristine.bytes(.store)
        let end = original.count - IndexFile.footerSize
        let table = end - 4 - 20 * Int(Bytes.u32(original, end - 4))
        let second = Bytes.u32(original, table + 20)
        for moved in [second - 20, second + 20, UInt32(pristine.docCount - 1)] {
            let dir = try pristine.copy(damaging: .store) { Bytes.put32(&$0, table + 20, moved); Bytes.fixChecksums(&$0, .store) }
            let segment = try IndexReader.open(directory: dir.path).segments[0]
            expectDamaged(name, "second block from \(moved)") { try inflateEveryStoreBlock(segment) }
            let scratch = try TemporaryFolder("store-merge")
            expectDamaged(name, "second block from \(moved), merged") { _ = try Merger.merge([segment], directory: scratch.path, name: "seg-merged") }
        }
    }

    // MARK: Commit and deletions

    /// A commit whose checksum is right but whose counts are impossible.
    @Test func aCommitWithMoreDeletionsThanDocumentsIsAnError() throws {
        let name = pristine.name(.commit)
        let original = pristine.bytes(.commit)
        // Body: Generation u64, NextSegment u32, SegmentCount u32, then Name str, DocCount u32, DeletionGeneration u64, DeletedCount u32.
        let nameLength = Int(original[IndexFile.headerSize + 16])
        let deleted = IndexFile.headerSize + 16 + 1 + nameLength + 4 + 8
        let dir = try pristine.copy(damaging: .commit) { Bytes.put32(&$0, deleted, UInt32(self.pristine.docCount + 1)); Bytes.fixChecksums(&$0, .commit) }
        expectDamaged(name) { _ = try IndexReader.open(directory: dir.path) }
        let many = try pristine.copy(damaging: .commit) { Bytes.put32(&$0, IndexFile.headerSize + 12, UInt32.max); Bytes.fixChecksums(&$0, .commit) }
        expectDamaged(name) { _ = try IndexReader.open(directory: many.path) }
    }

    /// A merge reads postings as bytes (rare terms move unchanged): a first document of −1
    /// with a valid checksum went into the merged segment before the fix.
    @Test func aMergeRefusesPostingsOutOfRange() throws {
        let dir = try TemporaryFolder("merge-damage")
        let commit = try buildIndex(dir.path, makeArticles(60, seed: 12), threads: 1, maxDocs: 30, mergeFactor: 1000)
        try #require(commit.segments.count == 2)
        let first = try SegmentReader(directory: dir.path, info: commit.segments[0])
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: first.post.file.path)))
        var rare: TermInfo? = nil
        var it = first.termIterator()
        while rare == nil, let (_, info) = try it.next() {
            let (v, end) = Bytes.readVint(bytes, info.offset)
            if info.docFreq < 5 && end == info.offset + 1 && v >> 1 < 64 { rare = info }
        }
        let info = try #require(rare)
        bytes[info.offset] &= 1
        Bytes.fixChecksums(&bytes, .postings)
        try Data(bytes).write(to: URL(fileURLWithPath: first.post.file.path))
        let writer = try IndexWriter(directory: dir.path, options: .init(threads: 1))
        defer { writer.close() }
        expectDamaged(commit.segments[0].name + ".post") { _ = try writer.commit(forceMerge: true) }
        #expect(try IndexReader.open(directory: dir.path).commit.generation == commit.generation, "nothing published")
    }
}

// MARK: - Random damage

/// A seeded random mutator: flips bits, overwrites bytes and fields with extreme values,
/// zeroes or copies runs, truncates; half the time it then fixes the checksums, so that
/// the readers' own checks are what stands between the damage and a crash. Positions
/// favour the header and the last 128 bytes (block tables, the dictionary's block index,
/// the store's table, the footer), where one byte says where everything else is.
struct Mutator {
    var rng: SplitMix64

    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(rng.next() % UInt64(n)) }

    mutating func position(in count: Int) -> Int {
        switch below(6) {
        case 0: min(count - 1, below(32))
        case 1, 2: max(0, count - 1 - below(128))
        default: below(count)
        }
    }

    /// Damages `bytes` of a file of `kind`; returns what it did.
    mutating func mutate(_ bytes: inout [UInt8], _ kind: FileKind) -> String {
        var did = [String]()
        for _ in 0 ..< 1 + below(3) {
            guard bytes.count > 0 else { break }
            let at = position(in: bytes.count)
            switch below(9) {
            case 0, 1:
                bytes[at] ^= 1 << UInt8(below(8))
                did.append("flip \(at)")
            case 2:
                bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                did.append("byte \(at)")
            case 3, 4:
                // A fixed-width field set to an extreme value.
                let width = [2, 4, 8][below(3)]
                let values: [UInt64] = [0, UInt64.max, 1 << 63, UInt64(UInt32.max), 1 << 31, rng.next()]
                let v = values[below(values.count)]
                for i in 0 ..< width where at + i < bytes.count { bytes[at + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(i))) }
                did.append("field \(at)")
            case 5:
                // A varint made long (a high bit set on a run of bytes).
                for i in 0 ..< 1 + below(9) where at + i < bytes.count { bytes[at + i] |= 0x80 }
                did.append("long varint \(at)")
            case 6:
                let n = min(bytes.count - at, 1 + below(64))
                bytes.replaceSubrange(at ..< at + n, with: repeatElement(0, count: n))
                did.append("zero \(at)+\(n)")
            case 7:
                let from = below(bytes.count), n = min(bytes.count - at, bytes.count - from, 1 + below(32))
                bytes.replaceSubrange(at ..< at + n, with: bytes[from ..< from + n])
                did.append("copy \(from)→\(at)+\(n)")
            default:
                bytes.removeLast(bytes.count - at)
                did.append("truncate \(at)")
            }
        }
        if below(2) == 0 {
            Bytes.fixChecksums(&bytes, kind)
            did.append("checksums fixed")
        }
        return did.joined(separator: ", ")
    }
}

@Suite struct RandomDamageTests {
    /// Mutations per file kind: a few hundred here, more from `scripts/fuzz-index.sh`.
    static let iterations = Int(ProcessInfo.processInfo.environment["ITERATIONS"] ?? "") ?? 150
    static let seed = UInt64(ProcessInfo.processInfo.environment["FUZZ_SEED"] ?? "") ?? 20

    /// File kinds to damage (`FUZZ_KINDS=post,dict`; all by default), to replay one.
    static let kinds = ProcessInfo.processInfo.environment["FUZZ_KINDS"].flatMap { $0.isEmpty ? nil : $0.split(separator: ",").map(String.init) }

    /// Where to note each mutation while it is read (`FUZZ_TRACE`, one file per kind): after a
    /// crash, the kind's file names the mutation that was being read, to replay with the same seed.
    static func trace(_ kind: FileKind, _ line: String) {
        guard let path = ProcessInfo.processInfo.environment["FUZZ_TRACE"] else { return }
        try? Data((line + "\n").utf8).write(to: URL(fileURLWithPath: path + "." + kind.rawValue))
    }

    @Test(arguments: FileKind.allCases)
    func randomDamageNeverCrashes(kind: FileKind) throws {
        guard Self.kinds?.contains(kind.rawValue) ?? true else { return }
        let pristine = PristineIndex.shared
        let dir = try pristine.copy()
        let scratch = try TemporaryFolder("fuzz-merge")
        let salt = UInt64(FileKind.allCases.firstIndex(of: kind)!) &* 0x9E37_79B9
        var mutator = Mutator(rng: SplitMix64(seed: Self.seed &+ salt))
        var failed = 0, clean = 0, slowest = 0.0
        var findings = [String: Int]()
        for i in 0 ..< Self.iterations {
            var what = ""
            try pristine.rewrite(dir.path, kind) { what = mutator.mutate(&$0, kind) }
            Self.trace(kind, "reading \(kind) mutation \(i) of seed \(Self.seed): \(what)")
            let start = Date()
            let errors = Exerciser.readEverything(dir.path, mergeInto: i % 4 == 0 ? scratch.path : nil)
            slowest = max(slowest, Date().timeIntervalSince(start))
            Self.trace(kind, "survived \(kind) mutation \(i) of seed \(Self.seed)")
            for e in errors where !Exerciser.isTyped(e) { Issue.record("\(kind) mutation \(i) (\(what)): untyped error \(e)") }
            if errors.isEmpty { clean += 1 } else { failed += 1 }
            for e in errors { findings[Self.shape(e), default: 0] += 1 }
        }
        // Damage must not make reading slow either (a loop that counts a damaged length down byte by byte).
        #expect(slowest < 5, "\(kind): slowest mutation took \(slowest) s")
        print("fuzz \(kind): \(Self.iterations) mutations (seed \(Self.seed)), 0 crashes: \(failed) with typed errors (\(findings.count) kinds of error), "
              + "\(clean) read without error; slowest \(String(format: "%.2f", slowest)) s")
        if ProcessInfo.processInfo.environment["FUZZ_VERBOSE"] != nil {
            for (shape, n) in findings.sorted(by: { $0.value > $1.value }) { print("  \(kind) \(n)× \(shape)") }
        }
    }

    /// An error's message without its file and numbers: which check found the damage.
    static func shape(_ error: Error) -> String {
        var text = "\(error)"
        if let colon = text.firstIndex(of: ":") { text = String(text[text.index(after: colon)...]) }
        for (pattern, replacement) in [(" \\(run `news-index verify`.*$", ""), ("/[^ ]+", "FILE"), ("term .* (is in|point)", "term T $1"),
                                        ("magic [^,]*,", "magic M,"), ("kind .*, expected", "kind K, expected"),
                                        ("0x[0-9a-f]+", "X"), ("[0-9]+", "N")] {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text
    }
}

/// Inflates every store block of `segment` and reads its articles, as a merge does.
func inflateEveryStoreBlock(_ segment: SegmentReader) throws {
    try segment.forEachStoreBlock { _, count, compressed, rawLength in
        try StoredArticles.decodeBlock(compressed, rawLength: rawLength, count: count, file: segment.store.file.path) { _ in }
    }
}

/// Old (version 1–2) positions are stored one up as deltas: damage there throws, never traps.
@Suite struct DamagedOldPositionsTests {
    func positions(_ bytes: [UInt8], freqs: [UInt32], document: Int = 0) throws -> [UInt32] {
        try bytes.withUnsafeBytes { raw in
            var reader = CountedLayout.Positions(raw, file: "old.post")
            reader.begin(at: 0)
            var out = [UInt32]()
            try reader.read(document, freqs: freqs, into: &out)
            return out
        }
    }

    @Test func wellFormedPositionsRead() throws {
        #expect(try positions([1, 3, 2], freqs: [3]) == [0, 3, 5])
        #expect(try positions([1, 3, 2], freqs: [1, 2], document: 1) == [2, 4])
    }

    @Test func aFirstDeltaOfZeroIsDamageNotACrash() {
        #expect(throws: FormatError.self) { try positions([0, 3], freqs: [2]) }
    }

    @Test func positionsPastSixtyFourBitsAreDamageNotACrash() {
        // Deltas of 2^63 − 1 (nine-byte vints): two fit in 64 bits, three do not.
        let big: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]
        #expect((try? positions(big + big, freqs: [2]))?.count == 2)
        #expect(throws: FormatError.self) { try positions(big + big + big, freqs: [3]) }
    }
}
