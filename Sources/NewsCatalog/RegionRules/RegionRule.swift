/// One rule of the region tagger: what it decides about a mention, where it looks, how the
/// tagger applies it, and minimal pairs that show it firing and not firing.
///
/// Every example names one province. Where a rule fires, the effect decides what happens
/// to that province: a rule that takes a place away (`notAPlace`, `venue`, `needsContext`,
/// `story`) or weighs it down (`background`, `bare`) leaves it untagged; a `topic`,
/// `prominent` or `names` rule gets it tagged. Where the rule does not fire (the other half
/// of each pair, a word or two changed), the opposite holds. `RegionRuleExampleTests` runs
/// every example of `RegionRules.all` through the real tagger.
public struct RegionRule: Sendable {
    /// What a rule does to the mention it fires on.
    public enum Effect: String, Sendable {
        /// The words hold a place's name without naming a place of the story: the mention is skipped.
        case notAPlace
        /// The place is only where a gathering, a meeting of leaders or a test happened: skipped.
        case venue
        /// The name counts only beside a confident mention of its parent (in its bulletin item, or
        /// in its sentence): where the rule fires and no parent is near, it counts for nothing.
        case needsContext
        /// The place is named about someone or something else (a title, a quote, a destination):
        /// it weighs as a listed place and is no topic.
        case background
        /// The place is in a bare list or a forecast: it adds weight but makes no province
        /// salient on its own and places nothing in context.
        case bare
        /// The place is what its sentence is about: it weighs at least `RegionTagger.topicWeight`
        /// and keeps its province beside a heavier one.
        case topic
        /// The place reports something of its own: it weighs at least `RegionTagger.topicWeight`,
        /// but keeps no province beside a heavier one.
        case prominent
        /// Words that hold no place's name, or several at once, name provinces of the story
        /// (京津冀, 北京冬奥, 塞罕坝).
        case names
        /// The kind of article (about other countries, a tour of the whole country) makes its
        /// provinces need more weight than a place of an ordinary story.
        case story

        /// Whether the example's province is tagged where a rule of this effect fires.
        public var tagsWhereItFires: Bool { self == .topic || self == .prominent || self == .names }
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

    /// How the tagger applies a rule, and so where it stands in the precedence of `RegionRules`.
    enum Application: Sendable {
        /// The rule's phrases are blanked, or counted as provinces, in the whole field before any
        /// name is looked for (`RegionTagger.scanField`).
        case beforeScan
        /// Tried on each name the scan finds, in table order; the first that fires skips the name.
        case skips(@Sendable (RegionTagger, MentionSite) -> Bool)
        /// Tried on each name kept, in table order, to weigh it (`RegionRules.weigh`).
        case weighs(@Sendable (RegionTagger, MentionSite) -> Bool)
        /// Tried on each name kept: whether the mention counts only beside its parent.
        case needsParent(@Sendable (RegionTagger, MentionSite) -> Bool)
        /// Tried on each name kept: whether the mention is a piece of another word and counts for
        /// nothing (it is still seen among the headline's names, as a name that does not line up is).
        case unaligns(@Sendable (RegionTagger, MentionSite) -> Bool)
        /// Asked about a short name when names resolve: whether it counts only beside its parent.
        case shortNameNeedsParent(@Sendable (String) -> Bool)
        /// Asked, for each short name of that kind (`shortNameNeedsParent`), about the regions it may
        /// name: whether its parent must be in the same sentence rather than the same item.
        case parentInSentence(@Sendable (RegionCatalog, [Int]) -> Bool)
        /// How the scan walks or how provinces are selected; the summary says where. It has
        /// examples like any rule, but no predicate to ask.
        case structural
    }

    /// A stable name, used in tests and diagnostics.
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
    let application: Application

    init(_ id: String, _ effect: Effect, looksAt: String, _ summary: String,
         fires: [Example], doesNotFire: [Example], _ application: Application) {
        self.id = id
        self.effect = effect
        self.looksAt = looksAt
        self.summary = summary
        self.fires = fires
        self.doesNotFire = doesNotFire
        self.application = application
    }
}

/// A place name kept by the scan, with what the rules look at around it: its place in the run
/// of places and in a list, and the state of the scan (a forecast going on).
struct MentionSite {
    let buf: UnsafeBufferPointer<UInt16>
    /// The name is at `start ..< end`; `term` is its lexicon term.
    let start: Int
    let end: Int
    let term: Int
    /// The place named right before, in the same run (山东青岛): its term, -1 when none.
    let previousTerm: Int
    /// Where the name found before this one ended, -1 when none.
    let previousEnd: Int
    /// Where the run of places this one belongs to began.
    let runFrom: Int
    /// Where the 在 before the run stands, -1 when none opens it.
    let venueFrom: Int
    /// Where the name's parts end (山东西北部: after 西北部); `end` when none follows.
    let tail: Int
    /// Where a list that the name belongs to is looked at for what closes it: past the rest of
    /// its run when the run goes on into a list of other provinces (`runsIntoList`), else `tail`.
    let listFrom: Int
    /// Whether the name stands in a list: after or before 、, or paired by 和, 与, 及.
    let listed: Bool
    /// Whether the name's run goes on into a list through a place of another province
    /// (新疆吐鲁番、陕西关中等地).
    let runsIntoList: Bool
    /// Whether the name is an end of a route (北京—成都, 广州往返珠海).
    let routed: Bool
    /// Whether the scan is inside a weather service's forecast (…预计，… to the end of the paragraph).
    let inForecast: Bool
}
