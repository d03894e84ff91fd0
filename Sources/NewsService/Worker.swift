import NewsIndex
import NewsSearch
import NewsText

/// What one request searches with: a reader of its own (a `SegmentReader` caches the last
/// block of stored articles it read, so two threads must not share one), and the searcher
/// and summarizer over it. A worker serves one request at a time.
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
