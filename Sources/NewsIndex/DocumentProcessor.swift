import NewsCatalog
import NewsIngest
import NewsText

/// Turns an article into a document of a segment: analysis of headline and
/// body, the reprint sketch, region and industry tags (the article's own
/// metadata wins when the catalog knows it). One per indexing thread.
final class DocumentProcessor {
    let analyzer: Analyzer
    let segmenter: WordSegmenter
    let regions: RegionTagger
    let industries: IndustryTagger

    init(lexicon: Lexicon, regions: RegionTagger, industries: IndustryTagger) throws {
        analyzer = try Analyzer(lexicon: lexicon)
        segmenter = try WordSegmenter()
        self.regions = regions
        self.industries = industries
    }

    struct Result {
        var columns: DocumentColumns
        var fingerprint: Fingerprint?
        var issues: [IngestIssue]
        /// The fields' normalized text (UTF-16).
        var headline: [UInt16]
        var body: [UInt16]
    }

    /// Analyzes `article` into `builder` (tokens) and returns its columns; the
    /// caller fills in the cluster and finishes the document.
    func process(_ article: Article, into builder: SegmentBuilder) throws -> Result {
        try process(article) { field, analyzer in builder.addTokens(field: field, analyzer: analyzer) }
    }

    /// Analyzes `article` for a segment built on another thread: its fields' tokens
    /// are kept with the document instead of going into a segment.
    func analyze(_ article: Article, sequence: Int64) throws -> AnalyzedDocument {
        var headlineTokens = [Token](), bodyTokens = [Token]()
        let result = try process(article) { field, analyzer in
            if field == .headline { headlineTokens = analyzer.tokens } else { bodyTokens = analyzer.tokens }
        }
        return AnalyzedDocument(headlineTokens: headlineTokens, bodyTokens: bodyTokens,
                                result: result, stored: StoredArticle(article), sequence: sequence,
                                bytes: article.headline.utf8.count + article.body.utf8.count)
    }

    /// Analyzes headline and body, handing each field's tokens to `sink` while the analyzer holds them.
    private func process(_ article: Article, sink: (Field, Analyzer) -> Void) throws -> Result {
        var issues = [IngestIssue]()
        try analyzer.analyze(article.headline)
        sink(.headline, analyzer)
        let headlineLength = UInt32(analyzer.tokens.count)
        let headline = analyzer.withNormalized { Array($0) }
        let headlineBoundaries = analyzer.icuBoundaries()
        try analyzer.analyze(article.body)
        sink(.body, analyzer)
        let bodyLength = UInt32(analyzer.tokens.count)
        let body = analyzer.withNormalized { Array($0) }
        let bodyBoundaries = analyzer.icuBoundaries()
        let fingerprint = analyzer.withNormalized { Fingerprint(normalized: $0) }

        var regionCodes = [Int32]()
        for value in article.regions {
            if let r = try? regions.catalog.resolve(value).first { regionCodes.append(r.code) } else {
                issues.append(IngestIssue(.warning, article.location, "unknown region \"\(value)\" ignored; the article is tagged from its text"))
            }
        }
        if regionCodes.isEmpty { regionCodes = regions.tag(normalizedHeadline: headline, headlineBoundaries: headlineBoundaries,
                                                          normalizedBody: body, bodyBoundaries: bodyBoundaries) }
        var industryIDs = [Int32]()
        for value in article.industries {
            if let i = try? industries.catalog.resolve(value) { industryIDs.append(i.id) } else {
                issues.append(IngestIssue(.warning, article.location, "unknown industry \"\(value)\" ignored; the article is tagged from its text"))
            }
        }
        let tagged = industries.tag(normalizedHeadline: headline, normalizedBody: body)
        if industryIDs.isEmpty {
            industryIDs = tagged
        } else {
            // Keep the strategic-emerging tags from the text beside the metadata's GB/T codes.
            industryIDs += tagged.filter { id in industries.catalog.industry(id: id)?.scheme == .strategicEmerging && !industryIDs.contains(id) }
        }
        let columns = DocumentColumns(id: article.id, date: article.date?.number, headlineLength: headlineLength, bodyLength: bodyLength,
                                      regions: regionCodes, industries: industryIDs, sketch: fingerprint?.hashes ?? [])
        return Result(columns: columns, fingerprint: fingerprint, issues: issues, headline: headline, body: body)
    }
}

/// An article analyzed by `DocumentProcessor.analyze`: each field's normalized
/// text and tokens, and everything else its segment keeps.
struct AnalyzedDocument {
    var headlineTokens: [Token]
    var bodyTokens: [Token]
    var result: DocumentProcessor.Result
    var stored: StoredArticle
    var sequence: Int64
    /// UTF-8 bytes of headline and body (progress).
    var bytes: Int

    /// Adds the tokens to the document `builder` is building.
    func addTokens(to builder: SegmentBuilder) {
        result.headline.withUnsafeBufferPointer { text in
            headlineTokens.withUnsafeBufferPointer { builder.addTokens(field: .headline, text: text, tokens: $0) }
        }
        result.body.withUnsafeBufferPointer { text in
            bodyTokens.withUnsafeBufferPointer { builder.addTokens(field: .body, text: text, tokens: $0) }
        }
    }
}
