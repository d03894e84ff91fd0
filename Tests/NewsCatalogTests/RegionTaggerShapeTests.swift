import Foundation
import NewsCatalog
import NewsText
import Testing

/// The kind of story: foreign stories (a country in the headline, 当地时间 in the lead; not inside
/// quotes, not 中东部) and the lead of a story with short subheadings. Made-up sentences; every "not
/// tagged" assertion has a tagged control beside it.
@Suite struct RegionTaggerShapeTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    @Test func aCountryInsideAQuotedNameIsNoForeignStory() {
        // 加沙 inside the typhoon's name must not make this a story about other countries.
        let body = "台风“桦加沙”今天在广东阳江登陆。" + filler + "在海南，海口美兰机场部分航班取消。在广西，北海涠洲岛游客完成疏运。"
        #expect(provinces("各地积极应对台风“桦加沙”", body).isSuperset(of: [440000, 460000, 450000]))
    }

    @Test func centralAndEasternChinaIsNoMiddleEast() {
        // 中东部 holds 中东 (the Middle East); the headline must not make this a foreign story.
        let body = "受冷空气影响，山西连续发布暴雪预警，多地降温超过20℃。陕西多地也出现降雪，延安局地达到暴雪级别。"
        #expect(provinces("冷空气影响继续 中东部大范围降温", body) == [140000, 610000])
    }

    @Test func theLeadBeforeShortSubheadingsWeighsAsALead() {
        // Short lines without a full stop look like the item headlines of a bulletin; the text
        // before the first of them is still the article's lead.
        let body = "央视网消息：北京冬奥会短道速滑比赛昨晚继续进行。\n中国队夺得一枚铜牌\n在女子1000米比赛中，中国选手第三个冲过终点线。\n男子500米无缘奖牌\n在男子500米比赛中，中国选手无缘奖牌。"
        #expect(provinces("冬奥会赛况", body) == [110000, 130000])
    }

    @Test func localTimeSetsTheStoryAbroad() {
        let body = "当地时间10日上午，代表团在安州参观了一座纪念馆。"
        #expect(provinces("代表团参观纪念馆", body).isEmpty)
        #expect(provinces("代表团参观纪念馆", "10日上午，代表团在延安参观了一座纪念馆。") == [610000])
        // A Chinese place in the headline still counts.
        #expect(provinces("四川大熊猫抵达某国", "当地时间16日，一对大熊猫抵达某国首都，将在当地生活十年。") == [510000])
    }
}
