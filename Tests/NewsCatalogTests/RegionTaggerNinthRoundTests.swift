import NewsCatalog
import NewsText
import Testing

/// The ninth tagging round: titles that begin with the place's own suffix (上海市市长) and
/// lecturers' universities, short names inside foreign names (斯凯里特) and in the names of
/// structures (太康隧道), ordinary words (一视同仁, 盘山路), lists of routes (北京—成都、杭州—昆明两条航线),
/// where people come from, through a run of places with a shortened suffix (来自四川省凉山州喜德县…),
/// teams named after their home (中国香港救援队, 江苏队), a leader's visit recalled for a quote (在上海考察时强调),
/// the site of a test flight (在漠河完成高寒试飞), former officials' bodies (某省某局原副局长), stories
/// that happen abroad (当地时间…), warships named after a lake (微山湖舰). Made-up sentences.
@Suite struct RegionTaggerNinthRoundTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    @Test func aTitleMayBeginWithThePlacesSuffix() {
        let lead = String(repeating: "讲话强调，我们纪念某某同志，就是要学习他坚守信仰、献身理想的高尚品格。", count: 5)
        let body = lead + "会上，上海市市长某某介绍了城市更新的进展。上海市、浙江省有关负责同志也出席了会议。"
        #expect(provinces("纪念某某同志诞辰100周年座谈会举行", body).isEmpty)
    }

    @Test func aLecturersUniversityIsNoPlace() {
        let body = "国务院今天进行专题学习。天津财经大学校长某某就这个题目作讲解。会议强调，要大力提振消费。"
        #expect(provinces("国务院进行专题学习", body).isEmpty)
        #expect(provinces("中央政治局进行集体学习", "中共中央政治局今天进行集体学习。厦门大学特聘教授某某围绕这一主题进行讲解。").isEmpty)
        // A teacher honoured for work there is the story.
        let honoured = "中宣部今天授予某某同志“时代楷模”称号。某某同志现为湖南某师范大学教授，二十多年扎根乡村教育研究。"
        #expect(provinces("中宣部授予某某同志“时代楷模”称号", honoured) == [430000])
    }

    @Test func aShortNameInsideAForeignNameIsNoPlace() {
        let body = "某国总理斯凯里特今天抵达北京开始访问。斯凯里特表示，期待双方签署多项合作文件。"
        #expect(provinces("某国总理来华访问", body).isEmpty)
        #expect(provinces("产业发展", "今年以来，贵州凯里的特色产业发展迅速，带动农民增收。") == [520000])
    }

    @Test func aStructureNamedLikeACountyFarAwayIsNoPlace() {
        let body = "陕西一条新建铁路传来好消息：线路上的太康隧道近日顺利贯通，施工人员将转入下一阶段作业。"
        #expect(provinces("重点工程加快推进", body) == [610000])
    }

    @Test func anIdiomHoldsNoCounty() {
        let body = "政策面前各类企业一视同仁，服务更加贴心，让合作更加顺畅，社会平安。"
        #expect(provinces("总理答记者问", body).isEmpty)
        #expect(provinces("大件运输", "运输车沿着蜿蜒的盘山路缓缓上行。").isEmpty)
        #expect(provinces("船闸通航", "碾盘山枢纽附近的江面上，几艘货船正在排队过闸。").isEmpty)
    }

    @Test func aListOfRoutesIsBare() {
        let flights = "本周，北京—成都、杭州—昆明两条航线开通，每周各执飞七班。"
        #expect(provinces("航线持续上新", flights).isEmpty)
        let trains = "假期第二天，广州往返珠海、长沙往返株洲等多条城际线路客流平稳。"
        #expect(provinces("假期客流平稳", trains).isEmpty)
        // A route of its own counts for both ends.
        #expect(provinces("青岛往返三亚航线开通", "今天，青岛往返三亚的新航线开通，每天一班。") == [370000, 460000])
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
        let games = "越野滑雪比赛在内蒙古扎兰屯举行，江苏队选手获得冠军，广西队和云南队选手分获亚军和季军。"
        #expect(provinces("冬季运动会产生多枚金牌", games) == [150000])
    }

    @Test func aVisitRecalledForAQuoteIsBackground() {
        let body = "总理今天出席大会开幕式并致辞。他说，去年总书记在上海考察时指出，要把科技创新摆在更加突出的位置。"
        #expect(provinces("总理出席某大会开幕式", body).isEmpty)
        // The visit reported in its own words is the story.
        #expect(provinces("习近平在上海考察", "习近平今天在上海考察。他来到一家企业，了解人工智能产业发展情况。") == [310000])
    }

    @Test func aTestFlightsSiteIsNoPlace() {
        let body = "一款国产新型无人机日前在漠河完成高寒试飞，各项指标符合设计要求。"
        #expect(provinces("国产无人机完成高寒试飞", body).isEmpty)
    }

    @Test func aFormerOfficialsBodyIsNoTopic() {
        let body = "通报点名了三起典型问题：海南省某局原副局长甲某违规接受宴请，安徽省某厅原处长乙某收受礼金，天津市某区原区长丙某违规使用公车。"
        #expect(provinces("通报典型问题", body).isEmpty)
        // A body of the province at work is the story.
        #expect(provinces("全省推进改革", "安徽省监狱管理局今年以来推进改革，成效明显。") == [340000])
    }

    @Test func localTimeSetsTheStoryAbroad() {
        let body = "当地时间10日上午，代表团在安州参观了一座纪念馆。"
        #expect(provinces("代表团参观纪念馆", body).isEmpty)
        // A Chinese place in the headline still counts.
        #expect(provinces("四川大熊猫抵达某国", "当地时间16日，一对大熊猫抵达某国首都，将在当地生活十年。") == [510000])
    }

    @Test func aWarshipNamedAfterALakeIsNoPlace() {
        let body = "微山湖舰完成补给任务后继续航行，编队官兵精神饱满。"
        #expect(provinces("编队完成补给任务", body).isEmpty)
    }
}
