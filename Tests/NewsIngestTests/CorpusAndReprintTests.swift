import Foundation
import Testing
import TestSupport
import NewsText
@testable import NewsIngest

@Suite struct CorpusTests {
    static let corpus = repositoryRoot + "/corpus"

    @Test func theSampleCorpusReadsWithoutIssues() throws {
        let (articles, ingestor) = try ingest([Self.corpus])
        #expect(ingestor.issues.isEmpty, "\(ingestor.issues)")
        #expect(articles.count >= 60)
        #expect(Set(articles.map(\.id)).count == articles.count)
        #expect(articles.allSatisfy { $0.date != nil || $0.location.hasSuffix("wire-2025.jsonl:16") })
        let years = Set(articles.compactMap { $0.date?.components.year })
        #expect(years.isSuperset(of: [2023, 2024, 2025, 2026]))
        // Every portal file lost its footer.
        let table = try CharacterTable.shared()
        for a in articles where !a.location.contains(".jsonl") {
            let body = table.normalize(a.body)
            #expect(!body.contains("版权") && !body.contains("icp备") && !body.contains("延伸阅读"), "\(a.location)")
            // Taiwanese pages carry a byline instead of a source.
            #expect(a.source != nil || a.location.contains("tw-liangan"), "\(a.location) has no source")
        }
    }

    @Test func legacyEncodedCorpusFilesDecode() throws {
        for (suffix, needle) in [("gb18030.txt", "长沙"), ("big5.txt", "漳州")] {
            let files = Ingestor.files(under: Self.corpus, ignored: &ignoredSink).filter { $0.hasSuffix(suffix) }
            #expect(files.count == 1)
            let bytes = try #require(FileManager.default.contents(atPath: files[0]))
            #expect(String(data: bytes, encoding: .utf8) == nil, "\(suffix) should not be UTF-8")
            let (articles, _) = try ingest(files)
            #expect(articles.first?.headline.contains(needle) == true)
        }
    }

    @Test func pinyinDebrisIsGoneFromTheCorpusArticle() throws {
        let files = Ingestor.files(under: Self.corpus, ignored: &ignoredSink).filter { $0.hasSuffix("pinyin.txt") }
        let (articles, _) = try ingest(files)
        let a = try #require(articles.first)
        #expect(!a.headline.contains("("))
        #expect(a.body.range(of: #"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)"#, options: .regularExpression) == nil)
        #expect(a.date != nil)
    }

    @Test func corpusReprintsClusterAndSameDayStoriesDoNot() throws {
        let (articles, _) = try ingest([Self.corpus])
        let table = try CharacterTable.shared()
        var clusterer = ReprintClusterer()
        var labels = [String: UInt64]()
        for a in articles {
            if let f = Fingerprint(body: a.body, table: table) { labels[a.location] = clusterer.assign(f) }
        }
        let wuhu = articles.filter { $0.location.contains("wuhu") }.map { labels[$0.location] }
        #expect(wuhu.count == 3)
        #expect(Set(wuhu).count == 1, "the three Wuhu reprints are one cluster")
        let zhengzhou = articles.filter { $0.location.contains("2024-08-13-zhengzhou") }.map { labels[$0.location] }
        #expect(zhengzhou.count == 2 && zhengzhou[0] != zhengzhou[1])
        #expect(Set(labels.values).count == articles.count - 2, "no other merges")
    }
}

nonisolated(unsafe) var ignoredSink = 0

@Suite struct ReprintTests {
    static let story = """
        4月20日，安徽省芜湖市低空经济产业园二期正式开园，首批入驻的16家企业涵盖无人机整机、航空发动机、机载设备和飞行服务等领域。\
        园区二期总建筑面积约18万平方米，配套建设了试飞场、检测中心和共享实验室。芜湖市发展改革委负责人介绍，今年一季度全市低空经济相关产业产值约92亿元，同比增长31%。\
        产业园还与本地高校共建无人机学院，计划三年培养技能人才3000名。下一步，芜湖将加快开放低空空域试点，拓展物流配送、应急救援和城市巡检等应用场景。
        """

