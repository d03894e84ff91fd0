/// The region tagger's rules, in the order they apply: the single statement of precedence.
///
/// 1. Phrases are blanked in the whole field before any name is looked for (`blankNotPlaces`,
///    then names of several provinces, then `blankOut` for Beijing as a venue).
/// 2. The scan finds names leftmost-longest; the rules with `skips` are tried on each name in
///    table order, and the first that fires skips it.
/// 3. The names left are weighed: a `background` or `bare` rule halves a name's weight (those
///    with `marks` are asked through `marks(_:_:_:)`; lists, forecasts and titles need the scan's
///    state and are applied there), a `topic` rule raises it to `RegionTagger.topicWeight` unless a
///    background or bare rule fired.
///
/// Adding a rule: a row here (with its minimal pairs, which `RegionRuleExampleTests` runs) and,
/// for a new kind of context, its predicate in the file of its family (`RegionTagger+Sources`
/// for sources and background, `+Venues`, `+Names`, `+Routes`); a new word goes to
/// `scripts/catalog/region_words.tsv` alone.
public enum RegionRules {
    /// Every rule, in the order it applies.
    public static let all: [RegionRule] = phrases + skipping + weighing

    /// The rules that skip a name during the scan, in the order they are tried.
    static let scanSkips: [RegionRule] = skipping
    /// The weighing rules with a `marks` predicate, by effect.
    static let backgroundMarks = weighing.filter { $0.effect == .background && $0.marks != nil }
    static let bareMarks = weighing.filter { $0.effect == .bare && $0.marks != nil }

    /// Whether a `background` or `bare` rule of the table marks the name at `site`.
    static func marks(_ effect: RegionRule.Effect, _ tagger: RegionTagger, _ site: MentionSite) -> Bool {
        (effect == .bare ? bareMarks : backgroundMarks).contains { $0.marks?(tagger, site) ?? false }
    }

    /// Filler that pushes what follows out of an article's lead (a mention there weighs 2).
    static let fujianLead = String(repeating: "福建推进集体林权制度改革，福建三明、南平等地林农增收。", count: 4)

    /// Step 1: phrases blanked before names are looked for.
    static let phrases: [RegionRule] = [
        RegionRule("not-a-place-phrase", .notAPlace, looksAt: "the phrase holding the name (RegionWords.notPlaces)",
                   "A phrase holding a place's name that names no place of the story: 台湾问题, 北京时间, 别尔哥罗德州.",
                   fires: [.init("外交部发言人发表谈话", "台湾问题是中国核心利益中的核心。", province: 710000),
                           .init("无人机遭击落", "当天在别尔哥罗德州击落一架无人机。", province: 370000)],
                   doesNotFire: [.init("外交部发言人发表谈话", "台湾经济是中国经济的一部分。", province: 710000),
                                 .init("无人机遭击落", "当天在德州击落一架无人机。", province: 370000)]),
        RegionRule("town-named-gathering", .notAPlace, looksAt: "the gathering's name (RegionWords.townNamedGathering)",
                   "The town an international gathering is named after (博鳌亚洲论坛) is no event of its host's own.",
                   fires: [.init("论坛年会开幕", "博鳌亚洲论坛2030年年会今天在海南博鳌开幕。", province: 460000)],
                   doesNotFire: [.init("论坛年会开幕", "博鳌乡村振兴论坛2030年年会今天在海南博鳌开幕。", province: 460000)]),
        RegionRule("beijing-venue", .venue, looksAt: "在北京 or 在京, and what follows it",
                   "Whatever happens 在北京 happens at the capital's venues, unless a comma, a district or a part of the city follows.",
                   fires: [.init("遗体火化", "某同志的遗体9日在北京八宝山革命公墓火化。", province: 110000)],
                   doesNotFire: [.init("遗体火化", "某同志的遗体9日在北京顺义革命公墓火化。", province: 110000)]),
    ]

