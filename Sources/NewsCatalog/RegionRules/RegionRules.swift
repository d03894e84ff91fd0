/// The region tagger's rules, in the order they apply: the single statement of precedence.
///
/// 1. `beforeScan`: phrases are blanked, or counted as provinces, in the whole field before any
///    name is looked for (`RegionTagger.scanField`, in this order).
/// 2. `skipping`: the scan finds names leftmost-longest; the rules are tried on each name in
///    table order, and the first that fires skips it.
/// 3. `weighing`: the names left are weighed by the rules in table order (`weigh`). A `bare` or
///    `background` rule that fires halves the name's weight, wherever it stands; a `topic` or
///    `prominent` rule raises it to `RegionTagger.topicWeight` unless a `bare` or `background`
///    rule above it has fired. So a title does not stop a visit (来到…), a list does stop a
///    sentence's topic, and a forecast stops everything.
/// 4. `checking`: whether the name counts only beside its parent (a tunnel), lines up with
///    ICU's words, or is a piece of a person's name in a list.
/// 5. `resolving`: names that need context count only beside a confident mention of their parent
///    (`RegionTagger.resolve`).
/// 6. `selecting`: the kind of article decides how much weight a province needs
///    (`RegionTagger.select`).
///
/// Adding a rule: a row here (with its minimal pairs, which `RegionRuleExampleTests` runs), at
/// the place in the table where it takes precedence, and its predicate in the file of its
/// family (`RegionTagger+Sources` for sources and background, `+Venues`, `+Names`, `+Routes`)
/// when it looks at a new kind of context; a new word goes to `scripts/catalog/region_words.tsv`
/// alone.
public enum RegionRules {
    /// Every rule, in the order it applies.
    public static let all: [RegionRule] = beforeScan + skipping + weighing + checking + resolving + selecting

    /// The predicates of the table, by application, in table order.
    static let skipPredicates = all.compactMap { r -> (@Sendable (RegionTagger, MentionSite) -> Bool)? in
        if case .skips(let p) = r.application { return p } else { return nil }
    }
    static let weighPredicates = all.compactMap { r -> (RegionRule.Effect, @Sendable (RegionTagger, MentionSite) -> Bool)? in
        if case .weighs(let p) = r.application { return (r.effect, p) } else { return nil }
    }
    static let needsParentPredicates = all.compactMap { r -> (@Sendable (RegionTagger, MentionSite) -> Bool)? in
        if case .needsParent(let p) = r.application { return p } else { return nil }
    }
    static let unalignPredicates = all.compactMap { r -> (@Sendable (RegionTagger, MentionSite) -> Bool)? in
        if case .unaligns(let p) = r.application { return p } else { return nil }
    }
    static let shortNamePredicates = all.compactMap { r -> (@Sendable (String) -> Bool)? in
        if case .shortNameNeedsParent(let p) = r.application { return p } else { return nil }
    }
    static let sentencePredicates = all.compactMap { r -> (@Sendable (RegionCatalog, [Int]) -> Bool)? in
        if case .parentInSentence(let p) = r.application { return p } else { return nil }
    }

    /// Whether a skipping rule fires on the name at `site` (step 2).
    static func skips(_ tagger: RegionTagger, _ site: MentionSite) -> Bool {
        skipPredicates.contains { $0(tagger, site) }
    }

    /// What the weighing rules (step 3) decide about a name.
    struct Weighing {
        /// A `bare` or `background` rule fired: the name weighs as a listed place.
        var halved = false
        /// A `bare` rule fired: the name makes no province salient on its own and places nothing.
        var bare = false
        /// A `topic` rule fired before any halving rule: the name is its sentence's topic.
        var topic = false
        /// A `prominent` rule fired before any halving rule: the name weighs as a topic.
        var prominent = false
    }