    @Test func editedCopiesClusterWithTheOriginal() throws {
        let table = try CharacterTable.shared()
        var clusterer = ReprintClusterer()
        let original = try #require(Fingerprint(body: Self.story, table: table))
        let label = clusterer.assign(original)
        let edits = [
            Self.story.replacingOccurrences(of: "，", with: ","),                     // re-punctuated
            "（记者 方晓明）" + Self.story + "\n转自：江淮产经报",                         // byline and reprint line
            Self.story.replacingOccurrences(of: "下一步，芜湖将加快开放低空空域试点，拓展物流配送、应急救援和城市巡检等应用场景。", with: ""),
            String(Self.story.prefix(Self.story.count * 85 / 100)),                  // tail cut
        ]
        for edit in edits {
            let f = try #require(Fingerprint(body: edit, table: table))
            #expect(clusterer.nearest(f)?.label == label, "\(edit.prefix(30))")
        }
        // The Traditional reprint normalizes to the same shingles.
        let traditional = String(decoding: try Transliterator(id: "Simplified-Traditional").transliterate(Array(Self.story.utf16)), as: UTF16.self)
        #expect(traditional != Self.story)
        #expect(clusterer.nearest(try #require(Fingerprint(body: traditional, table: table)))?.label == label)
    }

    @Test func aDifferentStoryOfTheSameCityAndDayDoesNot() throws {
        let table = try CharacterTable.shared()
        var clusterer = ReprintClusterer()
        _ = clusterer.assign(try #require(Fingerprint(body: Self.story, table: table)))
        let other = """
            4月20日，安徽省芜湖市新能源汽车产业链招商推介会举行，现场签约项目23个，总投资约186亿元，涉及动力电池、电驱系统和汽车电子等领域。\
            芜湖市经济和信息化局负责人介绍，今年一季度全市新能源汽车产量约12万辆，同比增长28%，整车企业本地配套率提高到55%。\
            下一步，芜湖将围绕整车企业需求开展精准招商，推动零部件企业就近配套，力争全年新能源汽车产量突破50万辆。
            """
        let f = try #require(Fingerprint(body: other, table: table))
        #expect(clusterer.nearest(f) == nil)
    }

    @Test func aCopyMonthsLaterIsATemplateNotAReprint() throws {
        var clusterer = ReprintClusterer()
        let f = try #require(Fingerprint(body: Self.story, table: try CharacterTable.shared()))
        let label = clusterer.assign(f, day: 20_000)
        #expect(clusterer.nearest(f, day: 20_000 + ReprintClusterer.window)?.label == label)
        #expect(clusterer.nearest(f, day: 20_000 - ReprintClusterer.window)?.label == label)
        #expect(clusterer.nearest(f, day: 20_000 + ReprintClusterer.window + 1) == nil)
        #expect(clusterer.nearest(f)?.label == label, "an undated article may be a reprint of any")
    }

    /// Candidates come from a few indexed values per sketch; that must never miss
    /// a member at the threshold. Checked against scoring every remembered sketch.
    @Test func candidateSearchMissesNoMemberAtTheThreshold() {
        var random = SplitMix64(seed: 11)
        var clusterer = ReprintClusterer()
        var originals = [Fingerprint]()
        var remembered = [Fingerprint]()
        // Originals draw values below 2^31, extras of copies above: a copy's similarity is what it keeps.
        func fresh() -> [UInt32] { (0 ..< 64).map { _ in UInt32(truncatingIfNeeded: random.next()) & 0x7FFF_FFFF } }
        // Copies keep 16…32 of an original's values (similarities on both sides of the threshold),
        // half of them dropping the smallest ones, which the candidate search indexes: the hard case.
        // Each original has few copies, so no value is common enough to count as boilerplate.
        func sketch(from base: [UInt32], keep: Int, dropSmallest: Bool) -> Fingerprint {
            let kept = dropSmallest ? Array(base.suffix(keep)) : Array(base.shuffled(using: &random).prefix(keep))
            var values = Set(kept)
            while values.count < Fingerprint.size { values.insert(UInt32(truncatingIfNeeded: random.next()) | 0x8000_0000) }
            return Fingerprint(hashes: values.sorted())
        }
        var checked = 0
        for round in 0 ..< 400 {
            let f: Fingerprint
            if round % 2 == 0 || originals.isEmpty {
                f = Fingerprint(hashes: Array(Set(fresh())).sorted().prefix(Fingerprint.size).map { $0 })
                originals.append(f)
            } else {
                f = sketch(from: originals[Int(random.next() % UInt64(originals.count))].hashes, keep: 16 + Int(random.next() % 17),
                           dropSmallest: round % 4 == 1)
            }
            let best = remembered.map { $0.similarity(f) }.max() ?? 0
            let found = clusterer.nearest(f)
            if best >= clusterer.threshold {
                #expect(found?.similarity == best)
                checked += 1
            } else {
                #expect(found == nil)
            }
            _ = clusterer.assign(f)
            remembered.append(f)
        }
        #expect(checked > 30)
    }

    @Test func shortTextsGetNoFingerprint() throws {
        #expect(Fingerprint(body: "芜湖低空经济产业园二期开园", table: try CharacterTable.shared()) == nil)
    }
}
