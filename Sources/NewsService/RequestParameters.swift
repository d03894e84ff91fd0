import NewsSearch

/// The parameters of a request's query string, as decoded name-value pairs, read with the
/// checks and messages of the service (`limit must be between 1 and 100`).
public struct RequestParameters: Sendable {
    public var pairs: [(name: String, value: String)]

    public init(_ pairs: [(name: String, value: String)]) { self.pairs = pairs }

    /// The last value of `name` (a repeated single-valued parameter: the last one wins, as in a CLI).
    public func value(_ name: String) -> String? { pairs.last { $0.name == name }?.value }

    public func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// Refuses parameters the endpoint does not know (a typo would otherwise be ignored silently).
    func only(_ known: [String], endpoint: String) throws {
        for p in pairs where !known.contains(p.name) {
            throw ServiceError.badRequest("unknown parameter \"\(p.name)\" for \(endpoint); use: \(known.joined(separator: ", "))")
        }
    }

    func int(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = value(name) else { return fallback }
        guard let n = Int(text), range.contains(n) else {
            throw ServiceError.badRequest("\(name) must be a whole number between \(range.lowerBound) and \(range.upperBound) (got \"\(Self.clip(text))\")")
        }
        return n
    }

    func bool(_ name: String, default fallback: Bool) throws -> Bool {
        guard let text = value(name) else { return fallback }
        switch text {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw ServiceError.badRequest("\(name) must be true or false (got \"\(Self.clip(text))\")")
        }
    }

    /// A text parameter of at most `limit` characters (Unicode scalars, as the CLI counts).
    func text(_ name: String, limit: Int) throws -> String? {
        guard let v = value(name) else { return nil }
        try Self.check(v, name: name, limit: limit)
        return v
    }

    static func check(_ v: String, name: String, limit: Int) throws {
        let n = v.unicodeScalars.count
        if n > limit { throw ServiceError.badRequest("\(name): the value has \(n) characters; at most \(limit) are allowed") }
    }

    /// A value for a message: at most 40 characters.
    static func clip(_ s: String) -> String { s.count > 40 ? String(s.prefix(40)) + "…" : s }

    /// The ranking knobs by their names here (`headline_boost`).
    static let knobNames: [(name: String, knob: RankingKnob)] = RankingKnob.allCases.map { ($0.rawValue.replacingUnderscores, $0) }

    /// `Ranking` with the knobs the request sets.
    func ranking() throws -> Ranking {
        var ranking = Ranking()
        for (name, knob) in Self.knobNames {
            guard let text = value(name) else { continue }
            guard let x = Double(text), x.isFinite else {
                throw ServiceError.badRequest("\(name) must be a number (got \"\(Self.clip(text))\")")
            }
            do { try knob.set(x, in: &ranking) } catch let e as RankingKnob.Error { throw ServiceError.badRequest(e.message(name: name)) }
        }
        return ranking
    }
}

private extension String {
    var replacingUnderscores: String { String(map { $0 == "-" ? "_" : $0 }) }
}
