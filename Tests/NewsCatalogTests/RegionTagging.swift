import NewsCatalog
import NewsText

/// What the region-tagging suites share: the tagger and the segmenter it checks word
/// boundaries with, and the provinces of a made-up article.
protocol RegionTagging {
    var tagger: RegionTagger { get }
    var segmenter: WordSegmenter { get }
}

extension RegionTagging {
    static func makeTagger() throws -> (RegionTagger, WordSegmenter) {
        (RegionTagger(catalog: try RegionCatalog.shared()), try WordSegmenter())
    }

    func tag(_ headline: String, _ body: String) -> [Int32] { tagger.tag(headline: headline, body: body, segmenter: segmenter) }

    /// Filler that pushes what follows out of the lead.
    var filler: String { String(repeating: "会议听取了有关工作情况的汇报，审议了有关事项，对下一步工作作出部署。", count: 4) }

    func provinces(_ headline: String, _ body: String) -> Set<Int32> {
        Set(tag(headline, body).map { tagger.catalog.province(of: $0) })
    }
}
