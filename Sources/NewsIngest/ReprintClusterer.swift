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
/// value to a chain of members (about 330 bytes per remembered article). A
/// slot's value, chain and count sit side by side, as do a link's member and
/// next link: a probe and a step along a chain cost one cache miss each, not
/// two or three (the table outgrows the caches, and every article probes it
/// with all its values).
public struct ReprintClusterer: Sendable {
    public let threshold: Double
    /// How many of each sketch's smallest values are indexed.
    let indexedValues: Int
    private var sketches: [UInt32] = []
    private var labels: [UInt64] = []
    /// Day numbers (`Int32.min`: undated).
    private var days: [Int32] = []
    /// Open addressing by sketch value; `head == -1` marks an empty slot.
    private var slots: [Slot] = []
    private var used = 0
    /// Chains: entry → (member, next entry or −1).
    private var links: [Link] = []

    private struct Slot {
        var key: UInt32 = 0
        /// The slot's last chain entry, −1 when empty.
        var head: Int32 = -1
        /// Members holding the value.
        var count: Int32 = 0
    }

    private struct Link {
        var member: Int32
        var next: Int32
    }

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
        slots = [Slot](repeating: Slot(), count: 1024)
    }

    public var count: Int { labels.count }

    /// Approximate bytes held.
    public var memoryBytes: Int { sketches.capacity * 4 + labels.capacity * 8 + days.capacity * 4 + slots.count * 12 + links.capacity * 8 }

    @inline(__always)
    private static func slot(of value: UInt32, in slots: UnsafeBufferPointer<Slot>) -> Int {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: (UInt64(value) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while slots[i].head != -1 && slots[i].key != value { i = (i + 1) & mask }
        return i
    }

    private func slot(of value: UInt32) -> Int {
        slots.withUnsafeBufferPointer { Self.slot(of: value, in: $0) }
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
        slots.withUnsafeBufferPointer { table in
            links.withUnsafeBufferPointer { chain in
                for v in fingerprint.hashes {
                    let slot = table[Self.slot(of: v, in: table)]
                    guard slot.head != -1, slot.count <= Self.maxPosting else { continue }
                    var e = slot.head
                    while e != -1 {
                        candidates.append(chain[Int(e)].member)
                        e = chain[Int(e)].next
                    }
                }
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
            if (used + 1) * 10 > slots.count * 7 { grow() }
            let i = slot(of: v)
            if slots[i].head == -1 { slots[i].key = v; used += 1 }
            links.append(Link(member: member, next: slots[i].head))
            slots[i].head = Int32(links.count - 1)
            slots[i].count += 1
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        for s in old where s.head != -1 { slots[slot(of: s.key)] = s }
    }

    /// Assigns `fingerprint` to a cluster, remembers it, and returns the label.
    public mutating func assign(_ fingerprint: Fingerprint, day: Int32? = nil) -> UInt64 {
        let label = nearest(fingerprint, day: day)?.label ?? fingerprint.label
        insert(fingerprint, label: label, day: day)
        return label
    }
}
