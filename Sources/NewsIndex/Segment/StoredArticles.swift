import Foundation
import IndexFormat

/// Reads a segment's stored articles (`.store`, FORMAT.md "Stored articles"):
/// deflate-compressed blocks of records and the block table at the end of the body.
/// Written by `StoredArticlesWriter`. Thread-safe: the last inflated block is cached under a lock,
/// and, when the reader was opened with one, more blocks in a shared `StoreBlockCache`.
///
/// Every table entry is checked against the blocks before its bytes are read, and a
/// block's raw length against its compressed length before it is inflated.
final class StoredArticles: @unchecked Sendable {
    let file: MappedFile
    /// The file's body, whose header and footer were checked.
    private let body: Range<Int>
    private let docCount: Int

    /// Blocks kept beyond the last one, shared with the reader's other segments (nil: none).
    private let cache: StoreBlockCache?
    /// This store's key space in `cache`.
    private let cacheKey: Int

    init(_ file: MappedFile, body: Range<Int>, docCount: Int, cache: StoreBlockCache? = nil) {
        self.file = file
        self.body = body
        self.docCount = docCount
        self.cache = cache
        cacheKey = cache?.register() ?? 0
    }

    /// The last stored block inflated: documents are read in order (exact-string checks,
    /// snippets), and neighbours share a block of 64 KiB.
    private var lastBlock: (offset: Int, block: InflatedBlock)? = nil
    private let blockLock = NSLock()

    /// The block at `start`, with at least its first `need` + 1 records (when it holds them).
    /// Without a shared cache (a one-query process) a block not read before is inflated up to
    /// that record only: a tenth of the results' summaries costs half the inflating. A block
    /// read again past its part is inflated whole, so readers in document order inflate each
    /// block at most once and a half.
    private func inflate(at start: Int, compressedLength: Int, rawLength: Int, records: Int, need: Int) throws -> InflatedBlock {
        blockLock.lock()
        let cached = lastBlock
        blockLock.unlock()
        if let cached, cached.offset == start, !cached.block.partial || need < cached.block.starts.count { return cached.block }
        if let block = cache?.block(cacheKey, start) { return block }
        let compressed = UnsafeRawBufferPointer(rebasing: file.bytes[start ..< start + compressedLength])
        let block: InflatedBlock
        if cache == nil && cached?.offset != start {
            var complete = 0, next = 0
            let raw = try Deflate.decompressPrefix(compressed, rawLength: rawLength, file: file.path) { prefix in
                var r = ByteReader(prefix, offset: next, file: file.path)
                while complete <= need, (try? Self.skipRecord(&r)) != nil { complete += 1; next = r.offset }
                return complete > need
            }
            block = InflatedBlock(raw: raw, records: records, file: file.path, partial: raw.count < rawLength)
        } else {
            block = InflatedBlock(raw: try Deflate.decompress(compressed, rawLength: rawLength, file: file.path), records: records, file: file.path)
            cache?.insert(cacheKey, start, block)
        }
        blockLock.lock()
        lastBlock = (start, block)
        blockLock.unlock()
        return block
    }

    /// Moves past one record (its seven strings), or throws where it does not read.
    private static func skipRecord(_ r: inout ByteReader) throws {
        for _ in 0 ..< 7 { try r.skip(try r.count()) }
    }

    /// The block table: where it starts and how many entries it has.
    private func blockTable() throws -> (start: Int, count: Int) {
        let count = Int(file.bytes.loadUnaligned(fromByteOffset: body.upperBound - 4, as: UInt32.self))
        let start = body.upperBound - 4 - 20 * count
        guard start >= body.lowerBound else { throw FormatError.corrupt(file: file.path, detail: "block table of \(count) blocks out of bounds") }
        return (start, count)
    }

    @inline(__always)
    private func firstDoc(_ i: Int, table: Int) -> Int { Int(file.bytes.loadUnaligned(fromByteOffset: table + 20 * i, as: UInt32.self)) }

