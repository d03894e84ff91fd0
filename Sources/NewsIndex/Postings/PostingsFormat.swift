/// The postings file's versions and the layout each is read with (FORMAT.md "Postings").
///
/// Every piece of code that knows the bytes of postings is in this folder:
/// `PostingsEncoder` writes the current layout, `PostingsCursor` reads every version
/// (branching on its `Layout` once per block into `FullBlock`, `CountedLayout` or
/// `CompactLayout`), and `PostingsSplice` shifts and joins current-layout bytes for a
/// merge. The rest of the index (`PostingsFile`, `PostingsFileWriter`) hands them bytes
/// and term entries.
enum PostingsFormat {
    /// 1: the counted layout. 2: as 1, words without positions. 3: the compact layout.
    /// 4: as 3 (the global version 4 changed only the columns; FileVersions).
    static let versions: ClosedRange<UInt32> = 1 ... 4
    /// The version `PostingsEncoder` writes.
    static var current: UInt32 { versions.upperBound }

    enum Layout: Equatable {
        /// Versions 1 and 2: every term has a `BlockCount` and block metadata, tail entries a
        /// separate frequency, positions are varints per term.
        case counted
        /// Versions 3 and 4: metadata only for terms of several blocks, frequencies of 1 folded
        /// into tail deltas, positions per block, bit-packed 128 at a time.
        case compact
    }

    static func layout(_ version: UInt32) -> Layout { version >= 3 ? .compact : .counted }

    /// Whether postings of `version` are laid out as `PostingsEncoder` writes them, so that
    /// a merge may copy their bytes into a new file.
    static func isCurrentLayout(_ version: UInt32) -> Bool { layout(version) == layout(current) }
}
