import Testing
import NewsSearch

/// The ranking knobs every front end reads by name: values land where the ranking reads them,
/// and values out of range are refused with the CLI's wording.
@Suite struct RankingKnobTests {
    @Test func everyKnobSetsTheValueItReads() throws {
        for knob in RankingKnob.allCases {
            var ranking = Ranking()
            let value = knob.isWhole ? 7.0 : 0.25
            try knob.set(value, in: &ranking)
            #expect(knob.value(in: ranking) == value, "\(knob)")
            // The other knobs keep their defaults.
            for other in RankingKnob.allCases where other != knob && !(knob == .leadWeight && other == .leadLength) {
                #expect(other.value(in: ranking) == other.value(in: Ranking()), "\(knob) moved \(other)")
            }
        }
    }

    @Test func outOfRangeValuesAreRefusedWithTheirRange() {
        var ranking = Ranking()
        #expect(throws: RankingKnob.Error(knob: .k1, value: -1)) { try RankingKnob.k1.set(-1, in: &ranking) }
        #expect(RankingKnob.Error(knob: .k1, value: -1).message(name: "--k1") == "--k1 must be a number from 0 to 100 (got -1)")
        #expect(throws: RankingKnob.Error.self) { try RankingKnob.b.set(.nan, in: &ranking) }
        #expect(throws: RankingKnob.Error.self) { try RankingKnob.leadDepth.set(2.5, in: &ranking) }
        #expect(RankingKnob.Error(knob: .leadDepth, value: 2.5).description == "lead-depth must be a whole number between 0 and 10000 (got 2.5)")
        #expect(ranking.k1 == Ranking().k1)
    }
}
