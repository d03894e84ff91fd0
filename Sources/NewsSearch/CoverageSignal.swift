/// The headline's coverage: an article whose headline is mostly the query is about it,
/// so the share of the headline's tokens that are query terms, times the idf of the
/// query terms found there, is added `weight` times.
public struct CoverageSignal: RerankSignal {
    /// The weight of the covered share × idf; 0 turns the signal off.
    public var weight = 2.0

    public init() {}

    public init(weight: Double) { self.weight = weight }

    public var isOn: Bool { weight > 0 }

    public func bonus(for doc: Int32, in context: RerankContext) throws -> Double? {
        let length = context.segment.length(Int(doc), .headline)
        guard length > 0 else { return nil }
        var matched: UInt64 = 0, idf = 0.0
        // By index, through `guaranteed`: a for-in retained and released each cursor per hit.
        for i in context.terms.indices {
            let (f, termIdf) = try context.terms.guaranteed(i) { t in (try t.frequency(of: doc, in: .headline), t.idf) }
            if f > 0 { matched += f; idf += termIdf }
        }
        return weight * min(1, Double(matched) / Double(length)) * idf
    }
}
