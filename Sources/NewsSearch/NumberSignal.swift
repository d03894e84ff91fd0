/// The query's numbers and Latin tokens (a code, a name: 5G, VV993): reports that recur
/// (a yearly session, quarterly growth) differ mostly in their numbers (第54届 against
/// 第52届, 5.3% against 5.4%), which BM25 weighs little beside the many words they share.
/// Each one an article holds, in either field, adds `weight` × its idf.
public struct NumberSignal: RerankSignal {
    /// The weight of a number's idf; 0 turns the signal off.
    public var weight = 2.0

    public init() {}

    public init(weight: Double) { self.weight = weight }

    public var isOn: Bool { weight > 0 }

    public func bonus(for doc: Int32, in context: RerankContext) throws -> Double? {
        var idf = 0.0
        for n in context.numbers where try n.frequency(of: doc, in: .body) > 0 || n.frequency(of: doc, in: .headline) > 0 {
            idf += n.idf
        }
        return weight * idf
    }
}
