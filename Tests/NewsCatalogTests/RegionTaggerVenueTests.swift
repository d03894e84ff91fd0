import NewsCatalog
import NewsText
import Testing

/// The fifth tagging round: where a national or international meeting is held is no place
/// of the story, while fairs, games and the host's own events still place it (the labels'
/// convention, written in the header of `cctv-province-labels-tuning2.tsv`). Made-up sentences.
@Suite struct RegionTaggerVenueTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    @Test func aMeetingsVenueInABulletinIsNoPlace() {
        let body = """
            央视网消息：
            广东外贸进出口稳步增长
            记者从广东省获悉，广东前三季度外贸进出口增长5%。
            2030全国数字创新大会在济南开幕
            今天，2030全国数字创新大会在山东济南开幕，与会代表围绕数字经济展开研讨。
            某国际组织第70次全会在浙江杭州闭幕
            今天，某国际组织第70次全会在浙江杭州闭幕，来自100多个国家的代表参会。
            """
        #expect(provinces("国内联播快讯", body) == [440000])
    }

    @Test func anArticleAboutAMeetingHeldSomewhereIsNational() {
        let body = "国务院新闻办公室今天召开发布会，介绍2030年中国某某文明大会筹备情况。大会将于6月10日在安徽合肥举办，设主论坛和14场分论坛。"
        #expect(provinces("2030年中国某某文明大会将在安徽合肥举办", body).isEmpty)
    }

    @Test func aNationalCampaignLaunchedInACityIsNoPlaceButTheCitysOwnIs() {
        let national = "央视网消息：\n全国文化和旅游消费月启动\n全国文化和旅游消费月今天在吉林长春启动，各地将举办文旅消费活动。\n教育部部署就业工作\n教育部日前部署各地高校开展促就业行动。"
        #expect(provinces("国内联播快讯", national).isEmpty)
        let own = "央视网消息：\n长春冰雪旅游消费月启动\n长春市冰雪旅游消费月今天在吉林长春启动，全市将举办文旅消费活动。\n教育部部署就业工作\n教育部日前部署各地高校开展促就业行动。"
        #expect(provinces("国内联播快讯", own) == [220000])
        // A national contest (not games) launched in a city is a campaign too.
        let contest = "央视网消息：\n第五届全国经典诵读大赛在浙江启动\n今天，第五届全国经典诵读大赛在浙江金华启动，设置诵读、书写等比赛项目。\n教育部部署就业工作\n教育部日前部署各地高校开展促就业行动。"
        #expect(provinces("国内联播快讯", contest).isEmpty)
    }

    @Test func fairsGamesAndTheHostsOwnMeetingsStillPlaceTheStory() {
        #expect(provinces("第九届某某博览会开幕", "今天，第九届某某博览会在浙江杭州开幕，2000多家企业参展。") == [330000])
        #expect(provinces("智能大会开幕", "今天，2030世界某某智能大会在江苏南京开幕。世界某某智能博览会同步举办，一批新产品集中亮相。") == [320000])
        #expect(provinces("招商大会签约项目", "2030苏州全球招商大会今天在苏州举行，签约项目300多个。") == [320000])
        #expect(provinces("全国运动会开幕", "第二十届全国运动会今天在湖南长沙开幕。") == [430000])
    }

    @Test func aVenueReportingItsOwnDetailCounts() {
        let body = "今天，2030世界某某设计大会在上海开幕。上海今年新增设计企业1200家，发布《上海设计十年成果册》。"
        #expect(provinces("世界某某设计大会开幕", body) == [310000])
    }
}
