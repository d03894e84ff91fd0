import IndexFormat

/// Streams a segment's stored articles (`.store`, FORMAT.md "Stored articles"), read by
/// `StoredArticles`: records gathered into blocks of up to 64 KiB of raw text, each
/// deflate-compressed, then the block table.
///
/// Call order: `add` for documents 0, 1, 2 … in order, or `addCompressedBlock` for
/// blocks compressed elsewhere (`compressedBlocks`, or another segment's unchanged), in
/// document order; then `finish`.
struct StoredArticlesWriter {
    static let blockBytes = 64 * 1024

    private let file: FileWriter
    private var block = ByteWriter(capacity: blockBytes + 4096)
    private var blockFirstDoc: UInt32 = 0
    private var table: [(firstDoc: UInt32, offset: UInt64, compressedLength: UInt32, rawLength: UInt32)] = []

    init(path: String) throws {
        file = try FileWriter(path: path, kind: .store, version: FileVersions.store.upperBound)
    }

    /// A stored article's record: its seven strings in order.
    private static func appendRecord(_ s: StoredArticle, to block: inout ByteWriter) {
        for field in [s.headline, s.body, s.source, s.url, s.author, s.reprintOrigin, s.location] { block.str(field) }
    }

    /// Adds the article of document `doc`, compressing the block when it is full.
    mutating func add(_ s: StoredArticle, doc: UInt32) throws {
        if block.count == 0 { blockFirstDoc = doc }
        Self.appendRecord(s, to: &block)
        if block.count >= Self.blockBytes { try flushBlock() }
    }

    /// `stored` (documents 0, 1, 2 …) cut into blocks and compressed exactly as `add`
    /// would, for `addCompressedBlock`: lets a flush compress on another thread.
    static func compressedBlocks(_ stored: [StoredArticle]) -> [(firstDoc: UInt32, bytes: [UInt8], rawLength: Int)] {
        var blocks = [(firstDoc: UInt32, bytes: [UInt8], rawLength: Int)]()
        var block = ByteWriter(capacity: blockBytes + 4096)
        var first = 0
        for (doc, s) in stored.enumerated() {
            if block.count == 0 { first = doc }
            appendRecord(s, to: &block)
            if block.count >= blockBytes || doc == stored.count - 1 {
                blocks.append((UInt32(first), Deflate.compress(block.bytes), block.count))
                block.removeAll()
            }
        }
        return blocks
    }

    /// Appends a compressed block unchanged, for the documents from `firstDoc` on.
    mutating func addCompressedBlock(_ compressed: UnsafeRawBufferPointer, rawLength: Int, firstDoc: UInt32) throws {
        try flushBlock()
        table.append((firstDoc, UInt64(file.count), UInt32(compressed.count), UInt32(rawLength)))
        try file.append(compressed)
    }

    private mutating func flushBlock() throws {
        guard block.count > 0 else { return }
        let compressed = Deflate.compress(block.bytes)
        table.append((blockFirstDoc, UInt64(file.count), UInt32(compressed.count), UInt32(block.count)))
        try file.append(compressed)
        block.removeAll()
    }

    /// Compresses the last block, writes the block table and the footer, and closes the file.
    mutating func finish() throws {
        try flushBlock()
        var bytes = ByteWriter()
        for e in table { bytes.u32(e.firstDoc); bytes.u64(e.offset); bytes.u32(e.compressedLength); bytes.u32(e.rawLength) }
        bytes.u32(UInt32(table.count))
        try file.append(bytes.bytes)
        try file.close()
    }
}
