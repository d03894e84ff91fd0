import IndexFormat

/// Serializes a segment's term dictionary (`.dict`, FORMAT.md "Term dictionary"), in the
/// current dictionary version; read by `TermDictionary`.
///
/// Call order: `add` for every term in ascending byte order, each with the postings the
/// postings file just received for it (a term's postings start where the previous term's
/// end, so only the first of a block has its offset written), then `finish` once for the
/// file's bytes.
struct TermDictionaryWriter {
    /// Terms per dictionary block: a lookup reads half of one on average.
    static let termsPerBlock = 32

    private var bytes = FileVersions.begin(.dictionary)
    private var block = ByteWriter()
    private var blockTerms = 0
    private var blockFirstOffset = 0
    private var previousTerm: [UInt8] = []
    private var firstTerms: [[UInt8]] = []
    private var blockOffsets: [UInt32] = []
    private var termCount: UInt64 = 0

    /// Adds `term` (greater than every term added before), in `docFreq` documents, whose
    /// postings are `length` bytes at `offset` in the postings file.
    mutating func add(_ term: [UInt8], docFreq: Int, offset: Int, length: Int) {
        if blockTerms == Self.termsPerBlock { flushBlock() }
        var shared = 0
        if blockTerms == 0 {
            firstTerms.append(term)
            blockFirstOffset = offset
        } else {
            let limit = min(term.count, previousTerm.count)
            while shared < limit && term[shared] == previousTerm[shared] { shared += 1 }
        }
        block.vint(shared)
        block.vint(term.count - shared)
        block.append(term[shared...])
        block.vint(docFreq)
        // Dictionary versions 3 and 4: a term's postings follow the previous term's, so only lengths are kept.
        block.vint(length)
        previousTerm = term
        blockTerms += 1
        termCount += 1
    }

    private mutating func flushBlock() {
        guard blockTerms > 0 else { return }
        blockOffsets.append(UInt32(bytes.count - IndexFile.headerSize))
        bytes.vint(blockTerms)
        bytes.vint(blockFirstOffset)
        bytes.append(block.bytes)
        block.removeAll()
        blockTerms = 0
    }

    /// The whole file: the last block, the block index (first terms, table, counts), footer.
    mutating func finish() -> [UInt8] {
        flushBlock()
        var firstTermOffsets = [UInt32]()
        let heapStart = bytes.count - IndexFile.headerSize
        for t in firstTerms {
            firstTermOffsets.append(UInt32(bytes.count - IndexFile.headerSize - heapStart))
            bytes.vint(t.count)
            bytes.append(t)
        }
        for (f, b) in zip(firstTermOffsets, blockOffsets) { bytes.u32(f); bytes.u32(b) }
        bytes.u32(UInt32(firstTerms.count))
        bytes.u64(UInt64(heapStart))
        bytes.u64(termCount)
        IndexFile.finish(&bytes)
        return bytes.bytes
    }
}
