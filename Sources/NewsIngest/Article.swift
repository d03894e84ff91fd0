/// One clean article, as ingest hands it to the indexer.
///
/// Text fields keep the article's own characters (Traditional stays Traditional);
/// only cleaning (pinyin debris, portal footers) has been applied.
public struct Article: Equatable, Sendable {
    /// The input's `id`, else its URL, else a hash of normalized headline, date and source.
    public var id: String
    public var headline: String
    /// Paragraphs separated by "\n".
    public var body: String
    public var date: Day?
    public var source: String?
    public var url: String?
    /// Where a reprint came from (`转自：淄博日报` → `淄博日报`).
    public var reprintOrigin: String?
    /// Reporter credit (`（记者 徐勐）` → `徐勐`).
    public var author: String?
    /// Where it was read: a file path, `path:line` for JSON Lines, `-:line` for stdin.
    public var location: String
    /// Region and industry values carried by the input (validated by the catalog later).
    public var regions: [String]
    public var industries: [String]
    public var labels: [String]

    public init(
        id: String, headline: String, body: String, date: Day? = nil, source: String? = nil, url: String? = nil,
        reprintOrigin: String? = nil, author: String? = nil, location: String,
        regions: [String] = [], industries: [String] = [], labels: [String] = []
    ) {
        self.id = id
        self.headline = headline
        self.body = body
        self.date = date
        self.source = source
        self.url = url
        self.reprintOrigin = reprintOrigin
        self.author = author
        self.location = location
        self.regions = regions
        self.industries = industries
        self.labels = labels
    }
}
