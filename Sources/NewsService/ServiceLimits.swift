/// What the service refuses or cuts short, so that no request can take the machine: the
/// same query and filter lengths as `news-search`, a result window, a request time and a
/// bound on the searches that run at once.
public struct ServiceLimits: Sendable {
    /// Characters (Unicode scalars) of a query, as `news-search` allows.
    public var maxQueryLength = 1000
    /// Characters of one filter value (no region or industry name is near it).
    public var maxFilterLength = 100
    /// Filter values of one kind (`region=` repeated).
    public var maxFilterValues = 50
    /// Results of one page.
    public var maxLimit = 100
    /// How deep paging goes: `offset + limit` at most this (a search ranks that many).
    public var maxWindow = 10_000
    /// Characters of an article id.
    public var maxIDLength = 1000
    /// Searches that run at once; each has a searcher of its own (see `Snapshot`).
    public var workers = 4
    /// Bytes of inflated stored articles a snapshot keeps for reuse (`StoreBlockCache`): the
    /// articles shown most stay at hand instead of costing a 64 KiB block inflated each time.
    public var storeCacheBytes = 64 << 20
    /// Bytes under which a snapshot keeps the totals it counted and the ranked pages it made
    /// (`SnapshotCache`: keys and values; 0 keeps none).
    public var totalCacheBytes = 4 << 20
    public var pageCacheBytes = 8 << 20
    /// Requests that wait for a free worker beyond those; more are answered 503 at once.
    public var maxWaiting = 512
    /// Seconds a request may take, waiting included, before it is answered 503.
    public var requestSeconds = 10.0

    public init() {}
}
