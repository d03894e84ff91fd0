import Foundation
import NewsCatalog
import NewsText
import Testing

/// Short names that are ordinary words, idioms, parts of other names or districts of Taiwan: they
/// count only beside their parent. Made-up sentences; every "not tagged" assertion has a tagged
/// control beside it.
@Suite struct RegionTaggerShortNameTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    @Test func countyShortNamesThatAreOrdinaryWordsNeedContext() {
        // 兴国 (Jiangxi), 天涯 (Sanya), 莲花 (Jiangxi), 大邑 (Chengdu), 濠江 (Shantou).
        #expect(provinces("文化兴国", "文化兴国运兴，天涯共此时。").isEmpty)
        #expect(provinces("文化兴国", "江西兴国今年脐橙丰收。") == [360000])
        #expect(provinces("节目上线播出", "节目在莲花时报、濠江日报等媒体上线。").isEmpty)
        #expect(provinces("节目上线播出", "节目今天在汕头濠江上线。") == [440000])
        #expect(provinces("走进殷墟", "殷墟是三千多年前的大邑商。").isEmpty)
        #expect(provinces("走进古镇", "成都大邑今天举办文化节。") == [510000])
    }

    @Test func peaceBesideAPassingMentionOfTaiwanIsNoDistrictOfTaichung() {
        // 和平 is also Taichung's 和平区: a passing mention of Taiwan must not make every 和平 a place there.
        let body = "纪念大会今天上午举行。中央有关部门负责同志、台湾同胞代表等出席。与会者表示，要推进两岸关系和平发展，维护世界和平，为和平统一作出贡献。"
        #expect(provinces("某某纪念大会举行", body).isEmpty)
        // Beside Taiwan in its sentence, the district still counts.
        #expect(provinces("台中山区强降雨", "台湾台中和平山区今天出现强降雨，台湾台中和平多处道路中断。") == [710000])
    }

    @Test func shortNamesInsideOtherNames() {
        // 八步 (Hezhou's 八步区) in 八步沙, 台山 (Jiangmen's 台山市) in 三台山.
        #expect(provinces("治沙人的坚守", "甘肃古浪县八步沙林场的职工今天又种下一片树苗。") == [620000])
        #expect(provinces("赏秋正当时", "江苏宿迁三台山国家森林公园2000多亩花海色彩斑斓，吸引大批游客。") == [320000])
    }

    @Test func shortNamesInsideOrdinaryPhrases() {
        #expect(provinces("会见斯里兰卡总统", "双方表示，要弘扬中斯传统友谊，推动两国关系行稳致远。").isEmpty)
        #expect(provinces("欢迎总理访华", "总理在人民大会堂举行仪式。军乐团奏巴中两国国歌。").isEmpty)
        #expect(provinces("考察训练基地", "随后，他来到二七厂冰雪项目训练基地考察调研。").isEmpty)
        #expect(provinces("考察训练基地", "随后，他来到四川巴中冰雪项目训练基地考察调研。") == [510000])
    }

    @Test func ordinaryWordsAndIslandsAreNoCounties() {
        #expect(provinces("高标准农田建设", "重庆的山地占比高，当地推整坡地，改小田为大田，利于机械作业。") == [500000])
        #expect(provinces("中国政府发表声明", "今天，中国政府发表声明，公布了黄岩岛的领海基线。").isEmpty)
        #expect(provinces("外交部回应", "外交部发言人表示，台湾是中国领土不可分割的一部分，任何外来干涉都注定失败。").isEmpty)
        #expect(provinces("外交部回应", "外交部发言人表示，台湾今年经济增长3%。") == [710000])
    }

    @Test func moreOrdinaryWords() {
        #expect(provinces("使馆欢庆春节", "在中国驻哈萨克斯坦大使馆举办的新春招待会上，舞龙舞狮让来宾们感受到浓浓的年味。").isEmpty)
        #expect(provinces("各地欢庆春节", "在广西来宾举办的新春招待会上，舞龙舞狮让游客感受到浓浓的年味。") == [450000])
        #expect(provinces("黑龙江 松花江 乌苏里江全线开江", "近日，黑龙江、松花江、乌苏里江全线开江。") == [230000])
        #expect(provinces("乌称多地遭袭 俄称摧毁美制雷达站", "乌克兰方面称，多地遭到袭击。").isEmpty)
        #expect(provinces("华龙一号机组并网发电", "我国第二台华龙一号核电机组今天并网发电。").isEmpty)
        #expect(provinces("华龙一号机组并网发电", "福建漳州华龙一号核电机组今天并网发电。") == [350000])
        #expect(provinces("中加友好", "中加友好始终坚如磐石，主席团常务主席王东明出席。").isEmpty)
        #expect(provinces("光热电站建设", "工人们正在加紧铺设将近3万块定日镜。").isEmpty)
        #expect(provinces("长江口湿地", "江苏南通长江入海口东岸，候鸟数量明显增加。") == [320000])
    }

    @Test func aProvinceShortNameInsideOtherWordsIsNoPlace() {
        #expect(provinces("春节团拜会举行", "一年来，我们隆重庆祝新中国成立75周年，各项事业协调并进。").isEmpty)
        #expect(provinces("春节团拜会举行", "一年来，重庆各项事业协调并进。") == [500000])
        #expect(provinces("国际社会期待中国携手各方 推动“上海精神”焕发时代光彩", "国际人士表示，期待峰会进一步增强组织的凝聚力。").isEmpty)
        #expect(provinces("媒体行动启动", "中央广播电视总台北美总站在华盛顿推出大型媒体行动。").isEmpty)
    }

    @Test func aStructureNamedLikeACountyFarAwayIsNoPlace() {
        let body = "陕西一条新建铁路传来好消息：线路上的太康隧道近日顺利贯通，施工人员将转入下一阶段作业。"
        #expect(provinces("重点工程加快推进", body) == [610000])
    }

    @Test func anIdiomHoldsNoCounty() {
        let body = "政策面前各类企业一视同仁，服务更加贴心，让合作更加顺畅，社会平安。"
        #expect(provinces("总理答记者问", body).isEmpty)
        #expect(provinces("大件运输", "运输车沿着蜿蜒的盘山路缓缓上行。").isEmpty)
        #expect(provinces("大件运输", "运输车沿着辽宁盘锦盘山的公路缓缓上行。") == [210000])
        #expect(provinces("船闸通航", "碾盘山枢纽附近的江面上，几艘货船正在排队过闸。").isEmpty)
    }
}
