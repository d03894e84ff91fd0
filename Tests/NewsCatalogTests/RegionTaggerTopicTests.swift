import Foundation
import NewsCatalog
import NewsText
import Testing

/// A place is the topic of its sentence where someone goes to it, or it opens the sentence after a
/// phrase of purpose or a description. Made-up sentences; every "not tagged" assertion has a tagged
/// control beside it.
@Suite struct RegionTaggerTopicTests: RegionTagging {
    let tagger: RegionTagger
    let segmenter: WordSegmenter
    init() throws { (tagger, segmenter) = try Self.makeTagger() }

    @Test func aPlaceFramedAfterADescriptionIsATopic() {
        let lead = String(repeating: "福建推进集体林权制度改革，福建三明、南平等地林农增收。", count: 4)
        let body = lead + "在全国首个现代林业产业示范区广西，当地林业产业总产值超过9500亿元，稳居全国第一位。"
        #expect(provinces("林改谱新篇", body).contains(450000))
        let opening = lead + "粮食大省黑龙江省今年加大农机补贴力度，计划新增精量播种面积1000万亩以上。"
        #expect(provinces("林改谱新篇", opening).contains(230000))
    }

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
}
