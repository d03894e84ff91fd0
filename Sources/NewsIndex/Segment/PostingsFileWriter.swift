import IndexFormat

/// Streams a segment's postings file (`.post`, FORMAT.md "Postings") in the current
/// postings version, read by `PostingsFile`. The bytes of each term come from the codec
/// (`PostingsEncoder`, or `PostingsSplice` in a merge); this type only places them.
///
/// Call order: `append` for each term in the dictionary's order (the dictionary records
/// the lengths, and each term's postings start where the previous term's end), then `close`.
struct PostingsFileWriter {
    private let file: FileWriter

    init(path: String) throws {
        file = try FileWriter(path: path, kind: .postings, version: FileVersions.postings.upperBound)
    }

    /// Appends one term's postings; returns where they are in the file (from its first byte).
    func append(_ bytes: UnsafeRawBufferPointer) throws -> Range<Int> {
        let offset = file.count
        try file.append(bytes)
        return offset ..< file.count
    }

    /// Writes the footer and closes the file.
    func close() throws { try file.close() }
}
