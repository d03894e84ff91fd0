import Foundation
import IndexFormat

/// A term's entry in a segment's dictionary.
public struct TermInfo: Equatable, Sendable {
    public var docFreq: Int
    public var offset: Int
    public var length: Int
    /// The field of the term (its key's first byte).
    public var field: Field
}

/// Reads a segment's term dictionary (`.dict`, FORMAT.md "Term dictionary"), of every
/// dictionary version: front-coded blocks of terms with their postings entries, and the
/// block index at the end of the body. Written by `TermDictionaryWriter`.
///
/// A lookup binary-searches the blocks' first terms (from the 64th lookup on, their 8-byte
/// prefixes), then walks one block. Every entry's postings are checked against the postings body and its document
/// frequency against the segment's document count before a `TermInfo` is handed out.
/// Thread-safe (the prefixes are built once, under a lock).
final class TermDictionary: @unchecked Sendable {
    let file: MappedFile
    let version: UInt32
    let blockCount: Int
    let termCount: UInt64
    /// Where the first terms start (`HeapStart`) and the fixed-width block table.
    private let heapStart: Int
    private let tableStart: Int
    private let body: Range<Int>
    /// The postings file's body, its path and size: every entry must point inside the body.
    private let postingsBody: Range<Int>
    private let postingsPath: String
    private let postingsSize: Int
    private let docCount: Int

    /// Reads the block index of `file`, whose header and footer were checked (`body`), for a
    /// segment of `docCount` documents whose postings file is `postings`.
    init(_ file: MappedFile, body: Range<Int>, postings: PostingsFile, docCount: Int) throws {
        self.file = file
        self.body = body
        self.docCount = docCount
        version = IndexFile.version(of: file.bytes)
        postingsBody = postings.body
        postingsPath = postings.file.path
        postingsSize = postings.file.bytes.count
        // The fixed tail is BlockCount u32, HeapStart u64, TermCount u64.
        let tail = body.upperBound - 20
        guard tail >= body.lowerBound else { throw FormatError.corrupt(file: file.path, detail: "no block index") }
        blockCount = Int(file.bytes.loadUnaligned(fromByteOffset: tail, as: UInt32.self))
        let heap = file.bytes.loadUnaligned(fromByteOffset: tail + 4, as: UInt64.self)
        termCount = file.bytes.loadUnaligned(fromByteOffset: tail + 12, as: UInt64.self)
        guard heap <= UInt64(tail - body.lowerBound) else {
            throw FormatError.corrupt(file: file.path, detail: "the first terms start at body byte \(heap), past the block index at \(tail - body.lowerBound)")
        }
        heapStart = body.lowerBound + Int(heap)
        tableStart = tail - 8 * blockCount
        guard tableStart >= heapStart else {
            throw FormatError.corrupt(file: file.path, detail: "block index of \(blockCount) blocks out of bounds")
        }
    }

    // MARK: Block index

    /// Read without the file's name (copying it cost a retain and a release per read): callers
    /// name the file in an error (`named`).
    private func firstTerm(_ block: Int) throws -> UnsafeRawBufferPointer {
        let off = Int(file.bytes.loadUnaligned(fromByteOffset: tableStart + 8 * block, as: UInt32.self))
        var r = ByteReader(file.bytes, offset: heapStart + off, file: "")
        return try r.bytes(try r.count())
    }

    private func blockOffset(_ block: Int) -> Int {
        body.lowerBound + Int(file.bytes.loadUnaligned(fromByteOffset: tableStart + 8 * block + 4, as: UInt32.self))
    }

    /// The first eight bytes of each block's first term, big-endian, zero-padded: a
    /// lookup's binary search compares these (8 bytes a block, a small fraction of the dictionary)
    /// and reads a first term only on a tie. Built at the `prefixLookups`th lookup: the
    /// few lookups of a one-query process compare first terms, which costs them less than
    /// reading every block's first term to build the array.
    private var prefixes: [UInt64]? = nil
    private var lookups = 0
    private let prefixLock = NSLock()
    static let prefixLookups = 64