    /// The weighing rules applied to the name at `site`, in table order.
    static func weigh(_ tagger: RegionTagger, _ site: MentionSite) -> Weighing {
        var w = Weighing()
        for (effect, fires) in weighPredicates {
            switch effect {
            case .bare: if !w.bare, fires(tagger, site) { w.bare = true; w.halved = true }
            case .background: if !w.halved, fires(tagger, site) { w.halved = true }
            case .topic: if !w.halved, !w.topic, fires(tagger, site) { w.topic = true }
            case .prominent: if !w.halved, !w.topic, !w.prominent, fires(tagger, site) { w.prominent = true }
            case .notAPlace, .venue, .needsContext, .names, .story: break
            }
        }
        return w
    }

    /// Whether a rule says that the name at `site` counts only beside its parent (step 4).
    static func needsParent(_ tagger: RegionTagger, _ site: MentionSite) -> Bool {
        needsParentPredicates.contains { $0(tagger, site) }
    }

    /// Whether a rule says that the name at `site` is a piece of another word (step 4).
    static func unaligns(_ tagger: RegionTagger, _ site: MentionSite) -> Bool {
        unalignPredicates.contains { $0(tagger, site) }
    }

    /// Whether a rule says that the short name `name` counts only beside its parent (step 5).
    @Sendable static func shortNameNeedsParent(_ name: String) -> Bool {
        shortNamePredicates.contains { $0(name) }
    }

    /// Whether a rule says that a short name of that kind, naming `regions`, needs its parent in
    /// its own sentence (step 5).
    static func parentInSentence(_ catalog: RegionCatalog, _ regions: [Int]) -> Bool {
        sentencePredicates.contains { $0(catalog, regions) }
    }

    /// Filler that pushes what follows out of an article's lead (a mention there weighs 2).
    static let fujianLead = String(repeating: "福建推进集体林权制度改革，福建三明、南平等地林农增收。", count: 4)

    /// Step 1: phrases blanked, or counted as provinces, before names are looked for.
    static let beforeScan: [RegionRule] = [
        RegionRule("not-a-place-phrase", .notAPlace, looksAt: "the phrase holding the name (RegionWords.notPlaces)",
                   "A phrase holding a place's name that names no place of the story: 台湾问题, 北京时间, 别尔哥罗德州.",
                   fires: [.init("外交部发言人发表谈话", "台湾问题是中国核心利益中的核心。", province: 710000),
                           .init("无人机遭击落", "当天在别尔哥罗德州击落一架无人机。", province: 370000)],
                   doesNotFire: [.init("外交部发言人发表谈话", "台湾经济是中国经济的一部分。", province: 710000),
                                 .init("无人机遭击落", "当天在德州击落一架无人机。", province: 370000)],
                   .beforeScan),
        RegionRule("town-named-gathering", .notAPlace, looksAt: "the gathering's name (RegionWords.townNamedGathering)",
                   "The town an international gathering is named after (博鳌亚洲论坛) is no event of its host's own.",
                   fires: [.init("论坛年会开幕", "博鳌亚洲论坛2030年年会今天在海南博鳌开幕。", province: 460000)],
                   doesNotFire: [.init("论坛年会开幕", "博鳌乡村振兴论坛2030年年会今天在海南博鳌开幕。", province: 460000)],
                   .beforeScan),
        RegionRule("several-provinces", .names, looksAt: "the name of several provinces (RegionWords.groups)",
                   "A name of several provinces together (京津冀, 长三角, 港澳) counts, at half weight, for each of them, and places no county; the phrases above are blanked first, so 港澳台 holds no 港澳.",
                   fires: [.init("长三角一体化发展取得新进展", "", province: 310000)],
                   doesNotFire: [.init("长江经济带发展取得新进展", "", province: 310000)],
                   .beforeScan),
        RegionRule("landmark", .names, looksAt: "the name of a host-run event or a landmark (RegionWords.landmarks), and the headline's provinces",
                   "Games, host-run fairs and landmarks whose names hold no place (北京冬奥, 广交会, 塞罕坝) count at full weight for their provinces, at half weight when the headline names other provinces and not theirs; 北京冬奥会后 is a point in time.",
                   fires: [.init("塞罕坝机械林场迎来新一批游客", "", province: 130000)],
                   doesNotFire: [.init("某机械林场迎来新一批游客", "", province: 130000)],
                   .beforeScan),
        RegionRule("beijing-venue", .venue, looksAt: "在北京 or 在京, and what follows it",
                   "Whatever happens 在北京 happens at the capital's venues, unless a comma, a district or a part of the city follows.",
                   fires: [.init("遗体火化", "某同志的遗体9日在北京八宝山革命公墓火化。", province: 110000)],
                   doesNotFire: [.init("遗体火化", "某同志的遗体9日在北京顺义革命公墓火化。", province: 110000)],
                   .beforeScan),
    ]

