import Foundation
import NewsCatalog
import NewsText
import Testing

/// Venues: where a national or international meeting, contest or campaign is held, where a
/// gathering is attended, where a test flight happens, and Beijing after 在 are no places of the
/// story; fairs, games and the host's own events are. Made-up sentences; every "not tagged"
/// assertion has a tagged control beside it.
@Suite struct RegionTaggerVenueTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    @Test func whateverHappensInBeijingHappensAtTheCapitalsVenues() {
        #expect(provinces("遗体在京火化", "某同志的遗体9日在北京八宝山革命公墓火化。").isEmpty)
        #expect(provinces("代表团成立", "即将出征的中国体育代表团今天在北京成立。").isEmpty)
        #expect(provinces("代表团成立", "即将出征的中国体育代表团今天在北京，成立仪式简朴隆重。") == [110000])
        // 在北京，… still frames a report about Beijing.
        #expect(provinces("各地迎新春", filler + "在北京，长城景区首次开放夜游。") == [110000])
    }

    @Test func festivalsAndJobFairsAreVenues() {
        #expect(provinces("民间艺术节开幕", "第十三届中国民间艺术节昨晚在山东青岛开幕。艺术节期间，多支队伍带来民间文艺演出。").isEmpty)
        #expect(provinces("民间艺术博览会开幕", "第十三届中国民间艺术博览会昨晚在山东青岛开幕。") == [370000])
        #expect(provinces("高校毕业生招聘会举行", "全国高校毕业生教育人才招聘会今天在吉林长春举行，1000多家单位参会，提供岗位3万多个。").isEmpty)
    }

    @Test func aDistrictAfterInBeijingIsReportedOn() {
        // 在北京 alone is a venue; 在北京顺义… reports on a district of the capital.
        let body = "国家邮政局数据显示，快递业整体运行畅通。在北京顺义后沙峪站，自动配送车助力生鲜蔬菜配送。"
        #expect(provinces("物流微循环畅通", body).contains(110000))
    }

    @Test func aPartOfBeijingAfterZaiIsNoVenue() {
        let body = "南水北调工程已累计调水超760亿立方米。在北京城区内，每10杯水里约有8杯来自南水。"
        #expect(provinces("南水北调全面通水十周年", body) == [110000])
        #expect(provinces("论坛举行", "某国际论坛今天在北京举行，来自30多个国家的代表参加。").isEmpty)
        #expect(provinces("论坛举行", "北京文化论坛今天在北京举行，来自30多个国家的代表参加。") == [110000])
    }

    @Test func attendedAndTownNamedGatheringsAreVenues() {
        #expect(provinces("总理出席论坛座谈会", "国务院总理25日在大连出席2024年夏季达沃斯论坛外国工商界代表座谈会，介绍当前经济形势。").isEmpty)
        #expect(provinces("总理在大连考察", "国务院总理25日在大连考察港口，了解当前经济形势。") == [210000])
        #expect(provinces("论坛年会将如期举办", "论坛秘书处表示，今年的博鳌亚洲论坛将按照惯例于春季在海南博鳌举行。").isEmpty)
        #expect(provinces("白皮书发布", "国际电工委员会今天在江苏南京正式发布由我国牵头编制的新兴技术白皮书。").isEmpty)
        // A body of the province releases its own news.
        #expect(provinces("全省经济数据发布", "江苏省统计局今天在南京发布全省前三季度经济数据，全省经济运行稳中向好。") == [320000])
    }

    @Test func aTestFlightsSiteIsNoPlace() {
        let body = "一款国产新型无人机日前在漠河完成高寒试飞，各项指标符合设计要求。"
        #expect(provinces("国产无人机完成高寒试飞", body).isEmpty)
        #expect(provinces("国产无人机完成高寒测试", body.replacingOccurrences(of: "试飞", with: "测试")) == [230000])
    }

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
        #expect(provinces("2030年中国某某文明博览会将在安徽合肥举办", body.replacingOccurrences(of: "大会", with: "博览会")) == [340000])
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