    /// `body`, with this file named in a damage error read without a name.
    @inline(__always)
    private func named<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch FormatError.corrupt(let unnamed, let detail) where unnamed.isEmpty {
            throw FormatError.corrupt(file: file.path, detail: detail)
        }
    }

    /// The prefixes once this dictionary has served `prefixLookups` lookups, else nil.
    private func blockPrefixes() throws -> [UInt64]? {
        prefixLock.lock()
        defer { prefixLock.unlock() }
        if let p = prefixes { return p }
        lookups += 1
        guard lookups >= Self.prefixLookups else { return nil }
        var p = [UInt64]()
        p.reserveCapacity(blockCount)
        for b in 0 ..< blockCount { p.append(Self.prefix(try firstTerm(b))) }
        prefixes = p
        return p
    }

    /// A strictly smaller prefix means a strictly smaller term (a shorter term is padded
    /// with zeros, and is a prefix of any term it ties with up to its length).
    static func prefix(_ bytes: some Collection<UInt8>) -> UInt64 {
        var v: UInt64 = 0
        var n = 0
        for b in bytes.prefix(8) { v = v << 8 | UInt64(b); n += 1 }
        return n == 8 ? v : v << UInt64(8 * (8 - n))
    }

    /// The last block whose first term is ≤ `key` (-1 if none).
    private func block(for key: [UInt8]) throws -> Int {
        var lo = 0, hi = blockCount
        guard let prefixes = try blockPrefixes() else {
            while lo < hi {
                let mid = (lo + hi) / 2
                if compare(try firstTerm(mid), key) <= 0 { lo = mid + 1 } else { hi = mid }
            }
            return lo - 1
        }
        let k = Self.prefix(key)
        while lo < hi {
            let mid = (lo + hi) / 2
            let p = prefixes[mid]
            let notAfter = p != k ? p < k : compare(try firstTerm(mid), key) <= 0
            if notAfter { lo = mid + 1 } else { hi = mid }
        }
        return lo - 1
    }

    // MARK: Blocks

    /// One front-coded dictionary entry: how many leading bytes it shares with the
    /// previous term of the block, the rest of its bytes, and where its postings are.
    struct Entry {
        var shared: Int
        var suffix: UnsafeRawBufferPointer
        var docFreq: Int
        var offset: Int
        var length: Int
    }

    /// Reads the entries of dictionary block `b` in order, in the layout of the file's version.
    struct BlockEntries {
        var reader: ByteReader
        var remaining: Int
        var termLength = 0
        var offset = 0
        var next: Int
        let version: UInt32

        /// Offsets and lengths past the postings file are damage (`info` says so); capping
        /// them at its size keeps their sums from overflowing first.
        let postingsLimit: Int

        /// `named`: false reads without the file's name (a lookup names it in an error, `named`).
        init(_ dictionary: TermDictionary, block b: Int, named: Bool = true) throws {
            reader = ByteReader(dictionary.file.bytes, offset: dictionary.blockOffset(b), file: named ? dictionary.file.path : "")
            version = dictionary.version
            postingsLimit = dictionary.postingsSize
            remaining = try reader.count(limit: 1 << 20)
            // Dictionary versions 3 and 4 give the block's first postings offset; each term's postings follow the previous.
            next = version >= 3 ? try reader.count(limit: postingsLimit) : 0
        }

        @inline(__always)
        mutating func read() throws -> Entry? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            let shared = try reader.count(limit: termLength)
            let suffixLength = try reader.count(limit: 1 << 16)
            let suffix = try reader.bytes(suffixLength)
            let df = try reader.count()
            if version >= 3 { offset = next } else { offset = min(offset, postingsLimit) + (try reader.count(limit: postingsLimit)) }
            let length = try reader.count(limit: postingsLimit)
            next = min(offset, postingsLimit) + length
            termLength = shared + suffixLength
            return Entry(shared: shared, suffix: suffix, docFreq: df, offset: offset, length: length)
        }
    }

    /// The postings entry of a term, checked against the postings file and the document count.
    private func info(_ e: Entry, term: some Collection<UInt8>) throws -> TermInfo {
        guard e.offset >= postingsBody.lowerBound, e.offset + e.length <= postingsBody.upperBound, e.docFreq > 0, let field = term.first else {
            throw FormatError.corrupt(file: file.path, detail: "the postings of term \(TermKey.describe(Array(term))) point past the end of \(postingsPath)")
        }
        guard e.docFreq <= docCount else {
            throw FormatError.corrupt(file: file.path, detail: "term \(TermKey.describe(Array(term))) is in \(e.docFreq) documents, the segment has \(docCount)")
        }
        return TermInfo(docFreq: e.docFreq, offset: e.offset, length: e.length, field: field == Field.headline.rawValue ? .headline : .body)
    }

    /// Decodes dictionary block `b`, calling `body(term, info)` until it returns false.
    func scanBlock(_ b: Int, _ body: ([UInt8], TermInfo) throws -> Bool) throws -> Bool {
        var entries = try BlockEntries(self, block: b)
        var term = [UInt8]()
        while let e = try entries.read() {
            term.removeSubrange(e.shared...)
            term.append(contentsOf: e.suffix)
            if try !body(term, try info(e, term: term)) { return false }
        }
        return true
    }

    // MARK: Lookups

    /// The dictionary entry of `key`, or nil.
    ///
    /// Walks the block's front-coded entries without rebuilding their terms: it keeps
    /// how many leading bytes the previous (smaller) term shares with `key`, and an
    /// entry that shares fewer with its predecessor is already past `key`, while one
    /// that shares more is still before it; only the rest are compared byte by byte.
    /// - Complexity: O(log blocks) comparisons plus one block of at most 32 terms (64 in older indexes).
    func term(_ key: [UInt8]) throws -> TermInfo? { try named { try lookUp(key) } }

    private func lookUp(_ key: [UInt8]) throws -> TermInfo? {
        let b = try block(for: key)
        guard b >= 0 else { return nil }
        var entries = try BlockEntries(self, block: b, named: false)
        var matched = 0
        while let e = try entries.read() {
            if e.shared < matched { return nil }  // differs from key where the previous term agreed: larger
            if e.shared > matched { continue }  // agrees with the previous term where that was smaller
            var j = 0
            while j < e.suffix.count && e.shared + j < key.count && e.suffix[j] == key[e.shared + j] { j += 1 }
            matched = e.shared + j
            if j < e.suffix.count {
                if matched == key.count || e.suffix[j] > key[matched] { return nil }
                continue
            }
            guard entries.termLength == key.count else { continue }  // a proper prefix of key: smaller
            return try info(e, term: key)
        }
        return nil
    }

    /// Every term starting with `prefix`, in order, up to `limit` of them.
    /// - Complexity: O(log blocks) plus the blocks that hold the terms.
    func terms(withPrefix prefix: [UInt8], limit: Int) throws -> [([UInt8], TermInfo)] {
        var result = [([UInt8], TermInfo)]()
        var b = max(0, try named { try block(for: prefix) })
        while b < blockCount {
            let more = try scanBlock(b) { term, info in
                if term.starts(with: prefix) { result.append((term, info)); return result.count < limit }
                return compare(term, prefix) < 0
            }
            if !more { break }
            b += 1
        }
        return result
    }

    /// Every term in order (for merging and verification).
    /// - Complexity: O(terms).
    func forEachTerm(_ body: ([UInt8], TermInfo) throws -> Void) throws {
        for b in 0 ..< blockCount { _ = try scanBlock(b) { try body($0, $1); return true } }
    }
}

/// Byte-wise comparison, like the dictionary's sort order.
@inline(__always)
func compare(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Int {
    var i = a.makeIterator(), j = b.makeIterator()
    while true {
        switch (i.next(), j.next()) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (x?, y?): if x != y { return x < y ? -1 : 1 }
        }
    }
}