    /// Step 2: rules that skip a name found by the scan, tried in this order.
    static let skipping: [RegionRule] = [
        RegionRule("county-outside-previous-place", .notAPlace, looksAt: "the place right before the name, in the same run",
                   "A county short name right after a place it does not lie in names something else there (广东万山: Zhuhai's islands).",
                   fires: [.init("海洋经济加快发展", "在广东万山，波浪能发电装置与深海养殖平台相结合。", province: 520000)],
                   doesNotFire: [.init("海洋经济加快发展", "在万山，波浪能发电装置与深海养殖平台相结合。", province: 520000)],
                   .skips { t, s in s.previousTerm >= 0 && !t.liesIn(s.term, s.previousTerm) }),
        RegionRule("work-title", .notAPlace, looksAt: "the 《…》 around the name and the word that ends it",
                   "The title of a work (电影《南京照相馆》) names no place; the title of a document (《武汉市…规划》) does.",
                   fires: [.init("暑期档票房超90亿元", "电影《南京照相馆》以超23亿元的成绩刷新纪录。", province: 320000)],
                   doesNotFire: [.init("暑期档票房超90亿元", "电影南京照相馆以超23亿元的成绩刷新纪录。", province: 320000)],
                   .skips { _, s in RegionTagger.insideWorkTitle(s.buf, at: s.start, end: s.end) }),
        RegionRule("return-destination", .notAPlace, looksAt: "the verb before the run of places (RegionWords.returnVerb)",
                   "Where a fleet or a traveller returns to (返回广东湛江某军港) is no place of the story.",
                   fires: [.init("护航编队完成任务", "今天上午，海军某批护航编队圆满完成护航任务，返回广东湛江某军港。", province: 440000)],
                   doesNotFire: [.init("护航编队完成任务", "今天上午，海军某批护航编队圆满完成护航任务，停靠广东湛江某军港。", province: 440000)],
                   .skips { _, s in RegionTagger.returnsTo(s.buf, at: s.runFrom) }),
        RegionRule("news-source", .notAPlace, looksAt: "从 or 据 before the run and the verb in its clause",
                   "Where the news came from or someone set out (记者从哈尔滨海关获悉, 据成都海关统计, 从郑州起程) is no place of the story.",
                   fires: [.init("中欧班列开行量增长", "记者从哈尔滨海关获悉，今年以来全国中欧班列开行量持续增长。", province: 230000),
                           .init("维和分队起程", "今天，某批维和快反分队从郑州起程，执行为期12个月的维和任务。", province: 410000)],
                   doesNotFire: [.init("中欧班列开行量增长", "记者在哈尔滨海关看到，今年以来全国中欧班列开行量持续增长。", province: 230000),
                                 .init("维和分队起程", "今天，某批维和快反分队在郑州集结，执行为期12个月的维和任务。", province: 410000)],
                   .skips { _, s in RegionTagger.namesSourceOrDeparture(s.buf, at: s.runFrom, end: s.end) }),
        RegionRule("compatriots", .notAPlace, looksAt: "同胞 after the name and the rest of its suffix",
                   "Compatriots of a place (台湾同胞, 香港特别行政区同胞) are people, a subject of policy, not a place.",
                   fires: [.init("某领导会见参访团", "某领导表示，愿同台湾同胞共享发展机遇。", province: 710000)],
                   doesNotFire: [.init("某领导会见参访团", "某领导表示，愿同台湾企业共享发展机遇。", province: 710000)],
                   .skips { _, s in RegionTagger.namesPeople(s.buf, after: s.end) }),
        RegionRule("foreign-name", .notAPlace, looksAt: "the characters on both sides of a short name below the province",
                   "A short name inside a foreign name (斯凯里特 holds 凯里) is no place.",
                   fires: [.init("某国总理访华", "某国总理斯凯里特今天开始访问。", province: 520000)],
                   doesNotFire: [.init("某国总理访华", "凯里特色产业今天开始推介。", province: 520000)],
                   .skips { t, s in
                       RegionTagger.insideForeignName(s.buf, at: s.start, end: s.end)
                           && t.meanings[s.term].allSatisfy { $0.short && t.catalog.regions[$0.region].level > .province }
                   }),
        RegionRule("warship", .notAPlace, looksAt: "舰 after the name, or after 湖, 山, 江, 河, 海",
                   "A warship named after a city or a lake (南宁舰, 微山湖舰) sails far from it.",
                   fires: [.init("编队启航", "南宁舰今天启航。", province: 450000)],
                   doesNotFire: [.init("编队启航", "南宁港今天启航。", province: 450000)],
                   .skips { _, s in RegionTagger.namesWarship(s.buf, after: s.end) }),
        RegionRule("street", .notAPlace, looksAt: "路, 街 or 大街 after the name (and a direction)",
                   "A street named after a place (嘉兴路街道 in Shanghai, 南京西路) is no mention of that place.",
                   fires: [.init("养老服务", "嘉兴路街道的市民驿站热闹起来，老人们在这儿享受日间照料服务。", province: 330000)],
                   doesNotFire: [.init("养老服务", "嘉兴的市民驿站热闹起来，老人们在这儿享受日间照料服务。", province: 330000)],
                   .skips { _, s in RegionTagger.namesStreet(s.buf, after: s.end) }),
        RegionRule("leaders-meet", .venue, looksAt: "在 before the run and the clause after it (RegionWords.leaderVerb)",
                   "Where leaders meet (在昆明会见…) is no place of the story.",
                   fires: [.init("会见外宾", "国务院总理6日下午在昆明会见来华出席会议的亚洲开发银行行长。", province: 530000)],
                   doesNotFire: [.init("会见外宾", "国务院总理6日下午在昆明考察当地的企业。", province: 530000)],
                   .skips { _, s in s.venueFrom >= 0 && RegionTagger.leadersMeetAt(s.buf, at: s.venueFrom, end: s.end) }),
        RegionRule("test-flight", .venue, looksAt: "在 before the run and 试飞 in the clause after it",
                   "The site of a test flight (在漠河完成高寒试飞), like a launch site, is no place of the story.",
                   fires: [.init("国产无人机完成高寒试飞", "一款国产新型无人机日前在漠河完成高寒试飞，各项指标符合设计要求。", province: 230000)],
                   doesNotFire: [.init("国产无人机完成高寒试飞", "一款国产新型无人机日前在漠河完成高寒测试，各项指标符合设计要求。", province: 230000)],
                   .skips { _, s in s.venueFrom >= 0 && RegionTagger.testFlownAt(s.buf, end: s.end) }),
        RegionRule("meeting-venue", .venue, looksAt: "在 before the run, the holding verb after it, the gathering in its sentence",
                   "The venue of a national or international meeting, contest or campaign is no place, unless a fair, games or a place of its own province are named with it.",
                   fires: [.init("艺术节开幕", "第十三届中国民间艺术节昨晚在山东青岛开幕。", province: 370000)],
                   doesNotFire: [.init("艺术节开幕", "第十三届中国民间艺术博览会昨晚在山东青岛开幕。", province: 370000)],
                   .skips { t, s in s.venueFrom >= 0 && t.meetingHeldAt(s.buf, at: s.venueFrom, end: s.end, term: s.term) }),
    ]

