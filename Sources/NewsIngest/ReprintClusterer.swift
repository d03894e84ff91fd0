/// Groups articles into reprint clusters by fingerprint, incrementally.
///
/// An article joins the cluster of the most similar earlier article whose
/// estimated shingle similarity is at least `threshold`; otherwise it starts a
/// cluster of its own, labelled from its own fingerprint (a label that stays
/// valid when members are deleted or segments merge). Candidates are the
/// earlier articles sharing at least one sketch value; values shared by very
/// many articles (boilerplate phrases) are not used to find candidates.
public struct ReprintClusterer: Sendable {
    public let threshold: Double
    private var postings: [UInt32: [Int32]] = [:]
    private var fingerprints: [Fingerprint] = []
    private var labels: [UInt64] = []

    /// Chosen from constructed pairs (`news-bench reprints`): edited reprints
    /// score far above it, different stories of the same day far below.
    public static let defaultThreshold = 0.7
    /// Sketch values held by more articles than this are boilerplate, not evidence.
    static let maxPosting = 128

    public init(threshold: Double = defaultThreshold) {
        self.threshold = threshold
    }

    public var count: Int { fingerprints.count }

    /// The label and similarity of the most similar earlier article at or above the threshold.
    public func nearest(_ fingerprint: Fingerprint) -> (label: UInt64, similarity: Double)? {
        // A member can reach the threshold only if it shares enough sketch values.
        let needed = Int((threshold * Double(Fingerprint.size)).rounded(.down)) - 2
        var shared = [Int32: Int]()
        for v in fingerprint.hashes {
            guard let members = postings[v], members.count <= Self.maxPosting else { continue }
            for m in members { shared[m, default: 0] += 1 }
        }
        var best: (UInt64, Double)? = nil
        for (m, count) in shared where count >= needed {
            let s = fingerprints[Int(m)].similarity(fingerprint)
            if s >= threshold, best == nil || s > best!.1 || (s == best!.1 && labels[Int(m)] < best!.0) { best = (labels[Int(m)], s) }
        }
        return best
    }

    /// Adds an article that already has a label (when reopening an index).
    public mutating func insert(_ fingerprint: Fingerprint, label: UInt64) {
        let index = Int32(fingerprints.count)
        fingerprints.append(fingerprint)
        labels.append(label)
        for v in fingerprint.hashes { postings[v, default: []].append(index) }
    }

    /// Assigns `fingerprint` to a cluster, remembers it, and returns the label.
    public mutating func assign(_ fingerprint: Fingerprint) -> UInt64 {
        let label = nearest(fingerprint)?.label ?? fingerprint.label
        insert(fingerprint, label: label)
        return label
    }
}
