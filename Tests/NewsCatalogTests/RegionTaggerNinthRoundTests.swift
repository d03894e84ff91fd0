import NewsCatalog
import NewsText
import Testing

/// The ninth tagging round: titles that begin with the place's own suffix (上海市市长) and
/// lecturers' universities, short names inside foreign names (斯凯里特) and in the names of
/// structures (太康隧道), ordinary words (一视同仁, 盘山路), lists of routes (上海—沈阳、西安—广州两条航线),
/// where people come from, through a run of places with a shortened suffix (来自四川省凉山州喜德县…),
/// teams named after their home (中国香港救援队), a leader's visit recalled for a quote (在上海考察时强调),
/// the site of a test flight (在漠河完成高寒试飞), former officials' bodies (某省某局原副局长), stories
/// that happen abroad (当地时间…), warships named after a lake (微山湖舰). Made-up sentences.
@Suite struct RegionTaggerNinthRoundTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    @Test func aTitleMayBeginWithThePlacesSuffix() {
        let lead = String(repeating: "讲话强调，我们纪念某某同志，就是要学习他坚守信仰、献身理想的高尚品格。", count: 5)
        let body = lead + "座谈会上，有关部门负责同志和上海市市长某某先后发言。上海市、浙江省负责同志参加座谈会。"
        #expect(provinces("纪念某某同志诞辰100周年座谈会举行", body).isEmpty)
    }

    @Test func aLecturersUniversityIsNoPlace() {
        let body = "国务院今天进行专题学习。上海财经大学校长某某作讲解。会议强调，要大力提振消费。"
        #expect(provinces("国务院进行专题学习", body).isEmpty)
        #expect(provinces("中央政治局进行集体学习", "中共中央政治局今天进行集体学习。武汉大学特聘教授某某同志就这个问题进行讲解，提出工作建议。").isEmpty)
        // A teacher honoured for work there is the story.
        let honoured = "中宣部今天授予某某同志“时代楷模”称号。某某同志现为湖南科技大学教授，三十多年扎根海洋勘探技术研究。"
        #expect(provinces("中宣部授予某某同志“时代楷模”称号", honoured) == [430000])
    }

    @Test func aShortNameInsideAForeignNameIsNoPlace() {
        let body = "国务院总理今天在京同来华访问的多米尼克总理斯凯里特举行会谈。斯凯里特表示，愿同中方加强合作。"
        #expect(provinces("总理同多米尼克总理会谈", body).isEmpty)
        #expect(provinces("产业发展", "今年以来，贵州凯里的特色产业发展迅速，带动农民增收。") == [520000])
    }

    @Test func aStructureNamedLikeACountyFarAwayIsNoPlace() {
        let body = "在陕西延安，西安至延安高铁建设取得新进展。全长13.6公里的太康隧道日前贯通，为后续施工奠定了基础。"
        #expect(provinces("重点工程加快推进", body) == [610000])
    }

    @Test func anIdiomHoldsNoCounty() {
        let body = "我们对各类所有制企业一视同仁，继续深化改革，推出更多利企便民的举措，让合作更加顺畅，社会平安。"
        #expect(provinces("总理答记者问", body).isEmpty)
        #expect(provinces("风电叶片运输", "在海拔近2000米的盘山路上，司机小心翼翼地运送着风电叶片。").isEmpty)
        #expect(provinces("碾盘山枢纽通航", "汉江中下游最大船闸——碾盘山枢纽工程完成首次试船通航。").isEmpty)
    }

    @Test func aListOfRoutesIsBare() {
        let flights = "民航局介绍，今天，上海—沈阳、西安—广州两条航线都迎来国产大飞机首航，每周航班量持续增长。"
        #expect(provinces("国产大飞机航线持续上新", flights).isEmpty)
        let trains = "今天，全国铁路预计发送旅客1180万人次，深圳往返香港、哈尔滨往返长春等多条短途线路客流集中。"
        #expect(provinces("假期第二天 短途客流增长明显", trains).isEmpty)
        // A route of its own counts for both ends.
        #expect(provinces("国产大飞机开启上海往返厦门航线商业运营", "今天，国产大飞机执飞的上海往返厦门航线开启商业运营。") == [310000, 350000])
    }

    @Test func whereChildrenComeFromIsBackground() {
        let body = "除夕夜，春节联欢晚会如约而至。来自四川省凉山州喜德县某村合唱团的孩子们，用清澈的歌声为晚会开场。"
        #expect(provinces("春晚描绘生机勃勃中国年", body).isEmpty)
        // Where the story happens still counts beside it.
        #expect(provinces("春晚描绘生机勃勃中国年", body + "在四川凉山，孩子们的歌声传遍了山村。") == [510000])
    }

    @Test func aTeamNamedAfterItsHomeIsBackground() {
        let body = "连日来，中国救援队联合中国香港救援队等队伍在曼德勒市多个场地开展搜救作业，共救出多名幸存者。"
        #expect(provinces("中国救援力量持续在缅救援", body).isEmpty)
        let games = "在内蒙古扎兰屯赛区进行的单板滑雪比赛中，山西队运动员某某夺得冠军，黑龙江队某某和山东队某某分获亚军和季军。"
        #expect(provinces("全国冬季运动会今天产生11枚金牌", games) == [150000])
    }

    @Test func aVisitRecalledForAQuoteIsBackground() {
        let body = "国务院总理今天出席大会开幕式并致辞。他表示，习近平主席今年4月在上海考察时强调，要加强政策支持和人才培养。"
        #expect(provinces("总理出席世界人工智能大会开幕式", body).isEmpty)
        // The visit reported in its own words is the story.
        #expect(provinces("习近平在上海考察", "习近平今天在上海考察。他来到一家企业，了解人工智能产业发展情况。") == [310000])
    }

    @Test func aTestFlightsSiteIsNoPlace() {
        let body = "航空工业集团今天宣布，我国自主研制的大型民用直升机在漠河完成了首次高寒试飞，验证了低温起动性能。"
        #expect(provinces("国产大型民用直升机完成首次高寒试飞", body).isEmpty)
    }

    @Test func aFormerOfficialsBodyIsNoTopic() {
        let body = "中央纪委国家监委今天公开通报八起典型问题。海南省人大常委会原党组副书记甲某，安徽省监狱管理局原副局长乙某，天津市人大财政经济委员会原主任委员丙某等人违规收受礼品礼金。"
        #expect(provinces("中央纪委国家监委公开通报典型问题", body).isEmpty)
        // A body of the province at work is the story.
        #expect(provinces("全省推进改革", "安徽省监狱管理局今年以来推进改革，成效明显。") == [340000])
    }

    @Test func localTimeSetsTheStoryAbroad() {
        let body = "当地时间10日下午，国务院总理专程赴安州中国人民志愿军烈士陵园凭吊烈士，敬献花篮。"
        #expect(provinces("总理凭吊中国人民志愿军烈士", body).isEmpty)
        // A Chinese place in the headline still counts.
        #expect(provinces("四川大熊猫抵达某国", "当地时间16日，一对大熊猫抵达某国首都，将在当地生活十年。") == [510000])
    }

    @Test func aWarshipNamedAfterALakeIsNoPlace() {
        let body = "海军派出南宁舰、微山湖舰赴相关海域，执行撤离任务，我在当地公民安全有序转移撤离。"
        #expect(provinces("我在某国公民安全有序转移撤离", body).isEmpty)
    }
}
