/// The lead: news puts what a story is about first (the inverted pyramid), so every
/// query unit whose first body occurrence lies within the first `length` characters
/// of the normalized body adds `weight` × its idf.
public struct LeadSignal: RerankSignal {
    /// The weight of a unit's idf; 0 turns the signal off.
    public var weight = 0.5
    /// Characters (UTF-16 units of the normalized body) that make the lead.
    public var length = 120

    public init() {}

    public init(weight: Double, length: Int) {
        self.weight = weight
        self.length = length
    }

    public var isOn: Bool { weight > 0 }

    public func bonus(for doc: Int32, in context: RerankContext) throws -> Double? {
        var idf = 0.0
        for u in context.units {
            if let p = try u.firstPosition(of: doc, in: .body), Int(p) < length { idf += u.idf }
        }
        return weight * idf
    }
}
