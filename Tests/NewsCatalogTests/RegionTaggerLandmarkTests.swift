import Foundation
import NewsCatalog
import NewsText
import Testing

/// Names of several provinces, host-run events and landmarks place the story in their provinces (at
/// half weight when the headline names others). Made-up sentences; every "not tagged" assertion has
/// a tagged control beside it.
@Suite struct RegionTaggerLandmarkTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    @Test func landmarksWithoutAPlaceNameCount() {
        #expect(provinces("林场植树造林", "塞罕坝机械林场今年计划营造混交林2万亩。") == [130000])
    }

    @Test func theSourcesOfThreeRiversLieInQinghai() {
        #expect(provinces("国家公园建设取得成效", "三江源国家公园实施系列生态修复工程，藏羚羊种群恢复到7万多只。") == [630000])
    }

    @Test func landmarksWithoutAPlaceName() {
        #expect(provinces("船闸恢复通航", "昨晚，长江三峡船闸完成年度检修，提前12小时恢复通航。") == [420000])
        #expect(provinces("十四运会筹备有序推进", "十四运会各项筹备工作有序推进，场馆建设全部完成。") == [610000])
    }

    @Test func theSupplyChainExpoIsHeldInBeijing() {
        #expect(provinces("第二届链博会开幕", "正在举行的第二届链博会参展企业数量较首届增加了20%。") == [110000])
    }

    @Test func hongKongAndMacaoTogether() {
        #expect(provinces("港澳人士：推进“一国两制”实践", "港澳各界人士表示，重要讲话鼓舞人心，港澳各界将继续奋进，积极融入国家发展大局。") == [810000, 820000])
        // As a subject of policy or in the name of an office, 港澳 places nothing.
        #expect(provinces("座谈会举行", "国务院港澳办负责人出席座谈会，与港澳台媒体记者交流，介绍港澳工作情况。").isEmpty)
        #expect(provinces("座谈会举行", "港澳各界负责人出席座谈会，介绍港澳发展情况。") == [810000, 820000])
        // The fifteenth National Games are held by Guangdong, Hong Kong and Macao.
        #expect(provinces("十五运会今天产生27枚金牌", "今天，第十五届全国运动会多个项目决出冠军。") == [440000, 810000, 820000])
    }

    @Test func gamesOfOtherProvincesAreTheBackgroundOfAStoryAboutOne() {
        let body = "黑龙江紧抓冬奥会机遇，加快把冷资源转化为热经济。这段时间，黑龙江3000多处公益冰雪活动场所人气火爆，北京冬奥会的举办更加激发了人们参与冰雪运动的热情。"
            + "此次北京冬奥会上，黑龙江有441人担任国内技术官员。北京冬奥会的举办还给黑龙江冰雪制造产业发展带来新机遇。"
            + "黑龙江大力普及冰雪运动进校园，全省有2800多所学校开设了冰雪体育课程。黑龙江还把冬奥元素用到旅游产品开发中，形成了以哈尔滨为中心的旅游圈。"
        #expect(provinces("黑龙江：紧抓冬奥机遇 把冷资源转化为热经济", body) == [230000])
        // With no other province in the headline the games place the story.
        #expect(provinces("冬奥场馆再利用 多项冰雪赛事将上演", "北京冬奥会场馆赛后持续利用，本季将承办多项国际冰雪赛事。") == [110000, 130000])
    }
}
