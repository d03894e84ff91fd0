import IndexFormat

/// Reads a segment's postings file (`.post`, FORMAT.md "Postings"): hands out a
/// `PostingsCursor` per term, or a term's bytes for a merge's `PostingsSplice`. The bytes
/// of each postings version are the codec's (`Sources/NewsIndex/Postings/`); this type only
/// knows the file. Written by `PostingsFileWriter`.
struct PostingsFile {
    let file: MappedFile
    let version: UInt32
    /// The file's body, whose header and footer were checked: every term's postings lie in it.
    let body: Range<Int>

    init(_ file: MappedFile, body: Range<Int>) {
        self.file = file
        self.body = body
        version = IndexFile.version(of: file.bytes)
    }

    /// A cursor over the postings `info` names, for a segment of `docCount` documents whose
    /// term's field lengths start at `lengthColumn`, 8 bytes apart.
    func cursor(_ info: TermInfo, docCount: Int, lengthColumn: UnsafeRawPointer) throws -> PostingsCursor {
        try PostingsCursor(file: file.bytes, path: file.path, version: version, body: body, docCount: docCount,
                           lengthColumn: lengthColumn, info: info)
    }

    /// A term's postings as bytes, for a merge's fast paths (`PostingsSplice`).
    func spliceInput(_ info: TermInfo, docCount: Int, shift: UInt32) -> PostingsSplice.Part {
        PostingsSplice.Part(file: file.bytes, range: info.offset ..< info.offset + info.length, docFreq: info.docFreq,
                            docCount: docCount, shift: shift, version: version, path: file.path)
    }

    /// Checks the whole file's checksum (`verify`, and a merge before it copies bytes).
    func verify() throws {
        _ = try FileVersions.open(file.bytes, kind: .postings, file: file.path, checksum: true)
    }
}
