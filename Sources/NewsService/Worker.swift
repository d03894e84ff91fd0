import NewsIndex
import NewsSearch
import NewsText

/// What one request searches with: the snapshot's reader (shared: segment readers are
/// thread-safe), and a searcher and summarizer of its own over it (they keep cursors,
/// an analyzer and scratch buffers). A worker serves one request at a time.
final class Worker {
    let reader: IndexReader
    let searcher: Searcher
    let summarizer: Summarizer
    var browser: CatalogBrowser { CatalogBrowser(reader: reader) }

    init(reader: IndexReader, lexicon: Lexicon) throws {
        self.reader = reader
        searcher = Searcher(reader: reader, analyzer: try Analyzer(lexicon: lexicon))
        summarizer = try Summarizer(reader: reader, lexicon: lexicon)
    }
}
