import Foundation
import NewsCatalog
import NewsText
import Testing

/// The rules of the fourth tagging round (issue 4), one test each, on made-up sentences.
@Suite struct RegionTaggerRulesTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    /// Filler that pushes what follows out of the lead.
    let filler = String(repeating: "会议听取了有关工作情况的汇报，审议了有关事项，对下一步工作作出部署。", count: 4)

    @Test func countyShortNamesThatAreOrdinaryWordsNeedContext() {
        // 兴国 (Jiangxi), 天涯 (Sanya), 莲花 (Jiangxi), 大邑 (Chengdu), 濠江 (Shantou).
        #expect(provinces("文化兴国", "文化兴国运兴，天涯共此时。").isEmpty)
        #expect(provinces("节目上线播出", "节目在莲花时报、濠江日报等媒体上线。").isEmpty)
        #expect(provinces("走进殷墟", "殷墟是三千多年前的大邑商。").isEmpty)
    }

    @Test func aCountryInsideAQuotedNameIsNoForeignStory() {
        // 加沙 inside the typhoon's name must not make this a story about other countries.
        let body = "台风“桦加沙”今天在广东阳江登陆。" + filler + "在海南，海口美兰机场部分航班取消。在广西，北海涠洲岛游客完成疏运。"
        #expect(provinces("各地积极应对台风“桦加沙”", body).isSuperset(of: [440000, 460000, 450000]))
    }

    @Test func aPartOfAPlaceStaysInItsList() {
        #expect(provinces("夏粮收购开局良好", "河南北部、山东西北部地区和河北省小麦收购正在展开。").isEmpty)
    }

    @Test func theTaiwanQuestionIsNoPlace() {
        #expect(provinces("外交部发言人发表谈话", "台湾问题是中国核心利益中的核心。中方坚决反对美台官方往来。").isEmpty)
        #expect(provinces("东部战区开展联合军事行动", "东部战区在台岛周边开展联合军事行动。") == [710000])
    }

    @Test func anOfficialsTitleIsNotTheTopic() {
        #expect(provinces("全国人大会议开幕", filler + "香港特别行政区行政长官李家超列席会议。").isEmpty)
    }

    @Test func landmarksWithoutAPlaceNameCount() {
        #expect(provinces("林场植树造林", "塞罕坝机械林场今年计划营造混交林2万亩。") == [130000])
    }

    @Test func whateverHappensInBeijingHappensAtTheCapitalsVenues() {
        #expect(provinces("遗体在京火化", "某同志的遗体9日在北京八宝山革命公墓火化。").isEmpty)
        #expect(provinces("代表团成立", "即将出征的中国体育代表团今天在北京成立。").isEmpty)
        // 在北京，… still frames a report about Beijing.
        #expect(provinces("各地迎新春", filler + "在北京，长城景区首次开放夜游。") == [110000])
    }

    @Test func foreignStatesEndingInACitysShortNameAreNoPlaces() {
        // 别尔哥罗德州 holds 德州 (Shandong), 佛罗里达州 达州 (Sichuan), 马里兰州 兰州 (Gansu).
        #expect(provinces("无人机遭击落", "当天在别尔哥罗德州击落一架无人机。").isEmpty)
        #expect(provinces("飓风登陆", "飓风在佛罗里达州登陆，马里兰州也受影响。").isEmpty)
        // 俄称…乌称… headlines are about the war abroad.
        #expect(provinces("俄称击落无人机 乌称击退进攻", "双方交火持续。济南一家工厂的设备被提及。").isEmpty)
    }
}