    /// Step 3: rules that weigh the names left, in this order (see `weigh`).
    static let weighing: [RegionRule] = [
        RegionRule("forecast", .bare, looksAt: "the paragraph after a weather service's 预计 (the scan's state)",
                   "The places of a weather forecast (中央气象台预计，…) place no story.",
                   fires: [.init("冷空气来袭", "中央气象台预计，明后天内蒙古中部气温将下降8—12℃。", province: 150000)],
                   doesNotFire: [.init("冷空气来袭", "明后天内蒙古中部气温将下降8—12℃。", province: 150000)],
                   .weighs { _, s in s.inForecast }),
        RegionRule("birthplace", .bare, looksAt: "生于 before the run",
                   "Where a person was born (出生于辽宁昌图) is a biography's background.",
                   fires: [.init("科学家的故事", "王某某出生于辽宁昌图，一生致力于航天事业。", province: 210000)],
                   doesNotFire: [.init("科学家的故事", "王某某扎根辽宁昌图，一生致力于航天事业。", province: 210000)],
                   .weighs { _, s in RegionTagger.birthplace(s.buf, at: s.runFrom) }),
        RegionRule("origin", .bare, looksAt: "来自 before the run",
                   "Where people come from (来自新疆的某委员) is background, as a birthplace is.",
                   fires: [.init("委员通道：讲述履职故事", "来自新疆的某委员分享了当地各民族守望相助的故事。", province: 650000)],
                   doesNotFire: [.init("委员通道：讲述履职故事", "新疆的某委员分享了当地各民族守望相助的故事。", province: 650000)],
                   .weighs { _, s in RegionTagger.origin(s.buf, at: s.runFrom) }),
        RegionRule("bare-list", .bare, looksAt: "the list the name is in, up to 等地, 多地 or a count, and whether the name frames it",
                   "A bare list closed by 等地 (广西、湖南、江西等地有暴雨; 吉林多地; 陕西关中等地) makes none of its provinces salient; so does a place whose run goes on into it through a place of another province (新疆吐鲁番、陕西关中等地), unless it frames a scene (在浙江平湖、安徽淮南等地，…).",
                   fires: [.init("南方多地强降雨", "今天，广西、湖南、江西、安徽等地出现强降雨。", province: 430000)],
                   doesNotFire: [.init("南方多地强降雨", "今天，湖南出现强降雨。", province: 430000)],
                   .weighs { t, s in
                       (s.listed || RegionTagger.continuesList(s.buf, at: s.tail) || s.runsIntoList)
                           && t.closesBareList(s.buf, from: s.listFrom) && !RegionTagger.framesList(s.buf, at: s.start, from: s.listFrom)
                   }),
        RegionRule("route-list", .bare, looksAt: "a dash or 往返 joining the name to another, and the list of routes it goes on into",
                   "A list of routes closed by 等… or by its count (北京—成都、杭州—昆明两条航线) is a bare list (`RegionTagger+Routes.swift`); a route of its own counts for both ends.",
                   fires: [.init("新航线开通", "今天，北京—成都、杭州—昆明两条航线正式开通。", province: 110000)],
                   doesNotFire: [.init("新航线开通", "今天，北京—成都航线正式开通。", province: 110000)],
                   .weighs { t, s in
                       s.routed && t.closesBareList(s.buf, from: s.listFrom) && !RegionTagger.framesList(s.buf, at: s.start, from: s.listFrom)
                   }),
        RegionRule("quoted-name", .background, looksAt: "“…” around the name in its sentence",
                   "A quoted name (“天津市好医生…”志愿服务团队) weighs as a listed place.",
                   fires: [.init("示范项目名单公布", "“天津市好医生走基层送健康”志愿服务团队等102个集体获评优秀团队。", province: 120000)],
                   doesNotFire: [.init("示范项目名单公布", "天津市好医生走基层送健康志愿服务团队等102个集体获评优秀团队。", province: 120000)],
                   .weighs { _, s in RegionTagger.insideQuotes(s.buf, at: s.start, end: s.end) }),
        RegionRule("destination", .background, looksAt: "the verb before the run (RegionWords.destination)",
                   "Where goods, trains or people are sent (输送香港的电量) weighs as a listed place.",
                   fires: [.init("外贸企业拓市场", "外贸企业今天以包机的方式出发香港机场，搭机前往欧洲寻商机。", province: 810000)],
                   doesNotFire: [.init("外贸企业拓市场", "外贸企业今天以包机的方式在香港机场集合，搭机前往欧洲寻商机。", province: 810000)],
                   .weighs { _, s in RegionTagger.destination(s.buf, at: s.runFrom) }),
        RegionRule("hometown", .background, looksAt: "家乡 or 老家 before the run",
                   "A person's home (家乡贵州) weighs as a listed place.",
                   fires: [.init("凝心铸师魂", "某某的家乡贵州曾经是深度贫困地区，老师点亮了他的梦想。", province: 520000)],
                   doesNotFire: [.init("凝心铸师魂", "某某生活的贵州曾经是深度贫困地区，老师点亮了他的梦想。", province: 520000)],
                   .weighs { _, s in RegionTagger.hometown(s.buf, at: s.runFrom) }),
        RegionRule("visit-recalled", .background, looksAt: "考察时, 视察时, 调研时 after a run opened by 在",
                   "A leader's visit recalled as the occasion of a quote (在上海考察时强调) weighs as a listed place.",
                   fires: [.init("牢记嘱托", "总书记在上海考察时强调，要勇于探索。", province: 310000)],
                   doesNotFire: [.init("牢记嘱托", "总书记在上海考察，强调要勇于探索。", province: 310000)],
                   .weighs { _, s in s.venueFrom >= 0 && RegionTagger.visitRecalled(s.buf, after: s.end) }),
        RegionRule("visit", .topic, looksAt: "来到, 走进, 位于 … before the run (RegionWords.visit)",
                   "Where someone goes or what the story is about stands (来到广西…, 位于河南安阳的殷墟) is a topic, even in a title or a list below.",
                   fires: [.init("林改谱新篇", fujianLead + "记者来到广西林区看到林业产业蓬勃发展。", province: 450000)],
                   doesNotFire: [.init("林改谱新篇", fujianLead + "记者看到广西林区林业产业蓬勃发展。", province: 450000)],
                   .weighs { _, s in RegionTagger.visits(s.buf, at: s.runFrom) }),
        RegionRule("official-title", .background, looksAt: "the title after the name and the rest of its suffix (RegionWords.title)",
                   "An official's title (香港特别行政区行政长官, 上海市市长, 安徽省某局原副局长), a lecturer's university, a delegation, a team or reporters (江西代表团, 山东队) say where a person serves.",
                   fires: [.init("会议开幕", "香港特别行政区行政长官列席会议。", province: 810000)],
                   doesNotFire: [.init("会议开幕", "香港特别行政区今天举行升旗仪式。", province: 810000)],
                   .weighs { _, s in RegionTagger.startsTitle(s.buf, after: s.end) }),
        RegionRule("listed", .background, looksAt: "、 before or after the name and its parts, or 和, 与, 及 between it and another place",
                   "A place in a list (北京、天津、河北; 甘肃和青海; 河南北部、山东西北部地区和河北省) weighs half and is no topic.",
                   fires: [.init("迎来降雪", "今天，北京和天津迎来降雪。", province: 110000)],
                   doesNotFire: [.init("迎来降雪", "今天，北京迎来降雪。", province: 110000)],
                   .weighs { _, s in s.listed }),
        RegionRule("opens-sentence", .topic, looksAt: "what stands before the name in its sentence",
                   "A place opening a sentence (广西林业…, 在广西，…; after a short opening phrase or a phrase of purpose: 为了…，北京开展…; after a description: 粮食大省黑龙江…) is its topic and keeps its province beside a heavier one.",
                   fires: [.init("林改谱新篇", fujianLead + "广西林业产业总产值也在不断增长。", province: 450000)],
                   doesNotFire: [.init("林改谱新篇", fujianLead + "这一经验也在广西推广开来。", province: 450000)],
                   .weighs { _, s in RegionTagger.opensSentence(s.buf, at: s.start) }),
        RegionRule("frames-clause", .topic, looksAt: "在 before the name (a description between them allowed) and a comma after it",
                   "A place framing a clause wherever it stands (…，在河南，…; 在全国首个…示范区广西，…) is its topic.",
                   fires: [.init("夏粮丰收在望", fujianLead + "今年以来全国各地的粮食生产形势总体良好，在河南，小麦长势喜人。", province: 410000)],
                   doesNotFire: [.init("夏粮丰收在望", fujianLead + "今年以来全国各地的粮食生产形势总体良好，河南的小麦长势喜人。", province: 410000)],
                   .weighs { _, s in RegionTagger.framesClause(s.buf, at: s.start, end: s.end) }),
        RegionRule("reports-figures", .prominent, looksAt: "the clause after the name, for a digit",
                   "A place reporting figures of its own (河北5000多万亩玉米…) weighs as a topic, but may be a name's and keeps no province beside a heavier one.",
                   fires: [.init("夏粮丰收在望", filler + "今年以来全国各地的粮食生产形势总体良好，河南5000多万亩小麦长势喜人。", province: 410000)],
                   doesNotFire: [.init("夏粮丰收在望", filler + "今年以来全国各地的粮食生产形势总体良好，河南的小麦长势喜人。", province: 410000)],
                   .weighs { _, s in RegionTagger.reportsFigures(s.buf, after: s.end) }),
    ]