    /// Step 2: rules that skip a name found by the scan, tried in this order.
    static let skipping: [RegionRule] = [
        RegionRule("county-outside-previous-place", .notAPlace, looksAt: "the place right before the name, in the same run",
                   "A county short name right after a place it does not lie in names something else there (广东万山: Zhuhai's islands).",
                   fires: [.init("海洋经济加快发展", "在广东万山，波浪能发电装置与深海养殖平台相结合。", province: 520000)],
                   doesNotFire: [.init("海洋经济加快发展", "在万山，波浪能发电装置与深海养殖平台相结合。", province: 520000)],
                   skips: { t, s in s.previousTerm >= 0 && !t.liesIn(s.term, s.previousTerm) }),
        RegionRule("work-title", .notAPlace, looksAt: "the 《…》 around the name and the word that ends it",
                   "The title of a work (电影《南京照相馆》) names no place; the title of a document (《武汉市…规划》) does.",
                   fires: [.init("暑期档票房超90亿元", "电影《南京照相馆》以超23亿元的成绩刷新纪录。", province: 320000)],
                   doesNotFire: [.init("暑期档票房超90亿元", "电影南京照相馆以超23亿元的成绩刷新纪录。", province: 320000)],
                   skips: { _, s in RegionTagger.insideWorkTitle(s.buf, at: s.start, end: s.end) }),
        RegionRule("return-destination", .notAPlace, looksAt: "the verb before the run of places (RegionWords.returnVerb)",
                   "Where a fleet or a traveller returns to (返回广东湛江某军港) is no place of the story.",
                   fires: [.init("护航编队完成任务", "今天上午，海军某批护航编队圆满完成护航任务，返回广东湛江某军港。", province: 440000)],
                   doesNotFire: [.init("护航编队完成任务", "今天上午，海军某批护航编队圆满完成护航任务，停靠广东湛江某军港。", province: 440000)],
                   skips: { _, s in RegionTagger.returnsTo(s.buf, at: s.runFrom) }),
        RegionRule("news-source", .notAPlace, looksAt: "从 or 据 before the run and the verb in its clause",
                   "Where the news came from or someone set out (记者从哈尔滨海关获悉, 据成都海关统计, 从郑州起程) is no place of the story.",
                   fires: [.init("中欧班列开行量增长", "记者从哈尔滨海关获悉，今年以来全国中欧班列开行量持续增长。", province: 230000),
                           .init("维和分队起程", "今天，某批维和快反分队从郑州起程，执行为期12个月的维和任务。", province: 410000)],
                   doesNotFire: [.init("中欧班列开行量增长", "记者在哈尔滨海关看到，今年以来全国中欧班列开行量持续增长。", province: 230000),
                                 .init("维和分队起程", "今天，某批维和快反分队在郑州集结，执行为期12个月的维和任务。", province: 410000)],
                   skips: { _, s in RegionTagger.namesSourceOrDeparture(s.buf, at: s.runFrom, end: s.end) }),
        RegionRule("compatriots", .notAPlace, looksAt: "同胞 after the name and the rest of its suffix",
                   "Compatriots of a place (台湾同胞, 香港特别行政区同胞) are people, a subject of policy, not a place.",
                   fires: [.init("某领导会见参访团", "某领导表示，愿同台湾同胞共享发展机遇。", province: 710000)],
                   doesNotFire: [.init("某领导会见参访团", "某领导表示，愿同台湾企业共享发展机遇。", province: 710000)],
                   skips: { _, s in RegionTagger.namesPeople(s.buf, after: s.end) }),
        RegionRule("foreign-name", .notAPlace, looksAt: "the characters on both sides of a short name below the province",
                   "A short name inside a foreign name (斯凯里特 holds 凯里) is no place.",
                   fires: [.init("某国总理访华", "某国总理斯凯里特今天开始访问。", province: 520000)],
                   doesNotFire: [.init("某国总理访华", "凯里特色产业今天开始推介。", province: 520000)],
                   skips: { t, s in
                       RegionTagger.insideForeignName(s.buf, at: s.start, end: s.end)
                           && t.meanings[s.term].allSatisfy { $0.short && t.catalog.regions[$0.region].level > .province }
                   }),
        RegionRule("warship", .notAPlace, looksAt: "舰 after the name, or after 湖, 山, 江, 河, 海",
                   "A warship named after a city or a lake (南宁舰, 微山湖舰) sails far from it.",
                   fires: [.init("编队启航", "南宁舰今天启航。", province: 450000)],
                   doesNotFire: [.init("编队启航", "南宁港今天启航。", province: 450000)],
                   skips: { _, s in RegionTagger.namesWarship(s.buf, after: s.end) }),
        RegionRule("street", .notAPlace, looksAt: "路, 街 or 大街 after the name (and a direction)",
                   "A street named after a place (嘉兴路街道 in Shanghai, 南京西路) is no mention of that place.",
                   fires: [.init("养老服务", "嘉兴路街道的市民驿站热闹起来，老人们在这儿享受日间照料服务。", province: 330000)],
                   doesNotFire: [.init("养老服务", "嘉兴的市民驿站热闹起来，老人们在这儿享受日间照料服务。", province: 330000)],
                   skips: { _, s in RegionTagger.namesStreet(s.buf, after: s.end) }),
        RegionRule("leaders-meet", .venue, looksAt: "在 before the run and the clause after it (RegionWords.leaderVerb)",
                   "Where leaders meet (在昆明会见…) is no place of the story.",
                   fires: [.init("会见外宾", "国务院总理6日下午在昆明会见来华出席会议的亚洲开发银行行长。", province: 530000)],
                   doesNotFire: [.init("会见外宾", "国务院总理6日下午在昆明考察当地的企业。", province: 530000)],
                   skips: { _, s in s.venueFrom >= 0 && RegionTagger.leadersMeetAt(s.buf, at: s.venueFrom, end: s.end) }),
        RegionRule("test-flight", .venue, looksAt: "在 before the run and 试飞 in the clause after it",
                   "The site of a test flight (在漠河完成高寒试飞), like a launch site, is no place of the story.",
                   fires: [.init("国产无人机完成高寒试飞", "一款国产新型无人机日前在漠河完成高寒试飞，各项指标符合设计要求。", province: 230000)],
                   doesNotFire: [.init("国产无人机完成高寒试飞", "一款国产新型无人机日前在漠河完成高寒测试，各项指标符合设计要求。", province: 230000)],
                   skips: { _, s in s.venueFrom >= 0 && RegionTagger.testFlownAt(s.buf, end: s.end) }),
        RegionRule("meeting-venue", .venue, looksAt: "在 before the run, the holding verb after it, the gathering in its sentence",
                   "The venue of a national or international meeting, contest or campaign is no place, unless a fair, games or a place of its own province are named with it.",
                   fires: [.init("艺术节开幕", "第十三届中国民间艺术节昨晚在山东青岛开幕。", province: 370000)],
                   doesNotFire: [.init("艺术节开幕", "第十三届中国民间艺术博览会昨晚在山东青岛开幕。", province: 370000)],
                   skips: { t, s in s.venueFrom >= 0 && t.meetingHeldAt(s.buf, at: s.venueFrom, end: s.end, term: s.term) }),
    ]

