import NewsCatalog
import NewsText
import Testing

/// The fifth tagging round, beside meeting venues: words that are also districts of Taiwan.
@Suite struct RegionTaggerTaiwanWordTests {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws {
        tagger = RegionTagger(catalog: try RegionCatalog.shared())
        segmenter = try WordSegmenter()
    }

    func provinces(_ headline: String, _ body: String) -> Set<Int32> {
        Set(tagger.tag(headline: headline, body: body, segmenter: segmenter).map { tagger.catalog.province(of: $0) })
    }

    @Test func peaceBesideAPassingMentionOfTaiwanIsNoDistrictOfTaichung() {
        // 和平 is also Taichung's 和平区: a passing mention of Taiwan must not make every 和平 a place there.
        let body = "纪念大会今天上午举行。中央有关部门负责同志、台湾同胞代表等出席。与会者表示，要推进两岸关系和平发展，维护世界和平，为和平统一作出贡献。"
        #expect(provinces("某某纪念大会举行", body).isEmpty)
        // Beside Taiwan in its sentence, the district still counts.
        #expect(provinces("台中山区强降雨", "台湾台中和平山区今天出现强降雨，台湾台中和平多处道路中断。") == [710000])
    }
}