    /// Step 4: checks on each name weighed: whether it counts on its own at all.
    static let checking: [RegionRule] = [
        RegionRule("tunnel", .needsContext, looksAt: "隧道 after a county short name (RegionWords.structure)",
                   "A county short name naming a tunnel (太康隧道, on a railway in Shaanxi) counts only beside its parent: a tunnel is named after the village it passes (`RegionTagger+Names.swift`).",
                   fires: [.init("太康隧道顺利贯通", "", province: 410000)],
                   doesNotFire: [.init("太康大道顺利贯通", "", province: 410000)],
                   .needsParent { t, s in
                       RegionTagger.namesStructure(s.buf, after: s.end)
                           && t.meanings[s.term].allSatisfy({ $0.short && t.catalog.regions[$0.region].level == .county })
                   }),
        RegionRule("word-alignment", .notAPlace, looksAt: "ICU's word boundaries at both ends of a short name",
                   "Structural, how the scan walks: names match leftmost-longest, and a county short name gives way to a longer name starting inside it (二十大内蒙古); a short name below the province counts only where it lines up with ICU's words at both ends (重大理论 holds no 大理), a province's at one end at least (隆重庆祝 holds no 重庆).",
                   fires: [.init("深入学习重大理论成果", "", province: 530000),
                           .init("隆重庆祝建党节", "", province: 500000)],
                   doesNotFire: [.init("深入学习大理历史成果", "", province: 530000),
                                 .init("重庆庆祝建党节", "", province: 500000)],
                   .structural),
        RegionRule("name-inside-list", .notAPlace, looksAt: "the Han characters beside a county short name in a list, away from its 、",
                   "A county short name joined to a Han character on the side away from its 、 (汪永清、) is a piece of a person's name, no place.",
                   fires: [.init("王永清、固安推进协同发展", "", province: 130000)],
                   doesNotFire: [.init("永清、固安推进协同发展", "", province: 130000)],
                   .unaligns { t, s in
                       s.listed && RegionTagger.insideName(s.buf, at: s.start, end: s.end, previousEnd: s.previousEnd)
                           && t.meanings[s.term].allSatisfy({ $0.short && t.catalog.regions[$0.region].level >= .county })
                   }),
    ]

