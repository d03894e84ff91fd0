import Foundation
import NewsCatalog
import NewsText
import Testing

/// Names that hold a place's name without naming a place of the story: the Taiwan question, foreign
/// states, where a fleet returns to or the news came from, compatriots, titles of works, warships,
/// streets, foreign names. Made-up sentences; every "not tagged" assertion has a tagged control
/// beside it.
@Suite struct RegionTaggerNotAPlaceTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    @Test func theTaiwanQuestionIsNoPlace() {
        #expect(provinces("外交部发言人发表谈话", "台湾问题是中国核心利益中的核心。中方坚决反对美台官方往来。").isEmpty)
        #expect(provinces("东部战区开展联合军事行动", "东部战区在台岛周边开展联合军事行动。") == [710000])
    }

    @Test func foreignStatesEndingInACitysShortNameAreNoPlaces() {
        // 别尔哥罗德州 holds 德州 (Shandong), 佛罗里达州 达州 (Sichuan), 马里兰州 兰州 (Gansu).
        #expect(provinces("无人机遭击落", "当天在别尔哥罗德州击落一架无人机。").isEmpty)
        #expect(provinces("无人机遭击落", "当天在德州击落一架无人机。") == [370000])
        #expect(provinces("飓风登陆", "飓风在佛罗里达州登陆，马里兰州也受影响。").isEmpty)
        // 俄称…乌称… headlines are about the war abroad.
        #expect(provinces("俄称击落无人机 乌称击退进攻", "双方交火持续。济南一家工厂的设备被提及。").isEmpty)
        #expect(provinces("济南一家工厂投产", "双方交火持续。济南一家工厂的设备被提及。") == [370000])
    }

    @Test func whereAFleetReturnsToIsNoPlaceOfTheStory() {
        let body = "央视网消息：\n某某集团推出便民举措\n某某集团今天推出十项便民举措。\n海军某批护航编队今天返回湛江\n今天上午，海军某批护航编队圆满完成护航任务，返回广东湛江某军港。"
        #expect(provinces("国内联播快讯", body).isEmpty)
        #expect(provinces("国内联播快讯", body.replacingOccurrences(of: "返回", with: "停靠")) == [440000])
    }

    @Test func aWarshipNamedAfterACityIsNoPlace() {
        let body = "央视网消息：\n某某集团推出便民举措\n某某集团今天推出十项便民举措。\n海军某批护航编队启航\n今天上午，由南宁舰、岳阳舰组成的海军某批护航编队启航。"
        #expect(provinces("国内联播快讯", body).isEmpty)
        #expect(provinces("国内联播快讯", body.replacingOccurrences(of: "由南宁舰、岳阳舰组成的", with: "在南宁港，")) == [450000])
    }

    @Test func theSourceOfTheNewsIsNoPlaceOfTheStory() {
        #expect(provinces("中欧班列开行量增长", "记者从哈尔滨海关获悉，今年以来全国中欧班列开行量持续增长，运送货物超过100万标箱。").isEmpty)
        #expect(provinces("中欧班列开行量增长", "记者在哈尔滨海关看到，今年以来全国中欧班列开行量持续增长，运送货物超过100万标箱。") == [230000])
        #expect(provinces("西部地区外贸增长", "据成都海关统计，去年我国西部地区货物贸易进出口增长8%，规模首次突破4万亿元。").isEmpty)
        #expect(provinces("西部地区外贸增长", "成都海关统计显示，去年我国西部地区货物贸易进出口增长8%，规模首次突破4万亿元。") == [510000])
    }

    @Test func wherePeopleSetOutFromIsNoPlaceOfTheStory() {
        #expect(provinces("维和分队起程", "今天，某批维和快反分队第一梯队从郑州起程，执行为期12个月的维和任务。").isEmpty)
        #expect(provinces("维和分队起程", "今天，某批维和快反分队第一梯队在郑州集结，执行为期12个月的维和任务。") == [410000])
    }

    @Test func compatriotsArePeopleNotPlaces() {
        let body = "某领导今天会见参访团。他表示，愿同台湾同胞共享发展机遇，并向香港特别行政区同胞、澳门特别行政区同胞致以问候。"
        #expect(provinces("某领导会见参访团", body).isEmpty)
        #expect(provinces("某领导会见参访团", body.replacingOccurrences(of: "台湾同胞", with: "台湾企业")).contains(710000))
    }

    @Test func theTitleOfAWorkIsNoPlaceButADocumentsIs() {
        let film = "今年暑期档票房突破90亿元，多部历史题材电影表现亮眼，电影《南京照相馆》以超23亿元的成绩刷新纪录。"
        #expect(provinces("暑期档票房超90亿元", film).isEmpty)
        let plan = "记者近日从自然资源部获悉，《武汉市国土空间总体规划（2021—2035年）》获得国家批复。"
        #expect(provinces("城市国土空间规划全部获批", plan) == [420000])
    }

    @Test func whereACoffinWasEscortedFromIsNoPlaceOfTheStory() {
        #expect(!provinces("某某同志遗体火化", "某某同志的遗体于10月27日由专机从上海护送至北京。").contains(310000))
        #expect(provinces("某某同志遗体火化", "某某同志的遗体于10月27日在上海火化。").contains(310000))
    }

    @Test func aCountyShortNameAfterAPlaceItIsNotInIsSomethingElse() {
        // 万山 after 广东 is Zhuhai's islands, not Guizhou's 万山区.
        #expect(provinces("海洋经济加快发展", "在广东万山，波浪能发电装置与深海养殖平台相结合，开创了多重收益模式。") == [440000])
        // A county of the place named before it stays: 湖北十堰丹江口.
        #expect(tag("水源区保护", "在湖北十堰丹江口，库区生态持续改善。").contains(420381))
    }

    @Test func streetsNamedAfterPlacesAreNoPlaces() {
        #expect(provinces("养老服务", "每天一早，上海虹口区嘉兴路街道的市民驿站就热闹起来，老人们在这儿享受日间照料服务。") == [310000])
        #expect(provinces("商圈人气旺", "上海南京西路商圈客流增加，南京路步行街单日客流创新高。") == [310000])
        // The streets of a place are still the place.
        #expect(provinces("迎回归纪念日", "纪念日来临之际，香港大街小巷国旗飘扬，澳门街坊总会也举办了庆祝活动。") == [810000, 820000])
    }

    @Test func aShortNameInsideAForeignNameIsNoPlace() {
        let body = "某国总理斯凯里特今天抵达北京开始访问。斯凯里特表示，期待双方签署多项合作文件。"
        #expect(provinces("某国总理来华访问", body).isEmpty)
        #expect(provinces("产业发展", "今年以来，贵州凯里的特色产业发展迅速，带动农民增收。") == [520000])
    }

    @Test func aWarshipNamedAfterALakeIsNoPlace() {
        let body = "微山湖舰完成补给任务后继续航行，编队官兵精神饱满。"
        #expect(provinces("编队完成补给任务", body).isEmpty)
        #expect(provinces("编队完成补给任务", "微山县渔船完成补给任务后继续航行，船员精神饱满。") == [370000])
    }
}
