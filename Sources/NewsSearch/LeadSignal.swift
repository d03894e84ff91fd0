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
        // By index, through `guaranteed`: a for-in retained and released each cursor per hit.
        for i in context.units.indices {
            idf += try context.units.guaranteed(i) { u in
                if let p = try u.firstPosition(of: doc, in: .body), Int(p) < length { return u.idf }
                return 0
            }
        }
        return weight * idf
    }
}
