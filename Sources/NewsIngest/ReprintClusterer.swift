/// Groups articles into reprint clusters by fingerprint, incrementally.
///
/// An article joins the cluster of the most similar earlier article whose
/// estimated shingle similarity is at least `threshold`; otherwise it starts a
/// cluster of its own, labelled from its own fingerprint (a label that stays
/// valid when members are deleted or segments merge).
///
/// Candidates are found through the `indexedValues` smallest values of each
/// remembered sketch. That is enough to find every member at the threshold:
/// a similarity of `s` means at least `⌈s · size⌉` of the first `size` values
/// of the sketches' union are shared, so at most `size − ⌈s · size⌉` of the
/// member's smallest values are its own, and one more of them must be shared.
/// Values held by very many articles (boilerplate phrases) are not used to
/// find candidates, and a dated article is a reprint only of one dated within
/// `window` days of it: templates that recur (daily epidemic reports, annual
/// session notices) resemble each other as much as reprints do, but a reprint
/// follows its original within days.
///
/// Memory is flat: the sketches in one array, and an open-addressing table from
/// value to a chain of members (about 330 bytes per remembered article).
public struct ReprintClusterer: Sendable {
    public let threshold: Double
    /// How many of each sketch's smallest values are indexed.
    let indexedValues: Int
    private var sketches: [UInt32] = []
    private var labels: [UInt64] = []
    /// Day numbers (`Int32.min`: undated).
    private var days: [Int32] = []
    /// Open addressing by sketch value; `heads[i] == -1` marks an empty slot.
    private var keys: [UInt32] = []
    private var heads: [Int32] = []
    private var counts: [Int32] = []
    private var used = 0
    /// Chains: entry → (member, next entry or −1).
    private var members: [Int32] = []
    private var next: [Int32] = []

    /// Chosen from constructed pairs (`news-bench reprints`): edited reprints
    /// score far above it, different stories of the same day far below.
    public static let defaultThreshold = 0.7
    /// Indexed sketch values held by more articles than this are boilerplate
    /// (daily report templates, standard phrases), not evidence.
    static let maxPosting = 40
    /// Days between a reprint and its original, at most.
    public static let window: Int32 = 3

    public init(threshold: Double = defaultThreshold) {
        self.threshold = threshold
        let size = Fingerprint.size
        let sharedAtLeast = max(1, Int((threshold * Double(size) - 1e-9).rounded(.up)))
        indexedValues = min(size, size - sharedAtLeast + 1)
        keys = [UInt32](repeating: 0, count: 1024)
        heads = [Int32](repeating: -1, count: 1024)
        counts = [Int32](repeating: 0, count: 1024)
    }

    public var count: Int { labels.count }

    /// Approximate bytes held.
    public var memoryBytes: Int { sketches.capacity * 4 + labels.capacity * 8 + days.capacity * 4 + keys.count * 12 + members.capacity * 8 }

    @inline(__always)
    private func slot(of value: UInt32) -> Int {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (UInt64(value) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while heads[i] != -1 && keys[i] != value { i = (i + 1) & mask }
        return i
    }

    private func similarity(_ member: Int, _ fingerprint: Fingerprint) -> Double {
        let size = Fingerprint.size
        return sketches.withUnsafeBufferPointer { all in
            let m = UnsafeBufferPointer(rebasing: all[member * size ..< member * size + size])
            var i = 0, j = 0, taken = 0, shared = 0
            let h = fingerprint.hashes
            while taken < size && i < m.count && j < h.count {
                let x = m[i], y = h[j]
                if x == y { shared += 1; i += 1; j += 1 } else if x < y { i += 1 } else { j += 1 }
                taken += 1
            }
            return Double(shared) / Double(size)
        }
    }

    /// The label and similarity of the most similar earlier article at or above
    /// the threshold (dated within `window` days of `day`, when both are dated).
    public func nearest(_ fingerprint: Fingerprint, day: Int32? = nil) -> (label: UInt64, similarity: Double)? {
        var candidates = [Int32]()
        for v in fingerprint.hashes {
            let i = slot(of: v)
            guard heads[i] != -1, counts[i] <= Self.maxPosting else { continue }
            var e = heads[i]
            while e != -1 {
                candidates.append(members[Int(e)])
                e = next[Int(e)]
            }
        }
        candidates.sort()
        var best: (UInt64, Double)? = nil
        var previous: Int32 = -1
        for m in candidates where m != previous {
            previous = m
            if let day, days[Int(m)] != Int32.min, abs(Int(days[Int(m)]) - Int(day)) > Int(Self.window) { continue }
            let s = similarity(Int(m), fingerprint)
            if s >= threshold, best == nil || s > best!.1 || (s == best!.1 && labels[Int(m)] < best!.0) { best = (labels[Int(m)], s) }
        }
        return best
    }

    /// Adds an article that already has a label (when reopening an index).
    public mutating func insert(_ fingerprint: Fingerprint, label: UInt64, day: Int32? = nil) {
        let member = Int32(labels.count)
        sketches += fingerprint.hashes
        labels.append(label)
        days.append(day ?? Int32.min)
        for v in fingerprint.hashes.prefix(indexedValues) {
            if (used + 1) * 10 > keys.count * 7 { grow() }
            let i = slot(of: v)
            if heads[i] == -1 { keys[i] = v; used += 1 }
            members.append(member)
            next.append(heads[i])
            heads[i] = Int32(members.count - 1)
            counts[i] += 1
        }
    }

    private mutating func grow() {
        let (oldKeys, oldHeads, oldCounts) = (keys, heads, counts)
        keys = [UInt32](repeating: 0, count: oldKeys.count * 2)
        heads = [Int32](repeating: -1, count: oldKeys.count * 2)
        counts = [Int32](repeating: 0, count: oldKeys.count * 2)
        for j in 0 ..< oldKeys.count where oldHeads[j] != -1 {
            let i = slot(of: oldKeys[j])
            keys[i] = oldKeys[j]
            heads[i] = oldHeads[j]
            counts[i] = oldCounts[j]
        }
    }

    /// Assigns `fingerprint` to a cluster, remembers it, and returns the label.
    public mutating func assign(_ fingerprint: Fingerprint, day: Int32? = nil) -> UInt64 {
        let label = nearest(fingerprint, day: day)?.label ?? fingerprint.label
        insert(fingerprint, label: label, day: day)
        return label
    }
}
