import NewsCatalog
import NewsText
import Testing

/// Runs every example of the rule table (`RegionRules.all`) through the real tagger with the
/// real catalog: where a rule fires, its effect decides whether the example's province is
/// tagged; in the minimal pair where it does not fire, the opposite holds. So every "not
/// tagged" example has a "tagged" one beside it, and a tagger that returns nothing fails.
@Suite struct RegionRuleExampleTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    /// One example of one rule, and whether the rule fires on it.
    struct Case: Sendable, CustomTestStringConvertible {
        let rule: RegionRule
        let example: RegionRule.Example
        let fires: Bool
        var testDescription: String { "\(rule.id) \(fires ? "fires" : "does not fire"): \(example)" }
        /// Whether the example's province must be tagged.
        var tagged: Bool { fires == rule.effect.tagsWhereItFires }
    }

    static let cases: [Case] = RegionRules.all.flatMap { rule in
        rule.fires.map { Case(rule: rule, example: $0, fires: true) } + rule.doesNotFire.map { Case(rule: rule, example: $0, fires: false) }
    }

    @Test(arguments: cases) func ruleExample(_ c: Case) {
        let tagged = provinces(c.example.headline, c.example.body)
        #expect(tagged.contains(c.example.province) == c.tagged,
                "\(c.rule.id): \(c.example.province) \(c.tagged ? "should" : "should not") be tagged; got \(tagged.sorted())")
    }

    @Test func everyRuleHasAMinimalPairAndAUniqueID() {
        #expect(Set(RegionRules.all.map(\.id)).count == RegionRules.all.count)
        for rule in RegionRules.all {
            #expect(!rule.fires.isEmpty && !rule.doesNotFire.isEmpty, "\(rule.id) needs examples that fire and that do not")
        }
    }
}
