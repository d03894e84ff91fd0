/// The words that say what a line of a saved page is. All entries are in
/// normalized form (Simplified, half-width, lowercase), as lines are matched
/// after `CharacterTable.normalize`; Traditional pages match through it.
///
/// These are kinds of page furniture found across many portals, not the
/// phrases of particular sites.
enum PageVocabulary {
    /// Words that make up share, print, font-size, comment, login and counter
    /// widgets. A line that is nothing but these (and punctuation, digits,
    /// spaces) is a widget line.
    static let widgetWords: [String] = [
        // sharing and following
        "分享到", "分享至", "分享", "转发", "收藏本页", "加入收藏", "收藏", "设为首页", "设为主页", "扫一扫", "扫描二维码",
        "二维码", "微信扫码", "关注公众号", "关注我们", "公众号", "微信", "微博", "朋友圈", "qq空间", "qq", "line推播",
        "启动line推播", "每日重大新闻通知", "下载app", "打开app", "客户端", "app", "手机版", "移动版",
        // printing and closing
        "友善列印", "打印本页", "打印", "列印", "关闭窗口", "关闭本页", "关闭此视窗", "关闭", "返回顶部", "返回首页", "返回",
        "顶部", "复制链接", "点此复制本页地址", "复制", "纠错", "举报",
        // font size
        "字号", "字体", "字级", "字级设定", "放大", "缩小", "还原", "默认", "大", "中", "小", "变大", "变小", "大字", "小字",
        // comments, login
        "我要评论", "发表评论", "评论", "登录并发表", "登录", "注册", "退出", "找回密码", "快速开始", "只需一步", "跳转到指定楼层",
        "只看该作者", "倒序浏览", "阅读模式", "回帖奖励", "上一主题", "下一主题", "上一篇", "下一篇", "展开详细", "展开全文",
        "阅读全文", "查看全文", "查看原文", "收起",
        // counters
        "人气", "点击量", "点击数", "点击", "阅读量", "阅读数", "阅读次数", "阅读", "浏览量", "浏览次数", "浏览", "点阅数", "次",
        "查看", "回复", "赞", "踩", "评论一下", "请按ctrlp", "即可列印", "即可打印", "登录后可查看全文", "登陆后可查看全文", "登录后查看全文",
        // misc controls
        "image", "user icon", "eng", "english", "rss", "搜索", "搜寻", "更多", "更 多", "广告", "x", "×", "首页", "主页",
        "您好", "今天是", "欢迎您", "欢迎访问", "社交网站",
    ]

    /// Lines that open the page around the article: related links, comments,
    /// copyright and filing notices. The article never continues after one.
    static let footerStarts: [String] = [
        "相关新闻", "相关阅读", "相关文章", "相关链接", "相关报道", "相关推荐", "相关资讯", "相关专题", "延伸阅读", "推荐阅读",
        "猜你喜欢", "猜你想看", "你可能还喜欢", "热门新闻", "热点视频", "热点新闻", "热点舆情", "热门推荐", "热门文章", "热门阅读",
        "新闻推荐", "更多文章", "更多新闻", "更多精彩", "更多精采", "今日热门", "今日热点", "今日整点新闻", "精彩推荐", "为您推荐",
        "大家都在看", "本周最多", "最新文章", "最新新闻", "最近更新", "[最近更新]", "网友评论", "所有评论", "最新评论", "热门评论",
        "评论0", "评论(0)", "我要评论", "发表评论", "您需要登录", "登录后才可以评论", "回应已关闭", "【版权", "【免责", "版权声明",
        "免责声明", "版权及免责声明", "网站声明", "本站声明", "版权所有", "版权说明", "copyright", "©", "网站备案", "备案号", "未经授权", "凡注明",
        "本网站所刊登", "声明:", "您的观点仅代表", "请文明发言", "文明上网", "理性发言", "发表您的评论", "- 继续阅读", "-继续阅读", "继续阅读,请向下滑", "欢迎各界分享", "因为你,我们得以前进",
        "点击进入专题", "进入专题",
    ]

    /// Whole lines that head a list after the article: "视频", "推荐".
    /// Short lines beginning with these head a list of links: "相关搜索", "延伸·推荐".
    static let footerPrefixes = ["相关", "延伸", "热门", "热点", "猜你", "推荐", "更多", "大家都在", "为你推荐", "为您推荐", "精彩"]

