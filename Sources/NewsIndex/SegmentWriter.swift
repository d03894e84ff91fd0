import IndexFormat
import NewsIngest

/// Serializes one segment (FORMAT.md): creates its four files and hands each structure
/// to its writer, `ColumnsWriter` (`.cols`), `StoredArticlesWriter` (`.store`),
/// `PostingsFileWriter` (`.post`, bytes from the codec in `Postings/`) and
/// `TermDictionaryWriter` (`.dict`), plus a `DeletionFile` when documents are deleted.
///
/// Call order: `addDocument` (or `addColumns`, with `addStoreBlock` for their
/// stored articles) for documents 0, 1, 2 … in order; then `addEncodedTerm`
/// (postings a `PostingsEncoder` wrote, with `fieldLengths`) for every term in
/// ascending byte order; then `finish`. Store blocks may also come after the
/// terms (a flush compresses them on another thread meanwhile). Used by the
/// in-memory builder when it flushes and by the merger (`Merger`, whose postings come from
/// `PostingsEncoder` or `PostingsSplice`).
struct SegmentWriter {
    let directory: String
    let name: String

    private var columns = ColumnsWriter()
    /// The store and the postings stream to their files; the columns and the dictionary are written whole by `finish`.
    private var store: StoredArticlesWriter
    private let postings: PostingsFileWriter
    private var dictionary = TermDictionaryWriter()

    var docCount: Int { columns.docCount }

    init(directory: String, name: String) throws {
        self.directory = directory
        self.name = name
        store = try StoredArticlesWriter(path: directory + "/" + name + ".store")
        postings = try PostingsFileWriter(path: directory + "/" + name + ".post")
    }

    mutating func addDocument(_ c: DocumentColumns, _ s: StoredArticle) throws {
        let doc = UInt32(columns.docCount)
        columns.add(c)
        try store.add(s, doc: doc)
    }

    /// `stored` (documents 0, 1, 2 …) cut into store blocks and compressed exactly as
    /// `addDocument` would, for `addStoreBlock`: lets a flush compress on another thread.
    static func compressedStoreBlocks(_ stored: [StoredArticle]) -> [(firstDoc: UInt32, bytes: [UInt8], rawLength: Int)] {
        StoredArticlesWriter.compressedBlocks(stored)
    }

    /// Appends a compressed store block (of another segment unchanged, or from
    /// `compressedStoreBlocks`), for the documents from `firstDoc` on (whose columns were
    /// added with `addColumns`).
    mutating func addStoreBlock(_ compressed: UnsafeRawBufferPointer, rawLength: Int, firstDoc: UInt32) throws {
        try store.addCompressedBlock(compressed, rawLength: rawLength, firstDoc: firstDoc)
    }

    /// Adds a document's columns only (its stored article comes with `addStoreBlock`).
    mutating func addColumns(_ c: DocumentColumns) { columns.add(c) }

    /// Every document's field lengths, headline and body interleaved (for the impacts).
    var fieldLengths: [UInt32] { columns.fieldLengths }

    /// Adds a term whose postings `PostingsEncoder` encoded (with this segment's field lengths).
    mutating func addEncodedTerm(_ term: some Collection<UInt8>, docFreq: Int, postings bytes: UnsafeRawBufferPointer) throws {
        let placed = try postings.append(bytes)
        dictionary.add(Array(term), docFreq: docFreq, offset: placed.lowerBound, length: placed.count)
    }

    /// Writes the four files (and a deletion file when `deleted` is not empty);
    /// returns the segment's description for the commit.
    mutating func finish(deleted: Set<UInt32>, generation: UInt64) throws -> SegmentInfo {
        let dict = dictionary.finish()
        try postings.close()
        try store.finish()
        let cols = columns.finish()
        let base = directory + "/" + name
        try FileSystem.write(dict, to: base + ".dict")
        try FileSystem.write(cols, to: base + ".cols")
        var info = SegmentInfo(name: name, docCount: UInt32(docCount), deletionGeneration: 0, deletedCount: 0)
        if !deleted.isEmpty {
            try DeletionFile.write(deleted, docCount: docCount, path: base + ".del.\(generation)")
            info.deletionGeneration = generation
            info.deletedCount = UInt32(deleted.count)
        }
        return info
    }
}
