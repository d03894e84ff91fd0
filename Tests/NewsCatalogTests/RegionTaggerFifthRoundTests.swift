import NewsCatalog
import NewsText
import Testing

/// The fifth tagging round, beside meeting venues (`RegionTaggerVenueTests`): words that are
/// also districts of Taiwan, where someone returns to, warships named after cities. Made-up sentences.
@Suite struct RegionTaggerFifthRoundTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    @Test func peaceBesideAPassingMentionOfTaiwanIsNoDistrictOfTaichung() {
        // 和平 is also Taichung's 和平区: a passing mention of Taiwan must not make every 和平 a place there.
        let body = "纪念大会今天上午举行。中央有关部门负责同志、台湾同胞代表等出席。与会者表示，要推进两岸关系和平发展，维护世界和平，为和平统一作出贡献。"
        #expect(provinces("某某纪念大会举行", body).isEmpty)
        // Beside Taiwan in its sentence, the district still counts.
        #expect(provinces("台中山区强降雨", "台湾台中和平山区今天出现强降雨，台湾台中和平多处道路中断。") == [710000])
    }

    @Test func whereAFleetReturnsToIsNoPlaceOfTheStory() {
        let body = "央视网消息：\n某某集团推出便民举措\n某某集团今天推出十项便民举措。\n海军某批护航编队今天返回湛江\n今天上午，海军某批护航编队圆满完成护航任务，返回广东湛江某军港。"
        #expect(provinces("国内联播快讯", body).isEmpty)
    }

    @Test func aWarshipNamedAfterACityIsNoPlace() {
        let body = "央视网消息：\n某某集团推出便民举措\n某某集团今天推出十项便民举措。\n海军某批护航编队启航\n今天上午，由南宁舰、岳阳舰组成的海军某批护航编队启航。"
        #expect(provinces("国内联播快讯", body).isEmpty)
    }
}