    static let footerWords: Set<String> = ["视频", "推荐", "热门", "相关", "专题", "热点", "更多视频", "精彩视频", "图集", "热门排行",
                                           "排行榜", "点击排行", "阅读排行", "往期回顾", "新闻排行"]

    /// Words that, anywhere in a short line, mark a footer notice: "风传媒欢迎各界分享发声".
    static let footerNotices = ["声明:转载", "特别声明", "郑重声明", "正文已结束", "写下你的想法", "在手机打开当前页", "扫一扫在手机",
                                "返回腾讯网首页", "返回首页", "返回网易首页", "欢迎各界分享", "来稿请寄", "未经授权", "不得转载", "禁止转载", "请勿转载", "版权所有", "保留所有权利"]

    /// Links to the previous and next article: the article has ended.
    static let neighbourLinks = ["上一篇", "下一篇", "上一条", "下一条", "上一则", "下一则", "上篇", "下篇"]

    /// Labels of the fields on a date/source line, as `label:` (`label：`).
    static let sourceLabels = ["稿件来源", "消息来源", "新闻来源", "信息来源", "文章来源", "本文来源", "内容来源", "来源于", "来源", "稿源",
                               "出处", "转自", "转载自", "发布机构", "发文机关", "发布单位", "来自"]
    static let dateLabels = ["发布时间", "发布日期", "发表时间", "发表日期", "更新时间", "更新日期", "上传时间", "出版日期", "成文日期",
                             "时间", "日期", "发表于", "发布于"]
    static let personLabels = ["责任编辑", "收集编辑", "作者", "记者", "编辑", "责编", "编审", "审核", "校对", "通讯员", "撰文",
                               "摄影", "监制", "供稿", "编译", "主编"]
    /// Other fields seen on meta lines; they end a source value.
    static let otherLabels = ["点击", "阅读", "浏览", "字号", "分享", "人气", "点击量", "阅读次数", "点阅数", "浏览次数", "评论",
                              "索引号", "公文种类", "主题词", "文号"]

    /// Editor credits: after the article has begun, a line of these ends it.
    static let editorLabels = ["责任编辑", "责编", "编辑", "编审", "校对", "审核", "监制", "主编", "值班编辑", "网络编辑"]

    /// Suffixes of a publication's name (newspaper, agency, site, station).
    static let publicationSuffixes = ["日报", "晚报", "早报", "时报", "商报", "导报", "快报", "周报", "周刊", "杂志", "新闻网",
                                      "新闻", "网", "报", "社", "台", "公众号", "之声", "即时", "电视台", "广播电台", "年鉴",
                                      "客户端", "频道"]

    /// A publication named this way is the site itself, never a source.
    static let selfReferences = ["本报", "本网", "本台", "本刊", "本站", "晚报", "日报", "早报", "本社"]

    /// Words that only spam injected into hacked pages carries.
    static let spamWords = ["彩票网", "彩神", "娱乐城", "博彩", "赌场", "现金网", "现金官网", "百家乐", "真人娱乐", "棋牌游戏",
                            "比分直播", "日韩", "欧美三级", "精品国产", "av在线", "久久久", "蜘蛛池", "主站蜘蛛", "网站外链",
                            "网站建设小程序", "新利平台", "亚洲精品", "无码", "黄色网站", "成人视频"]

    /// Labels that open a summary deck printed above the article.
    static let deckLabels = ["导读", "摘要", "内容提要", "提要", "核心提示", "编者按", "划重点"]

    /// Lines of an e-paper reader's frame (not the article's).
    static let epaperWords = ["电子报", "当前报章", "当前报纸", "报纸名称", "今日导读", "本报新闻", "版面导航", "往期回顾",
                              "电子报阅读机", "报纸"]

    /// Tag lines: the rest of the line (or the next short line) is a tag.
    static let tagLabels = ["标签", "关键字", "关键词", "tag", "tags"]

    /// Self-media platforms whose name some pages glue to the end of the
    /// headline (`…的危与机财富号`), as the channel an account writes in. Each
    /// ends with 号 or 点 (`PageExtractor.withoutPlatformName` tests that first).
    static let platformNames = ["百家号", "头条号", "企鹅号", "网易号", "搜狐号", "大风号", "一点号", "澎湃号", "财富号",
                                "凤凰号", "新浪看点", "快传号"]
}
