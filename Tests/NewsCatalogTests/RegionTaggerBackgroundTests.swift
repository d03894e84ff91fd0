import Foundation
import NewsCatalog
import NewsText
import Testing

/// Places named about someone or something else weigh as listed places and are no topic: titles,
/// teams, quotes, destinations, homes, birthplaces, origins, visits recalled. Made-up sentences;
/// every "not tagged" assertion has a tagged control beside it.
@Suite struct RegionTaggerBackgroundTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    @Test func anOfficialsTitleIsNotTheTopic() {
        #expect(provinces("全国人大会议开幕", filler + "香港特别行政区行政长官李家超列席会议。").isEmpty)
        #expect(provinces("全国人大会议开幕", filler + "香港特别行政区今天举行升旗仪式，行政长官李家超出席。") == [810000])
    }

    @Test func aUniversityInAPersonsTitleIsNoTopic() {
        #expect(provinces("加强基础研究", "中央政治局就加强基础研究进行集体学习。北京大学校长龚某某教授就这个问题作了讲解。").isEmpty)
        #expect(provinces("加强基础研究", "中央政治局就加强基础研究进行集体学习。北京大学今天举行开学典礼，龚某某校长致辞。").contains(110000))
    }

    @Test func aQuotedNameWeighsAsAListedPlace() {
        let body = "中央宣传部近日公布示范项目名单，“天津市好医生走基层送健康”志愿服务团队等102个集体为优秀团队。"
        #expect(provinces("示范项目名单公布", body).isEmpty)
        #expect(provinces("示范项目名单公布", body.replacingOccurrences(of: "“", with: "").replacingOccurrences(of: "”", with: "")).contains(120000))
    }

    @Test func whereGoodsAreSentWeighsAsListed() {
        let filler = String(repeating: "核电基地安全稳定运行，为大湾区发展提供清洁能源。", count: 5)
        let body = filler + "累计上网的电量中，输送香港的超3200亿千瓦时。"
        #expect(!provinces("核电基地上网电量突破一万亿千瓦时", body).contains(810000))
        #expect(provinces("核电基地上网电量突破一万亿千瓦时", filler + "累计上网的电量中，香港用电超3200亿千瓦时。").contains(810000))
        let trip = "今年以来，外贸企业主动出击拓展市场。在深圳，20多家外贸企业以包机的方式出发香港机场，搭机前往欧洲寻商机。"
        #expect(provinces("外贸企业拓市场", trip) == [440000])
    }

    @Test func whereAPersonComesFromIsNoTopic() {
        #expect(provinces("委员通道：讲述履职故事", "两会委员通道今天开启。来自新疆的某委员分享了当地各民族守望相助的故事。").isEmpty)
        #expect(provinces("委员通道：讲述履职故事", "两会委员通道今天开启。新疆的某委员分享了当地各民族守望相助的故事。") == [650000])
        #expect(provinces("凝心铸师魂", "教师节到来之际，各地师生表达感恩之情。某某的家乡贵州曾经是深度贫困地区，老师点亮了他的梦想。").isEmpty)
        #expect(provinces("凝心铸师魂", "教师节到来之际，各地师生表达感恩之情。某某生活的贵州曾经是深度贫困地区，老师点亮了他的梦想。") == [520000])
    }

    @Test func aProvincesDelegationIsNoTopic() {
        let body = "十四届全国人大二次会议各代表团继续审议政府工作报告。某某参加江西代表团审议时说，赞成政府工作报告。"
        #expect(provinces("代表委员议国是", body).isEmpty)
        #expect(provinces("代表委员议国是", body.replacingOccurrences(of: "参加江西代表团审议时说", with: "在江西考察后说")) == [360000])
    }

    @Test func aBirthplaceIsBackground() {
        let body = "1932年，某某出生于辽宁昌图一个贫寒的农家。后来他投身导弹和火箭的研发，一干就是三十年，为国家航天事业作出重要贡献。"
        #expect(provinces("勋章获得者某某：国家的需要就是理想", body).isEmpty)
        // Where the story happens still counts beside it.
        #expect(provinces("勋章获得者某某", body + "在四川绵阳，他带领团队攻克了一个又一个难题。") == [510000])
    }

    @Test func aTitleMayBeginWithThePlacesSuffix() {
        let lead = String(repeating: "讲话强调，我们纪念某某同志，就是要学习他坚守信仰、献身理想的高尚品格。", count: 5)
        let body = lead + "会上，上海市市长某某介绍了城市更新的进展。上海市、浙江省有关负责同志也出席了会议。"
        #expect(provinces("纪念某某同志诞辰100周年座谈会举行", body).isEmpty)
        #expect(provinces("纪念某某同志诞辰100周年座谈会举行", body.replacingOccurrences(of: "上海市市长某某", with: "上海市有关部门")).contains(310000))
    }

    @Test func aLecturersUniversityIsNoPlace() {
        let body = "国务院今天进行专题学习。天津财经大学校长某某就这个题目作讲解。会议强调，要大力提振消费。"
        #expect(provinces("国务院进行专题学习", body).isEmpty)
        #expect(provinces("中央政治局进行集体学习", "中共中央政治局今天进行集体学习。厦门大学特聘教授某某围绕这一主题进行讲解。").isEmpty)
        #expect(provinces("中央政治局进行集体学习", "中共中央政治局今天进行集体学习。厦门大学特聘教授某某今天获得表彰。").contains(350000))
        // A teacher honoured for work there is the story.
        let honoured = "中宣部今天授予某某同志“时代楷模”称号。某某同志现为湖南某师范大学教授，二十多年扎根乡村教育研究。"
        #expect(provinces("中宣部授予某某同志“时代楷模”称号", honoured) == [430000])
    }

    @Test func whereChildrenComeFromIsBackground() {
        let body = "晚会在欢快的歌声中开始。来自四川省凉山州喜德县的一群小学生登台朗诵，赢得阵阵掌声。"
        #expect(provinces("新年晚会精彩纷呈", body).isEmpty)
        // Where the story happens still counts beside it.
        #expect(provinces("新年晚会精彩纷呈", body + "在四川凉山，孩子们的歌声传遍了山村。") == [510000])
    }

    @Test func aTeamNamedAfterItsHomeIsBackground() {
        let body = "中国香港救援队抵达灾区后，与当地救援人员一起搜寻被困者。"
        #expect(provinces("救援力量持续在灾区搜救", body).isEmpty)
        #expect(provinces("救援力量持续在灾区搜救", "香港救援人员抵达灾区后，与当地救援人员一起搜寻被困者。") == [810000])
        let games = "越野滑雪比赛在内蒙古扎兰屯举行，江苏队选手获得冠军，广西队和云南队选手分获亚军和季军。"
        #expect(provinces("冬季运动会产生多枚金牌", games) == [150000])
    }

    @Test func aVisitRecalledForAQuoteIsBackground() {
        let body = "总理今天出席大会开幕式并致辞。他说，去年总书记在上海考察时指出，要把科技创新摆在更加突出的位置。"
        #expect(provinces("总理出席某大会开幕式", body).isEmpty)
        #expect(provinces("总理出席某大会开幕式", body.replacingOccurrences(of: "考察时指出", with: "考察，他指出")).contains(310000))
        // The visit reported in its own words is the story.
        #expect(provinces("习近平在上海考察", "习近平今天在上海考察。他来到一家企业，了解人工智能产业发展情况。") == [310000])
    }

    @Test func aFormerOfficialsBodyIsNoTopic() {
        let body = "通报点名了三起典型问题：海南省某局原副局长甲某违规接受宴请，安徽省某厅原处长乙某收受礼金，天津市某区原区长丙某违规使用公车。"
        #expect(provinces("通报典型问题", body).isEmpty)
        #expect(provinces("通报典型问题", body.replacingOccurrences(of: "海南省某局原副局长", with: "海南省某局副局长")).contains(460000))
        // A body of the province at work is the story.
        #expect(provinces("全省推进改革", "安徽省监狱管理局今年以来推进改革，成效明显。") == [340000])
    }
}
