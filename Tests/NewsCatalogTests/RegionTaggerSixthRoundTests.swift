import NewsCatalog
import NewsText
import Testing

/// The sixth tagging round: where the news came from or someone set out, compatriots,
/// bare lists closed by 等地, weather forecasts, 中东部, festivals and job fairs as venues,
/// and a few short names that are parts of other names. Made-up sentences.
@Suite struct RegionTaggerSixthRoundTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    @Test func centralAndEasternChinaIsNoMiddleEast() {
        // 中东部 holds 中东 (the Middle East); the headline must not make this a foreign story.
        let body = "受冷空气影响，山西连续发布暴雪预警，多地降温超过20℃。陕西多地也出现降雪，延安局地达到暴雪级别。"
        #expect(provinces("冷空气影响继续 中东部大范围降温", body) == [140000, 610000])
    }

    @Test func theSourceOfTheNewsIsNoPlaceOfTheStory() {
        #expect(provinces("中欧班列开行量增长", "记者从哈尔滨海关获悉，今年以来全国中欧班列开行量持续增长，运送货物超过100万标箱。").isEmpty)
        #expect(provinces("西部地区外贸增长", "据成都海关统计，去年我国西部地区货物贸易进出口增长8%，规模首次突破4万亿元。").isEmpty)
    }

    @Test func wherePeopleSetOutFromIsNoPlaceOfTheStory() {
        #expect(provinces("维和分队起程", "今天，某批维和快反分队第一梯队从郑州起程，执行为期12个月的维和任务。").isEmpty)
    }

    @Test func compatriotsArePeopleNotPlaces() {
        let body = "某领导今天会见参访团。他表示，愿同台湾同胞共享发展机遇，并向香港特别行政区同胞、澳门特别行政区同胞致以问候。"
        #expect(provinces("某领导会见参访团", body).isEmpty)
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

    @Test func festivalsAndJobFairsAreVenues() {
        #expect(provinces("民间艺术节开幕", "第十三届中国民间艺术节昨晚在山东青岛开幕。艺术节期间，多支队伍带来民间文艺演出。").isEmpty)
        #expect(provinces("高校毕业生招聘会举行", "全国高校毕业生教育人才招聘会今天在吉林长春举行，1000多家单位参会，提供岗位3万多个。").isEmpty)
    }

    @Test func shortNamesInsideOtherNames() {
        // 八步 (Hezhou's 八步区) in 八步沙, 台山 (Jiangmen's 台山市) in 三台山.
        #expect(provinces("治沙人的坚守", "甘肃古浪县八步沙林场的职工今天又种下一片树苗。") == [620000])
        #expect(provinces("赏秋正当时", "江苏宿迁三台山国家森林公园2000多亩花海色彩斑斓，吸引大批游客。") == [320000])
    }

    @Test func theSourcesOfThreeRiversLieInQinghai() {
        #expect(provinces("国家公园建设取得成效", "三江源国家公园实施系列生态修复工程，藏羚羊种群恢复到7万多只。") == [630000])
    }
}

/// Sixth round, continued: the lead of a story with short subheadings, landmarks.
@Suite struct RegionTaggerSixthRoundLeadTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    @Test func theLeadBeforeShortSubheadingsWeighsAsALead() {
        // Short lines without a full stop look like the item headlines of a bulletin; the text
        // before the first of them is still the article's lead.
        let body = "央视网消息：北京冬奥会短道速滑比赛昨晚继续进行。\n中国队夺得一枚铜牌\n在女子1000米比赛中，中国选手第三个冲过终点线。\n男子500米无缘奖牌\n在男子500米比赛中，中国选手无缘奖牌。"
        #expect(provinces("冬奥会赛况", body) == [110000, 130000])
    }

    @Test func landmarksWithoutAPlaceName() {
        #expect(provinces("船闸恢复通航", "昨晚，长江三峡船闸完成年度检修，提前12小时恢复通航。") == [420000])
        #expect(provinces("十四运会筹备有序推进", "十四运会各项筹备工作有序推进，场馆建设全部完成。") == [610000])
    }
}

