import NewsCatalog
import NewsText
import Testing

/// The seventh tagging round: where someone goes to see or report (来到…, 走进…), a county short
/// name after a place it does not lie in, parts of Beijing after 在北京, and a few names that
/// are no places of the story. Made-up sentences.
@Suite struct RegionTaggerSeventhRoundTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    @Test func whereSomeoneGoesToSeeIsATopic() {
        let body = "义乌中欧班列迎来开行十周年，累计发送货物超67万标准箱。义乌企业借助班列把小商品卖到欧洲，义乌班列已通达20多个国家。"
            + "中欧班列年开行数量持续增长。今年四月，考察组来到重庆铁路集装箱中心站，听取了货物集散、运输路径等介绍。"
        #expect(provinces("中欧班列稳定畅通", body) == [330000, 500000])
        // Where what the story is about stands (位于…, 总部位于…) is a topic too.
        let company = body.replacingOccurrences(of: "今年四月，考察组来到重庆铁路集装箱中心站，听取了货物集散、运输路径等介绍。",
                                                with: "总部位于广东的一家电商平台推出十项措施，助力外贸产品进入国内市场。")
        #expect(provinces("中欧班列稳定畅通", company) == [330000, 440000])
        // 武陵山区 spans four provinces; it is no district of Changde (石柱 is in Chongqing).
        #expect(provinces("乡村振兴", "石柱县的华溪村地处武陵山深处，曾经是深度贫困村。") == [500000])
        // A programme that visits a place reports from it.
        #expect(provinces("乡村节目今晚播出", "大型文旅节目今晚播出第十二期。节目走进江西靖安县的一个村庄，探寻乡村特色产业。") == [360000])
    }

    @Test func aPlaceAfterAPhraseOfPurposeOpensItsSentence() {
        let opening = "习近平总书记指出，要加快构建国家水网主骨架和大动脉，为全面建设社会主义现代化国家提供有力的水安全保障。"
            + "今年以来，我国水利建设全面提速，一系列改革举措陆续出台，正在加快推进现代化水网建设，不断增强水安全保障能力，"
            + "一张更安全、更高效、更智能的国家水网正在加快建设。"
        let body = opening + "浙江绍兴汤浦水库工程募集的资金，将用于浙江镜岭水库工程的建设。"
            + "为了全面提升雨水情监测感知能力，北京开展现代化雨水情监测预报体系试点建设。"
        #expect(provinces("建设现代化水网", body) == [110000, 330000])
    }

    @Test func aCountyShortNameAfterAPlaceItIsNotInIsSomethingElse() {
        // 万山 after 广东 is Zhuhai's islands, not Guizhou's 万山区.
        #expect(provinces("海洋经济加快发展", "在广东万山，波浪能发电装置与深海养殖平台相结合，开创了多重收益模式。") == [440000])
        // A county of the place named before it stays: 湖北十堰丹江口.
        #expect(tag("水源区保护", "在湖北十堰丹江口，库区生态持续改善。").contains(420381))
    }

    @Test func ordinaryWordsAndIslandsAreNoCounties() {
        #expect(provinces("高标准农田建设", "重庆的山地占比高，当地推整坡地，改小田为大田，利于机械作业。") == [500000])
        #expect(provinces("中国政府发表声明", "今天，中国政府发表声明，公布了黄岩岛的领海基线。").isEmpty)
        #expect(provinces("外交部回应", "外交部发言人表示，台湾是中国领土不可分割的一部分，任何外来干涉都注定失败。").isEmpty)
    }

    @Test func aPartOfBeijingAfterZaiIsNoVenue() {
        let body = "南水北调工程已累计调水超760亿立方米。在北京城区内，每10杯水里约有8杯来自南水。"
        #expect(provinces("南水北调全面通水十周年", body) == [110000])
        #expect(provinces("论坛举行", "某国际论坛今天在北京举行，来自30多个国家的代表参加。").isEmpty)
    }

    @Test func hongKongAndMacaoTogether() {
        #expect(provinces("港澳人士：推进“一国两制”实践", "港澳各界人士表示，重要讲话鼓舞人心，港澳各界将继续奋进，积极融入国家发展大局。") == [810000, 820000])
        // As a subject of policy or in the name of an office, 港澳 places nothing.
        #expect(provinces("座谈会举行", "国务院港澳办负责人出席座谈会，与港澳台媒体记者交流，介绍港澳工作情况。").isEmpty)
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

    @Test func streetsNamedAfterPlacesAreNoPlaces() {
        #expect(provinces("养老服务", "每天一早，上海虹口区嘉兴路街道的市民驿站就热闹起来，老人们在这儿享受日间照料服务。") == [310000])
        #expect(provinces("商圈人气旺", "上海南京西路商圈客流增加，南京路步行街单日客流创新高。") == [310000])
        // The streets of a place are still the place.
        #expect(provinces("迎回归纪念日", "纪念日来临之际，香港大街小巷国旗飘扬，澳门街坊总会也举办了庆祝活动。") == [810000, 820000])
    }

    @Test func moreOrdinaryWords() {
        #expect(provinces("使馆欢庆春节", "在中国驻哈萨克斯坦大使馆举办的新春招待会上，舞龙舞狮让来宾们感受到浓浓的年味。").isEmpty)
        #expect(provinces("黑龙江 松花江 乌苏里江全线开江", "近日，黑龙江、松花江、乌苏里江全线开江。") == [230000])
        #expect(provinces("乌称多地遭袭 俄称摧毁美制雷达站", "乌克兰方面称，多地遭到袭击。").isEmpty)
        #expect(provinces("华龙一号机组并网发电", "我国第二台华龙一号核电机组今天并网发电。").isEmpty)
        #expect(provinces("中加友好", "中加友好始终坚如磐石，主席团常务主席王东明出席。").isEmpty)
        #expect(provinces("光热电站建设", "工人们正在加紧铺设将近3万块定日镜。").isEmpty)
        #expect(provinces("长江口湿地", "江苏南通长江入海口东岸，候鸟数量明显增加。") == [320000])
    }
}
