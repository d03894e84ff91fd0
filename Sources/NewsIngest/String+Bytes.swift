import Glibc

extension String {
    /// Whether `needle` occurs in the string, by a byte search of the UTF-8
    /// (Foundation's `contains` folds character clusters and costs 50 times more;
    /// a page's every line goes through dozens of these tests).
    ///
    /// - Complexity: O(n × m) in the worst case, O(n) for the short words used here.
    func includes(_ needle: String) -> Bool { utf8Offset(of: needle) != nil }

    /// The first occurrence of `needle`, by a byte search of the UTF-8 (what
    /// Foundation's `range(of:)` finds in normalized text, at a fraction of the cost);
    /// nil for an empty needle.
    func byteRange(of needle: String) -> Range<String.Index>? {
        guard !needle.isEmpty, let offset = utf8Offset(of: needle) else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start ..< utf8.index(start, offsetBy: needle.utf8.count)
    }

    /// Where `needle`'s UTF-8 first occurs in the string's (0 for an empty needle).
    private func utf8Offset(of needle: String) -> Int? {
        var hay = self
        var needle = needle
        return hay.withUTF8 { h in
            needle.withUTF8 { n in
                let m = n.count
                guard m > 0 else { return 0 }
                guard m <= h.count, let hb = h.baseAddress, let nb = n.baseAddress else { return nil }
                // memchr for the needle's last byte (in Chinese, a continuation byte that
                // matches one byte in a hundred or so), then the whole needle where it stands.
                let pivot = nb[m - 1]
                var i = m - 1
                while i < h.count, let p = memchr(hb + i, Int32(pivot), h.count - i) {
                    let at = UnsafeRawPointer(hb).distance(to: UnsafeRawPointer(p))
                    if memcmp(hb + at - (m - 1), nb, m) == 0 { return at - (m - 1) }
                    i = at + 1
                }
                return nil
            }
        }
    }
}

extension String {
    /// A string of `scalars`, encoded straight to UTF-8: `String.UnicodeScalarView(_:)`
    /// appends one scalar at a time through generic code, a hundred instructions each.
    init<S: Sequence>(scalars: S) where S.Element == Unicode.Scalar {
        var bytes = [UInt8]()
        bytes.reserveCapacity(scalars.underestimatedCount * 3)
        for s in scalars { UTF8.encode(s) { bytes.append($0) } }
        self = String(decoding: bytes, as: UTF8.self)
    }
}

extension StringProtocol {
    /// Whether the UTF-8 begins with `prefix`'s. `hasPrefix` compares characters,
    /// which for text that is not ASCII means normalizing both sides first, many
    /// times the cost; the words compared here are normalized already.
    func hasBytePrefix(_ prefix: String) -> Bool {
        let m = prefix.utf8.count
        guard m <= utf8.count else { return false }
        return bytesEqual(at: 0, prefix, m)
    }

    /// Whether the UTF-8 ends with `suffix`'s (see `hasBytePrefix`).
    func hasByteSuffix(_ suffix: String) -> Bool {
        let m = suffix.utf8.count
        let n = utf8.count
        guard m <= n else { return false }
        return bytesEqual(at: n - m, suffix, m)
    }

    /// Whether the UTF-8 holds `byte` (memchr on the contiguous bytes).
    func containsByte(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { u in
            guard let base = u.baseAddress else { return false }
            return memchr(base, Int32(byte), u.count) != nil
        } ?? utf8.contains(byte)
    }

    /// Whether the UTF-8 is `other`'s (`==` compares characters; see `hasBytePrefix`).
    func sameBytes(_ other: String) -> Bool {
        let m = other.utf8.count
        return m == utf8.count && bytesEqual(at: 0, other, m)
    }

    /// Whether the `m` bytes at `offset` are `other`'s first `m`, compared in
    /// place (iterating the views costs ten times more).
    private func bytesEqual(at offset: Int, _ other: String, _ m: Int) -> Bool {
        guard m > 0 else { return true }
        let compared = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in memcmp(a.baseAddress! + offset, b.baseAddress!, m) == 0 }
        }
        if let compared, let compared { return compared }
        let u = utf8
        return u[u.index(u.startIndex, offsetBy: offset)...].prefix(m).elementsEqual(other.utf8.prefix(m))
    }
}

extension String.UTF8View {
    /// The number of scalars: bytes that do not continue a sequence.
    var scalarCount: Int {
        func count<C: Collection<UInt8>>(_ bytes: C) -> Int {
            var n = 0
            for b in bytes where b & 0xC0 != 0x80 { n += 1 }
            return n
        }
        return withContiguousStorageIfAvailable(count) ?? count(self)
    }
}

extension String {
    /// Where the first `count` scalars end (`endIndex` when there are fewer):
    /// what `unicodeScalars.index(startIndex, offsetBy: count, limitedBy: endIndex)`
    /// finds, counted on the UTF-8 without stepping an index.
    func scalarPrefixEnd(_ count: Int) -> String.Index {
        let offset: Int? = utf8.withContiguousStorageIfAvailable { u in
            var scalars = 0
            for (i, b) in u.enumerated() where b & 0xC0 != 0x80 {
                if scalars == count { return i }
                scalars += 1
            }
            return u.count
        }
        guard let offset else { return unicodeScalars.index(startIndex, offsetBy: count, limitedBy: endIndex) ?? endIndex }
        return utf8.index(utf8.startIndex, offsetBy: offset)
    }
}

extension String {
    /// The last `count` scalars (all of them when there are fewer), found
    /// backwards on the UTF-8.
    func scalarSuffix(_ count: Int) -> Substring {
        let offset: Int? = utf8.withContiguousStorageIfAvailable { u in
            var scalars = 0
            var i = u.count
            while i > 0 && scalars < count {
                i -= 1
                if u[i] & 0xC0 != 0x80 { scalars += 1 }
            }
            return i
        }
        guard let offset else {
            return self[(unicodeScalars.index(endIndex, offsetBy: -count, limitedBy: startIndex) ?? startIndex)...]
        }
        return self[utf8.index(utf8.startIndex, offsetBy: offset)...]
    }
}
