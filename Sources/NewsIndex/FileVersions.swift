import IndexFormat

/// The format versions of each kind of index file (FORMAT.md "Versions"): a reader
/// decodes a file by the version in its own header, a writer writes the last of its
/// kind's range. Until the versions were split per kind, one number covered every file
/// (1 to 4); each kind's range continues that series, so a file written then already
/// names its own version: the number it carries is the global version it was written at,
/// which is read through that kind's layout of the time.
///
/// A change to one kind's layout bumps that kind's current version only.
enum FileVersions {
    /// 1, 2: entries carry `PostingsDelta`. 3, 4: blocks carry `FirstPostings`, entries none.
    static let dictionary: ClosedRange<UInt32> = 1 ... 4
    static let postings = PostingsFormat.versions
    /// 1 to 3: no checksums of its own. 4: `QueryCRC` and `SketchCRC` after the sections.
    static let columns: ClosedRange<UInt32> = 1 ... 4
    /// 1 to 4: one layout.
    static let store: ClosedRange<UInt32> = 1 ... 4
    static let deletions: ClosedRange<UInt32> = 1 ... 4
    static let commit: ClosedRange<UInt32> = 1 ... 4

    /// The versions of `kind` this build reads; it writes the last.
    static func of(_ kind: IndexFile.Kind) -> ClosedRange<UInt32> {
        switch kind {
        case .dictionary: dictionary
        case .postings: postings
        case .columns: columns
        case .store: store
        case .deletions: deletions
        case .commit: commit
        }
    }

    /// The header of a new file of `kind`, in its current version.
    static func begin(_ kind: IndexFile.Kind) -> ByteWriter { IndexFile.begin(kind, version: of(kind).upperBound) }

    /// Checks a file of `kind` (`IndexFile.open` with the versions this build reads).
    static func open(_ bytes: UnsafeRawBufferPointer, kind: IndexFile.Kind, file: String, checksum: Bool) throws -> Range<Int> {
        try IndexFile.open(bytes, kind: kind, versions: of(kind), file: file, checksum: checksum)
    }
}