    /// Step 3: rules that weigh the names left.
    static let weighing: [RegionRule] = [
        RegionRule("official-title", .background, looksAt: "the title after the name and the rest of its suffix (RegionWords.title)",
                   "An official's title, a delegation, a team or reporters (香港特别行政区行政长官, 江西代表团) say where a person serves.",
                   fires: [.init("会议开幕", "香港特别行政区行政长官列席会议。", province: 810000)],
                   doesNotFire: [.init("会议开幕", "香港特别行政区今天举行升旗仪式。", province: 810000)]),
        RegionRule("quoted-name", .background, looksAt: "“…” around the name in its sentence",
                   "A quoted name (“天津市好医生…”志愿服务团队) weighs as a listed place.",
                   fires: [.init("示范项目名单公布", "“天津市好医生走基层送健康”志愿服务团队等102个集体获评优秀团队。", province: 120000)],
                   doesNotFire: [.init("示范项目名单公布", "天津市好医生走基层送健康志愿服务团队等102个集体获评优秀团队。", province: 120000)],
                   marks: { _, s in RegionTagger.insideQuotes(s.buf, at: s.start, end: s.end) }),
        RegionRule("destination", .background, looksAt: "the verb before the run (RegionWords.destination)",
                   "Where goods, trains or people are sent (输送香港的电量) weighs as a listed place.",
                   fires: [.init("外贸企业拓市场", "外贸企业今天以包机的方式出发香港机场，搭机前往欧洲寻商机。", province: 810000)],
                   doesNotFire: [.init("外贸企业拓市场", "外贸企业今天以包机的方式在香港机场集合，搭机前往欧洲寻商机。", province: 810000)],
                   marks: { _, s in RegionTagger.destination(s.buf, at: s.runFrom) }),
        RegionRule("hometown", .background, looksAt: "家乡 or 老家 before the run",
                   "A person's home (家乡贵州) weighs as a listed place.",
                   fires: [.init("凝心铸师魂", "某某的家乡贵州曾经是深度贫困地区，老师点亮了他的梦想。", province: 520000)],
                   doesNotFire: [.init("凝心铸师魂", "某某生活的贵州曾经是深度贫困地区，老师点亮了他的梦想。", province: 520000)],
                   marks: { _, s in RegionTagger.hometown(s.buf, at: s.runFrom) }),
        RegionRule("visit-recalled", .background, looksAt: "考察时, 视察时, 调研时 after a run opened by 在",
                   "A leader's visit recalled as the occasion of a quote (在上海考察时强调) weighs as a listed place.",
                   fires: [.init("牢记嘱托", "总书记在上海考察时强调，要勇于探索。", province: 310000)],
                   doesNotFire: [.init("牢记嘱托", "总书记在上海考察，强调要勇于探索。", province: 310000)],
                   marks: { _, s in s.venueFrom >= 0 && RegionTagger.visitRecalled(s.buf, after: s.end) }),
        RegionRule("bare-list", .bare, looksAt: "the list the name is in, up to 等地, 多地 or a count",
                   "A bare list closed by 等地 (广西、湖南、江西等地有暴雨) makes none of its provinces salient.",
                   fires: [.init("南方多地强降雨", "今天，广西、湖南、江西、安徽等地出现强降雨。", province: 430000)],
                   doesNotFire: [.init("南方多地强降雨", "今天，湖南出现强降雨。", province: 430000)]),
        RegionRule("birthplace", .bare, looksAt: "生于 before the run",
                   "Where a person was born (出生于辽宁昌图) is a biography's background.",
                   fires: [.init("科学家的故事", "王某某出生于辽宁昌图，一生致力于航天事业。", province: 210000)],
                   doesNotFire: [.init("科学家的故事", "王某某扎根辽宁昌图，一生致力于航天事业。", province: 210000)],
                   marks: { _, s in RegionTagger.birthplace(s.buf, at: s.runFrom) }),
        RegionRule("origin", .bare, looksAt: "来自 before the run",
                   "Where people come from (来自新疆的某委员) is background, as a birthplace is.",
                   fires: [.init("委员通道：讲述履职故事", "来自新疆的某委员分享了当地各民族守望相助的故事。", province: 650000)],
                   doesNotFire: [.init("委员通道：讲述履职故事", "新疆的某委员分享了当地各民族守望相助的故事。", province: 650000)],
                   marks: { _, s in RegionTagger.origin(s.buf, at: s.runFrom) }),
        RegionRule("forecast", .bare, looksAt: "the paragraph after a weather service's 预计",
                   "The places of a weather forecast (中央气象台预计，…) place no story.",
                   fires: [.init("冷空气来袭", "中央气象台预计，明后天内蒙古中部气温将下降8—12℃。", province: 150000)],
                   doesNotFire: [.init("冷空气来袭", "明后天内蒙古中部气温将下降8—12℃。", province: 150000)]),
        RegionRule("opens-sentence", .topic, looksAt: "what stands before the name in its sentence",
                   "A place opening a sentence (广西林业…, 在广西，…) is its topic and keeps its province beside a heavier one.",
                   fires: [.init("林改谱新篇", fujianLead + "广西林业产业总产值也在不断增长。", province: 450000)],
                   doesNotFire: [.init("林改谱新篇", fujianLead + "这一经验也在广西推广开来。", province: 450000)]),
        RegionRule("visit", .topic, looksAt: "来到, 走进, 位于 … before the run (RegionWords.visit)",
                   "Where someone goes or what the story is about stands (来到广西…) is a topic.",
                   fires: [.init("林改谱新篇", fujianLead + "记者来到广西林区看到林业产业蓬勃发展。", province: 450000)],
                   doesNotFire: [.init("林改谱新篇", fujianLead + "记者看到广西林区林业产业蓬勃发展。", province: 450000)]),
    ]
}