/// Sixth round, third part: titles of works, places framed after a description, names inside
/// other words, lists of destinations. Made-up sentences.
@Suite struct RegionTaggerSixthRoundNamesTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    @Test func theTitleOfAWorkIsNoPlaceButADocumentsIs() {
        let film = "今年暑期档票房突破90亿元，多部历史题材电影表现亮眼，电影《南京照相馆》以超23亿元的成绩刷新纪录。"
        #expect(provinces("暑期档票房超90亿元", film).isEmpty)
        let plan = "记者近日从自然资源部获悉，《武汉市国土空间总体规划（2021—2035年）》获得国家批复。"
        #expect(provinces("城市国土空间规划全部获批", plan) == [420000])
    }

    @Test func aPlaceFramedAfterADescriptionIsATopic() {
        let lead = String(repeating: "福建推进集体林权制度改革，福建三明、南平等地林农增收。", count: 4)
        let body = lead + "在全国首个现代林业产业示范区广西，当地林业产业总产值超过9500亿元，稳居全国第一位。"
        #expect(provinces("林改谱新篇", body).contains(450000))
        let opening = lead + "粮食大省黑龙江省今年加大农机补贴力度，计划新增精量播种面积1000万亩以上。"
        #expect(provinces("林改谱新篇", opening).contains(230000))
    }

    @Test func aUniversityInAPersonsTitleIsNoTopic() {
        #expect(provinces("加强基础研究", "中央政治局就加强基础研究进行集体学习。北京大学校长龚某某教授就这个问题作了讲解。").isEmpty)
    }

    @Test func shortNamesInsideOrdinaryPhrases() {
        #expect(provinces("会见斯里兰卡总统", "双方表示，要弘扬中斯传统友谊，推动两国关系行稳致远。").isEmpty)
        #expect(provinces("欢迎总理访华", "总理在人民大会堂举行仪式。军乐团奏巴中两国国歌。").isEmpty)
        #expect(provinces("考察训练基地", "随后，他来到二七厂冰雪项目训练基地考察调研。").isEmpty)
    }

    @Test func aListOfDestinationsIsBareButItsTravellersAreNot() {
        let body = "今天，全国铁路预计发送旅客1185万人次。其中，广州、深圳加开前往长沙、岳阳等方向列车99列。"
        let tagged = provinces("假期短途客流增长", body)
        #expect(tagged.contains(440000) && !tagged.contains(430000))
    }

    @Test func whereACoffinWasEscortedFromIsNoPlaceOfTheStory() {
        #expect(!provinces("某某同志遗体火化", "某某同志的遗体于10月27日由专机从上海护送至北京。").contains(310000))
    }

    @Test func theSupplyChainExpoIsHeldInBeijing() {
        #expect(provinces("第二届链博会开幕", "正在举行的第二届链博会参展企业数量较首届增加了20%。") == [110000])
    }
}

/// Sixth round, fourth part: quoted names and counted lists. Made-up sentences.
@Suite struct RegionTaggerSixthRoundQuotesTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    @Test func aQuotedNameWeighsAsAListedPlace() {
        let body = "中央宣传部近日公布示范项目名单，“天津市好医生走基层送健康”志愿服务团队等102个集体为优秀团队。"
        #expect(provinces("示范项目名单公布", body).isEmpty)
    }

    @Test func aCountedListIsBare() {
        let body = "总台春节联欢晚会今天发布重庆、湖北武汉、西藏拉萨、江苏无锡四地分会场。"
        #expect(provinces("春晚分会场发布", body).isEmpty)
    }

    @Test func aDistrictAfterInBeijingIsReportedOn() {
        // 在北京 alone is a venue; 在北京顺义… reports on a district of the capital.
        let body = "国家邮政局数据显示，快递业整体运行畅通。在北京顺义后沙峪站，自动配送车助力生鲜蔬菜配送。"
        #expect(provinces("物流微循环畅通", body).contains(110000))
    }

    @Test func whereGoodsAreSentWeighsAsListed() {
        let filler = String(repeating: "核电基地安全稳定运行，为大湾区发展提供清洁能源。", count: 5)
        let body = filler + "累计上网的电量中，输送香港的超3200亿千瓦时。"
        #expect(!provinces("核电基地上网电量突破一万亿千瓦时", body).contains(810000))
        let trip = "今年以来，外贸企业主动出击拓展市场。在深圳，20多家外贸企业以包机的方式出发香港机场，搭机前往欧洲寻商机。"
        #expect(provinces("外贸企业拓市场", trip) == [440000])
    }

    @Test func whereAPersonComesFromIsNoTopic() {
        #expect(provinces("委员通道：讲述履职故事", "两会委员通道今天开启。来自新疆的某委员分享了当地各民族守望相助的故事。").isEmpty)
        #expect(provinces("凝心铸师魂", "教师节到来之际，各地师生表达感恩之情。某某的家乡贵州曾经是深度贫困地区，老师点亮了他的梦想。").isEmpty)
    }

    @Test func aProvincesDelegationIsNoTopic() {
        let body = "十四届全国人大二次会议各代表团继续审议政府工作报告。某某参加江西代表团审议时说，赞成政府工作报告。"
        #expect(provinces("代表委员议国是", body).isEmpty)
    }
}
