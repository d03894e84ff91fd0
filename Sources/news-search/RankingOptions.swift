import ArgumentParser
import NewsSearch

/// The ranking knobs (`--k1` … `--frame-weight`), each defaulting to `Ranking`'s value;
/// `ranking` builds the `Ranking` they describe.
struct RankingOptions: ParsableArguments {
    @Option(help: "BM25 k1.") var k1: Double = Ranking().k1
    @Option(help: "BM25 b.") var b: Double = Ranking().b
    @Option(name: .customLong("headline-boost"), help: "Weight of headline matches.") var headlineBoost: Double = Ranking().headlineBoost
    @Option(name: .customLong("lead-weight"), help: "Weight (× idf) of query terms found in the first --lead-length characters of the body (0 = off).")
    var leadWeight: Double = LeadSignal().weight
    @Option(name: .customLong("lead-length"), help: "Characters of the body that make its lead.") var leadLength: Int = LeadSignal().length
    @Option(name: .customLong("lead-depth"), help: "How many top results the lead and the headline's coverage re-order.") var leadDepth: Int = Ranking().leadDepth
    @Option(name: .customLong("coverage-weight"), help: "Weight (× idf) of the share of a headline that the query covers (0 = off).")
    var coverageWeight: Double = CoverageSignal().weight
    @Option(name: .customLong("number-weight"), help: "Weight (× idf) of the query's numbers and Latin tokens an article holds (0 = off).")
    var numberWeight: Double = NumberSignal().weight
    @Option(name: .customLong("boundary-weight"), help: "Weight of a query bigram that crosses a word boundary in a run of five or more characters (国总 of 德国总理将访华; 1 = off).")
    var boundaryWeight: Double = Ranking().boundaryWeight
    @Option(name: .customLong("frame-weight"), help: "Weight of a query term found only inside 【】 or 〖〗 when others are outside (a column's name before a headline; 1 = off).")
    var frameWeight: Double = Ranking().frameWeight

    /// The options as parsing gives them when none is given (`NewsSearchCommand.plainQuery`;
    /// debug builds check it against parsing).
    static var unset: RankingOptions {
        var o = RankingOptions()
        o.k1 = Ranking().k1
        o.b = Ranking().b
        o.headlineBoost = Ranking().headlineBoost
        o.leadWeight = LeadSignal().weight
        o.leadLength = LeadSignal().length
        o.leadDepth = Ranking().leadDepth
        o.coverageWeight = CoverageSignal().weight
        o.numberWeight = NumberSignal().weight
        o.boundaryWeight = Ranking().boundaryWeight
        o.frameWeight = Ranking().frameWeight
        return o
    }

    /// The spellings of the options that take a number.
    static let numericNames = ["k1", "b", "headline-boost", "lead-weight", "lead-length", "lead-depth", "coverage-weight",
                               "number-weight", "boundary-weight", "frame-weight"]

    var ranking: Ranking {
        var r = Ranking()
        r.k1 = k1
        r.b = b
        r.headlineBoost = headlineBoost
        r.leadDepth = leadDepth
        r.boundaryWeight = boundaryWeight
        r.frameWeight = frameWeight
        r.signals = [LeadSignal(weight: leadWeight, length: leadLength), NumberSignal(weight: numberWeight),
                     CoverageSignal(weight: coverageWeight)]
        return r
    }

    /// Finite numbers in ranges that make sense (NaN fails every range). Called by the
    /// command's `validate()`, after its own checks of the paging options.
    func check() throws {
        let weights: [(String, Double, ClosedRange<Double>)] = [
            ("--k1", k1, 0 ... 100), ("--b", b, 0 ... 1), ("--headline-boost", headlineBoost, 0 ... 1000),
            ("--lead-weight", leadWeight, 0 ... 1000), ("--coverage-weight", coverageWeight, 0 ... 1000),
            ("--number-weight", numberWeight, 0 ... 1000), ("--boundary-weight", boundaryWeight, 0 ... 1000),
            ("--frame-weight", frameWeight, 0 ... 1000),
        ]
        for (name, value, range) in weights where !range.contains(value) {
            throw ValidationError("\(name) must be a number from \(range.lowerBound.shortText) to \(range.upperBound.shortText) (got \(value))")
        }
        for (name, value, range) in [("--lead-length", leadLength, 0 ... 100_000), ("--lead-depth", leadDepth, 0 ... 10_000)]
            where !range.contains(value) {
            throw ValidationError("\(name) must be between \(range.lowerBound) and \(range.upperBound) (got \(value))")
        }
    }
}

private extension Double {
    /// 1000 rather than 1000.0 in a message.
    var shortText: String { self == rounded() ? String(Int(self)) : String(self) }
}
