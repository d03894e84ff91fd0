import Foundation
import NewsCatalog
import NewsText
import Testing

/// Lists: a bare list (…等地, a count, routes) or a forecast adds weight but makes no province
/// salient; a list framing a scene does. Made-up sentences; every "not tagged" assertion has a
/// tagged control beside it.
@Suite struct RegionTaggerListTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    @Test func aPartOfAPlaceStaysInItsList() {
        #expect(provinces("夏粮收购开局良好", "河南北部、山东西北部地区和河北省小麦收购正在展开。").isEmpty)
        #expect(provinces("夏粮收购开局良好", "河南北部小麦收购正在展开。") == [410000])
    }

    @Test func aBareListClosedByEtcCountsForNone() {
        let body = "今天，广西、湖南、江西、安徽等地出现强降雨，其中湖南中南部、江西中北部等地局地有大暴雨。"
        #expect(provinces("南方多地强降雨", body).isEmpty)
        // A place of the list reported on in a sentence of its own still counts.
        let reported = body + "湖南长沙今天降雨量超过200毫米，多条道路积水，当地转移群众3000多人。"
        #expect(provinces("南方多地强降雨", reported) == [430000])
    }

    @Test func aListFramingASceneCounts() {
        // 在…等地，: the list frames what is reported there.
        let body = "重阳节到来之际，各地开展敬老活动。在浙江平湖、安徽淮南等地，老人们聚在一起共享长桌宴。"
        #expect(provinces("各地重阳敬老", body).contains(340000))
    }

    @Test func theRestOfAWeatherForecastPlacesNothing() {
        let body = "今天，新疆阜康抽水蓄能电站首台机组投产发电，每年可增发新能源电量26亿度。\n中央气象台预计，明后天较强冷空气将影响北方地区。内蒙古中部气温将下降8—12℃。"
        #expect(provinces("新疆阜康抽水蓄能电站投产", body) == [650000])
    }

    @Test func aListOfDestinationsIsBareButItsTravellersAreNot() {
        let body = "今天，全国铁路预计发送旅客1185万人次。其中，广州、深圳加开前往长沙、岳阳等方向列车99列。"
        let tagged = provinces("假期短途客流增长", body)
        #expect(tagged.contains(440000) && !tagged.contains(430000))
    }

    @Test func aCountedListIsBare() {
        let body = "总台春节联欢晚会今天发布重庆、湖北武汉、西藏拉萨、江苏无锡四地分会场。"
        #expect(provinces("春晚分会场发布", body).isEmpty)
        #expect(provinces("春晚分会场发布", "总台春节联欢晚会今天发布重庆分会场。") == [500000])
    }

    @Test func aListGoesOnThroughAPlaceOfAnotherProvince() {
        let rain = "昨天，四川成都市中心城区出现强降雨，消防部门立即转移被困群众。"
        #expect(provinces("多地积极应对降雨天气", rain + "今天，新疆吐鲁番、陕西关中等地局地气温达40℃以上。") == [510000])
        // A province that frames a list of its own parts is the topic.
        #expect(provinces("多地积极应对降雨天气", "受持续暴雨影响，江西赣州龙南、寻乌等地出现积水险情，当地组织抢险力量开展排涝。").contains(360000))
        // 多地 closes a list as 等地 does.
        #expect(provinces("冷空气影响接近尾声", "受冷空气影响，连日来，山西朔州、河北崇礼、内蒙古、吉林多地出现降雪天气。").isEmpty)
        #expect(provinces("冷空气影响接近尾声", "受冷空气影响，连日来，吉林出现降雪天气。") == [220000])
    }

    @Test func aListOfRoutesIsBare() {
        let flights = "本周，北京—成都、杭州—昆明两条航线开通，每周各执飞七班。"
        #expect(provinces("航线持续上新", flights).isEmpty)
        #expect(provinces("航线持续上新", "本周，北京—成都航线开通，每周执飞七班。") == [110000, 510000])
        let trains = "假期第二天，广州往返珠海、长沙往返株洲等多条城际线路客流平稳。"
        #expect(provinces("假期客流平稳", trains).isEmpty)
        // A route of its own counts for both ends.
        #expect(provinces("青岛往返三亚航线开通", "今天，青岛往返三亚的新航线开通，每天一班。") == [370000, 460000])
    }
}