    /// Step 5: rules on which names need context when they resolve.
    static let resolving: [RegionRule] = [
        RegionRule("context-only-word", .needsContext, looksAt: "the short name (RegionWords.contextOnly) and the other mentions of its bulletin item",
                   "A short name that is an ordinary word, a person's name or a place better known as something else (中山, 东方, 来宾们, 华龙一号) counts only beside a confident mention of its parent in the same bulletin item, named on its own (京津冀 places no 复兴).",
                   fires: [.init("中山举办灯会", "", province: 440000)],
                   doesNotFire: [.init("佛山举办灯会", "", province: 440000)],
                   .shortNameNeedsParent { RegionTagger.contextOnly.contains($0) }),
        RegionRule("taiwan-district", .needsContext, looksAt: "the sentence of a context-only word that names a district of Taiwan",
                   "A context-only word that is a district of Taiwan (和平, 大里, 东势) needs its parent in its own sentence or the headline: where Taiwan is a subject of policy, 和平 is peace.",
                   fires: [.init("茶农喜获丰收", filler + "这些茶叶产自台湾，远销海外。和平茶园今年喜获丰收。", province: 710000)],
                   doesNotFire: [.init("茶农喜获丰收", filler + "这些茶叶产自台湾和平茶园，今年喜获丰收。", province: 710000)],
                   .parentInSentence { catalog, regions in regions.contains { catalog.province(of: catalog.regions[$0].code) == 710000 } }),
    ]

