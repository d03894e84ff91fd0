import NewsCatalog
import NewsText
import Testing

/// The eighth tagging round: birthplaces, bare lists that go on through a place of another
/// province or close with 多地, provinces' short names inside other words, and venues that are
/// attended (在大连出席…论坛), named after their town (博鳌亚洲论坛) or where a national or
/// international body releases something. Made-up sentences.
@Suite struct RegionTaggerEighthRoundTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    @Test func aBirthplaceIsBackground() {
        let body = "1932年，某某出生于辽宁昌图一个贫寒的农家。后来他投身导弹和火箭的研发，一干就是三十年，为国家航天事业作出重要贡献。"
        #expect(provinces("勋章获得者某某：国家的需要就是理想", body).isEmpty)
        // Where the story happens still counts beside it.
        #expect(provinces("勋章获得者某某", body + "在四川绵阳，他带领团队攻克了一个又一个难题。") == [510000])
    }

    @Test func aListGoesOnThroughAPlaceOfAnotherProvince() {
        let rain = "昨天，四川成都市中心城区出现强降雨，消防部门立即转移被困群众。"
        #expect(provinces("多地积极应对降雨天气", rain + "今天，新疆吐鲁番、陕西关中等地局地气温达40℃以上。") == [510000])
        // A province that frames a list of its own parts is the topic.
        #expect(provinces("多地积极应对降雨天气", "受持续暴雨影响，江西赣州龙南、寻乌等地出现积水险情，当地组织抢险力量开展排涝。").contains(360000))
        // 多地 closes a list as 等地 does.
        #expect(provinces("冷空气影响接近尾声", "受冷空气影响，连日来，山西朔州、河北崇礼、内蒙古、吉林多地出现降雪天气。").isEmpty)
    }

    @Test func aProvinceShortNameInsideOtherWordsIsNoPlace() {
        #expect(provinces("春节团拜会举行", "一年来，我们隆重庆祝新中国成立75周年，各项事业协调并进。").isEmpty)
        #expect(provinces("国际社会期待中国携手各方 推动“上海精神”焕发时代光彩", "国际人士表示，期待峰会进一步增强组织的凝聚力。").isEmpty)
        #expect(provinces("媒体行动启动", "中央广播电视总台北美总站在华盛顿推出大型媒体行动。").isEmpty)
    }

    @Test func attendedAndTownNamedGatheringsAreVenues() {
        #expect(provinces("总理出席论坛座谈会", "国务院总理25日在大连出席2024年夏季达沃斯论坛外国工商界代表座谈会，介绍当前经济形势。").isEmpty)
        #expect(provinces("论坛年会将如期举办", "论坛秘书处表示，今年的博鳌亚洲论坛将按照惯例于春季在海南博鳌举行。").isEmpty)
        #expect(provinces("白皮书发布", "国际电工委员会今天在江苏南京正式发布由我国牵头编制的新兴技术白皮书。").isEmpty)
        // A body of the province releases its own news.
        #expect(provinces("全省经济数据发布", "江苏省统计局今天在南京发布全省前三季度经济数据，全省经济运行稳中向好。") == [320000])
    }
}
