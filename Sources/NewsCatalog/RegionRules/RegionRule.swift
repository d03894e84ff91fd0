/// One rule of the region tagger: what it decides about a mention, where it looks, and
/// minimal pairs that show it firing and not firing.
///
/// Every example names one province. Where a rule fires, the effect decides what happens
/// to that province: a rule that takes a place away (`notAPlace`, `venue`) or weighs it down
/// (`background`, `bare`) leaves it untagged; a `topic` rule gets it tagged. Where the rule
/// does not fire (the other half of each pair, a word or two changed), the opposite holds.
/// `RegionRuleExampleTests` runs every example of `RegionRules.all` through the real tagger.
public struct RegionRule: Sendable {
    /// What a rule does to the mention it fires on.
    public enum Effect: String, Sendable {
        /// The words hold a place's name without naming a place of the story: the mention is skipped.
        case notAPlace
        /// The place is only where a gathering, a meeting of leaders or a test happened: skipped.
        case venue
        /// The place is named about someone or something else (a title, a quote, a destination):
        /// it weighs as a listed place and is no topic.
        case background
        /// The place is in a bare list or a forecast: it adds weight but makes no province
        /// salient on its own and places nothing in context.
        case bare
        /// The place is what its sentence is about: it weighs at least `RegionTagger.topicWeight`
        /// and keeps its province beside a heavier one.
        case topic

        /// Whether the example's province is tagged where a rule of this effect fires.
        public var tagsWhereItFires: Bool { self == .topic }
    }

    /// A made-up article and the province it is about.
    public struct Example: Sendable, CustomStringConvertible {
        public let headline: String
        public let body: String
        public let province: Int32
        public init(_ headline: String, _ body: String, province: Int32) {
            self.headline = headline
            self.body = body
            self.province = province
        }
        public var description: String { "\(province) in \(headline) | \(body)" }
    }

    /// A stable name, used in tests and in `RegionTagger.explain`-style diagnostics.
    public let id: String
    public let effect: Effect
    /// Where the rule looks, relative to the mention (the words before it, after it, its clause …).
    public let looksAt: String
    /// The rule in one sentence.
    public let summary: String
    /// Articles where the rule fires on the example's province.
    public let fires: [Example]
    /// The same articles with the rule's words changed, where it does not.
    public let doesNotFire: [Example]
    /// For rules that skip a name during the scan: whether the rule fires on `site`.
    let skips: (@Sendable (RegionTagger, MentionSite) -> Bool)?
    /// For `background` and `bare` rules that look only around the name: whether the rule fires
    /// on `site`. Nil for rules that need the scan's state (lists, forecasts, titles) and for
    /// phrases blanked before the scan; those are applied in `RegionTagger.scan` itself.
    let marks: (@Sendable (RegionTagger, MentionSite) -> Bool)?

    init(_ id: String, _ effect: Effect, looksAt: String, _ summary: String,
         fires: [Example], doesNotFire: [Example], skips: (@Sendable (RegionTagger, MentionSite) -> Bool)? = nil,
         marks: (@Sendable (RegionTagger, MentionSite) -> Bool)? = nil) {
        self.id = id
        self.effect = effect
        self.looksAt = looksAt
        self.summary = summary
        self.fires = fires
        self.doesNotFire = doesNotFire
        self.skips = skips
        self.marks = marks
    }
}

/// A place name found by the scan, with what the skipping rules look at around it.
struct MentionSite {
    let buf: UnsafeBufferPointer<UInt16>
    /// The name is at `start ..< end`; `term` is its lexicon term.
    let start: Int
    let end: Int
    let term: Int
    /// The place named right before, in the same run (山东青岛): its term, -1 when none.
    let previousTerm: Int
    /// Where the run of places this one belongs to began.
    let runFrom: Int
    /// Where the 在 before the run stands, -1 when none opens it.
    let venueFrom: Int
}