    /// Step 6: how the kind of article changes what a province needs.
    static let selecting: [RegionRule] = [
        RegionRule("foreign-story", .story, looksAt: "the headline (a foreign country, not inside quotes; RegionWords.foreign) and 当地时间 in the lead",
                   "Structural, applied in `select`: a story with a foreign country in its headline, or 当地时间 in its lead, and no Chinese place in the headline needs `foreignMinimumWeight` for a province (中东部 is China's).",
                   fires: [.init("法国企业家参加交流活动", "上海的企业家也参加了活动。", province: 310000),
                           .init("企业家参加交流活动", "当地时间10日，上海的企业家也参加了活动。", province: 310000)],
                   doesNotFire: [.init("企业家参加交流活动", "上海的企业家也参加了活动。", province: 310000),
                                 .init("企业家参加交流活动", "10日，上海的企业家也参加了活动。", province: 310000)],
                   .structural),
        RegionRule("whole-country", .story, looksAt: "every province the article names on its own",
                   "Structural, applied in `select`: a story naming `nationalSpread` provinces or more on their own, none in the headline and none with 30% of the weight, tours the country and is about China as a whole.",
                   fires: [.init("各地加快春耕", wholeCountry(10), province: 110000)],
                   doesNotFire: [.init("各地加快春耕", wholeCountry(9), province: 110000)],
                   .structural),
    ]

    /// A place-free filler that pushes what follows out of an article's lead.
    static let filler = String(repeating: "会议听取了有关工作情况的汇报，审议了有关事项，对下一步工作作出部署。", count: 5)

    /// The first `count` provinces each opening a sentence of their own.
    static func wholeCountry(_ count: Int) -> String {
        ["北京", "天津", "河北", "山西", "辽宁", "吉林", "上海", "江苏", "浙江", "安徽"].prefix(count).map { $0 + "加快春耕。" }.joined()
    }
}
