import NewsIngest

/// The displayable fields of an article, as kept in `.store`.
public struct StoredArticle: Equatable, Sendable {
    public var headline: String
    public var body: String
    public var source: String
    public var url: String
    public var author: String
    public var reprintOrigin: String
    public var location: String

    public init(headline: String, body: String, source: String = "", url: String = "", author: String = "",
                reprintOrigin: String = "", location: String = "") {
        self.headline = headline
        self.body = body
        self.source = source
        self.url = url
        self.author = author
        self.reprintOrigin = reprintOrigin
        self.location = location
    }

    public init(_ a: Article) {
        self.init(headline: a.headline, body: a.body, source: a.source ?? "", url: a.url ?? "", author: a.author ?? "",
                  reprintOrigin: a.reprintOrigin ?? "", location: a.location)
    }
}

/// The columns of one document (FORMAT.md "Columns").
public struct DocumentColumns: Equatable, Sendable {
    public var id: String
    public var date: Int32?
    public var headlineLength: UInt32
    public var bodyLength: UInt32
    public var cluster: UInt64
    public var regions: [Int32]
    public var industries: [Int32]
    /// The reprint sketch (`Fingerprint.hashes`), empty when the body was too short.
    public var sketch: [UInt32]

    public init(id: String, date: Int32? = nil, headlineLength: UInt32 = 0, bodyLength: UInt32 = 0, cluster: UInt64 = 0,
                regions: [Int32] = [], industries: [Int32] = [], sketch: [UInt32] = []) {
        self.id = id
        self.date = date
        self.headlineLength = headlineLength
        self.bodyLength = bodyLength
        self.cluster = cluster
        self.regions = regions
        self.industries = industries
        self.sketch = sketch
    }
}