    /// Entry `i` of the block table, its compressed bytes checked to lie between the
    /// header and the table (the raw length is checked against them when inflating).
    private func entry(_ i: Int, table: Int) throws -> (first: Int, offset: Int, clen: Int, rlen: Int) {
        let p = table + 20 * i
        let offset = file.bytes.loadUnaligned(fromByteOffset: p + 4, as: UInt64.self)
        let clen = Int(file.bytes.loadUnaligned(fromByteOffset: p + 12, as: UInt32.self))
        guard offset >= UInt64(body.lowerBound), offset <= UInt64(table), clen <= table - Int(offset) else {
            throw FormatError.corrupt(file: file.path, detail: "store block \(i) (\(clen) bytes at byte \(offset)) lies outside the blocks, which end at byte \(table)")
        }
        return (firstDoc(i, table: table), Int(offset), clen, Int(file.bytes.loadUnaligned(fromByteOffset: p + 16, as: UInt32.self)))
    }

    /// The stored fields of `doc`.
    /// - Complexity: O(log blocks), then one block inflated and its records located (unless
    ///   it was the last one read, or is in the cache), and the record read.
    func article(_ doc: Int) throws -> StoredArticle {
        guard doc >= 0 && doc < docCount else { throw FormatError.corrupt(file: file.path, detail: "no document \(doc)") }
        let (table, tableCount) = try blockTable()
        var lo = 0, hi = tableCount
        while lo < hi {
            let mid = (lo + hi) / 2
            if firstDoc(mid, table: table) <= doc { lo = mid + 1 } else { hi = mid }
        }
        guard lo >= 1 else { throw FormatError.corrupt(file: file.path, detail: "no block holds document \(doc)") }
        let e = try entry(lo - 1, table: table)
        let records = (lo < tableCount ? firstDoc(lo, table: table) : docCount) - e.first
        let k = doc - e.first
        let block = try inflate(at: e.offset, compressedLength: e.clen, rawLength: e.rlen, records: records, need: k)
        return try block.raw.withUnsafeBytes { bytes in
            var r = ByteReader(bytes, file: file.path)
            if k < block.starts.count {
                try r.skip(block.starts[k])
            } else {
                // Past the records that read well: reading them again throws where they fail.
                for _ in e.first ..< doc { for _ in 0 ..< 7 { try r.skip(try r.count()) } }
            }
            return try Self.record(&r)
        }
    }

    /// One record (FORMAT.md "Stored articles": its seven strings in order).
    private static func record(_ r: inout ByteReader) throws -> StoredArticle {
        StoredArticle(headline: try r.str(), body: try r.str(), source: try r.str(), url: try r.str(),
                      author: try r.str(), reprintOrigin: try r.str(), location: try r.str())
    }

    /// The compressed blocks in order: first document, number of documents, compressed
    /// bytes and raw length. Blocks that do not follow each other, or do not cover the
    /// segment's documents exactly, are damage.
    /// - Complexity: O(blocks); nothing is inflated.
    func forEachBlock(_ body: (Int, Int, UnsafeRawBufferPointer, Int) throws -> Void) throws {
        let (table, tableCount) = try blockTable()
        var doc = 0
        for i in 0 ..< tableCount {
            let (first, offset, clen, rlen) = try entry(i, table: table)
            let end = i + 1 < tableCount ? firstDoc(i + 1, table: table) : docCount
            guard first == doc, end > first, end <= docCount else {
                throw FormatError.corrupt(file: file.path, detail: "store block \(i) is out of place")
            }
            try body(first, end - first, UnsafeRawBufferPointer(rebasing: file.bytes[offset ..< offset + clen]), rlen)
            doc = end
        }
        guard doc == docCount else { throw FormatError.corrupt(file: file.path, detail: "holds \(doc) articles, expected \(docCount)") }
    }

    /// Inflates a block of `count` records and calls `body` with each; a block that
    /// holds another number of records is damage (its documents would not be the table's).
    static func decodeBlock(_ compressed: UnsafeRawBufferPointer, rawLength: Int, count: Int, file: String,
                            _ body: (StoredArticle) throws -> Void) throws {
        let raw = try Deflate.decompress(compressed, rawLength: rawLength, file: file)
        try raw.withUnsafeBytes { bytes in
            var r = ByteReader(bytes, file: file)
            var records = 0
            while r.remaining > 0 {
                guard records < count else { break }
                try body(try record(&r))
                records += 1
            }
            guard records == count, r.remaining == 0 else {
                throw FormatError.corrupt(file: file, detail: "a store block holds \(records < count ? "\(records)" : "more than \(count)") articles, its table entry says \(count)")
            }
        }
    }

    /// Checks the whole file's checksum (`verify`, and a merge before it copies blocks).
    func verify() throws {
        _ = try FileVersions.open(file.bytes, kind: .store, file: file.path, checksum: true)
    }
}
