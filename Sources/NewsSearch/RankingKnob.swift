/// One numeric knob of `Ranking` as a front end names it (`news-search --k1`, the service's
/// `k1=`), with the range of values that makes sense, so that every front end accepts and
/// refuses the same values with the same message.
public enum RankingKnob: String, CaseIterable, Sendable {
    case k1
    case b
    case headlineBoost = "headline-boost"
    case leadWeight = "lead-weight"
    case leadLength = "lead-length"
    case leadDepth = "lead-depth"
    case coverageWeight = "coverage-weight"
    case numberWeight = "number-weight"
    case boundaryWeight = "boundary-weight"
    case frameWeight = "frame-weight"

    /// The values allowed (NaN is in no range).
    public var range: ClosedRange<Double> {
        switch self {
        case .k1: 0 ... 100
        case .b: 0 ... 1
        case .leadLength: 0 ... 100_000
        case .leadDepth: 0 ... 10_000
        default: 0 ... 1000
        }
    }

    /// Whether the knob counts something (characters, results) and takes whole numbers only.
    public var isWhole: Bool { self == .leadLength || self == .leadDepth }

    /// The knob's value in `ranking` (a signal's weight is 0 when the ranking lacks the signal).
    public func value(in ranking: Ranking) -> Double {
        switch self {
        case .k1: ranking.k1
        case .b: ranking.b
        case .headlineBoost: ranking.headlineBoost
        case .leadWeight: ranking.signal(LeadSignal.self)?.weight ?? 0
        case .leadLength: Double(ranking.signal(LeadSignal.self)?.length ?? LeadSignal().length)
        case .leadDepth: Double(ranking.leadDepth)
        case .coverageWeight: ranking.signal(CoverageSignal.self)?.weight ?? 0
        case .numberWeight: ranking.signal(NumberSignal.self)?.weight ?? 0
        case .boundaryWeight: ranking.boundaryWeight
        case .frameWeight: ranking.frameWeight
        }
    }

    /// Sets the knob in `ranking`.
    /// - Throws: `RankingKnob.Error` when `value` is outside `range`, or not whole where it must be.
    public func set(_ value: Double, in ranking: inout Ranking) throws {
        guard range.contains(value), !isWhole || value == value.rounded() else {
            throw Error(knob: self, value: value)
        }
        switch self {
        case .k1: ranking.k1 = value
        case .b: ranking.b = value
        case .headlineBoost: ranking.headlineBoost = value
        case .leadWeight: ranking.use(LeadSignal(weight: value, length: ranking.signal(LeadSignal.self)?.length ?? LeadSignal().length))
        case .leadLength: ranking.use(LeadSignal(weight: ranking.signal(LeadSignal.self)?.weight ?? LeadSignal().weight, length: Int(value)))
        case .leadDepth: ranking.leadDepth = Int(value)
        case .coverageWeight: ranking.use(CoverageSignal(weight: value))
        case .numberWeight: ranking.use(NumberSignal(weight: value))
        case .boundaryWeight: ranking.boundaryWeight = value
        case .frameWeight: ranking.frameWeight = value
        }
    }

    /// A value outside a knob's range; `description` names the knob as `name` (`--k1`, `k1`).
    public struct Error: Swift.Error, Equatable, CustomStringConvertible {
        public var knob: RankingKnob
        public var value: Double

        public init(knob: RankingKnob, value: Double) {
            self.knob = knob
            self.value = value
        }

        public func message(name: String) -> String {
            let (low, high) = (Self.short(knob.range.lowerBound), Self.short(knob.range.upperBound))
            return knob.isWhole ? "\(name) must be a whole number between \(low) and \(high) (got \(Self.short(value)))"
                : "\(name) must be a number from \(low) to \(high) (got \(Self.short(value)))"
        }

        public var description: String { message(name: knob.rawValue) }

        /// 1000 rather than 1000.0 in a message.
        static func short(_ x: Double) -> String { x.isFinite && x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }
    }
}
