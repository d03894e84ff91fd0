/// Packing of 128 unsigned 32-bit values at a fixed bit width (FORMAT.md `packed(w, 128)`).
public enum BitPacking {
    public static let blockSize = 128

    /// The number of bits needed for the largest value.
    @inline(__always)
    public static func width(_ values: UnsafeBufferPointer<UInt32>) -> Int {
        var or: UInt32 = 0
        for v in values { or |= v }
        return or == 0 ? 0 : 32 - or.leadingZeroBitCount
    }

    /// Appends `values` (exactly 128) at `width` bits each: 16·width bytes.
    public static func pack(_ values: UnsafeBufferPointer<UInt32>, width: Int, into out: inout ByteWriter) {
        precondition(values.count == blockSize)
        guard width > 0 else { return }
        var acc: UInt64 = 0
        var bits = 0
        for v in values {
            acc |= UInt64(v) << UInt64(bits)
            bits += width
            while bits >= 8 {
                out.u8(UInt8(truncatingIfNeeded: acc))
                acc >>= 8
                bits -= 8
            }
        }
        if bits > 0 { out.u8(UInt8(truncatingIfNeeded: acc)) }
    }

    /// Value `index` of a packed run of 128 at `width` bits that starts at `reader`'s
    /// offset; the reader moves past the run.
    @inline(__always)
    public static func value(at index: Int, _ reader: inout ByteReader, width: Int) throws -> UInt32 {
        guard width > 0 else { return 0 }
        guard width <= 32 else { throw FormatError.corrupt(file: reader.file, detail: "bit width \(width) > 32") }
        let raw = try reader.bytes((blockSize * width + 7) / 8)
        let bit = index * width
        var acc: UInt64 = 0
        var i = bit / 8, shift: UInt64 = 0
        while shift < UInt64(width + bit % 8) && i < raw.count {
            acc |= UInt64(raw[i]) << shift
            i += 1
            shift += 8
        }
        let mask: UInt64 = (1 << UInt64(width)) - 1
        return UInt32(truncatingIfNeeded: (acc >> UInt64(bit % 8)) & mask)
    }

    /// Reads 128 values of `width` bits from `reader` into `out`.
    @inline(__always)
    public static func unpack(_ reader: inout ByteReader, width: Int, into out: UnsafeMutablePointer<UInt32>) throws {
        guard width > 0 else {
            out.initialize(repeating: 0, count: blockSize)
            return
        }
        guard width <= 32 else { throw FormatError.corrupt(file: reader.file, detail: "bit width \(width) > 32") }
        let raw = try reader.bytes(16 * width)
        unpack(raw.baseAddress!, width: width, into: out)
    }

    /// 128 values of `width` (0…32) bits packed at `base` (16·width bytes), into `out`.
    /// A switch over the widths lets each copy of the loop shift by constants (about
    /// twice as fast as one loop for all widths).
    public static func unpack(_ base: UnsafeRawPointer, width: Int, into out: UnsafeMutablePointer<UInt32>) {
        switch width {
        case 1: unpackBytes(base, 1, out)
        case 2: unpackBytes(base, 2, out)
        case 3: unpackBytes(base, 3, out)
        case 4: unpackBytes(base, 4, out)
        case 5: unpackBytes(base, 5, out)
        case 6: unpackBytes(base, 6, out)
        case 7: unpackBytes(base, 7, out)
        case 8: unpackBytes(base, 8, out)
        case 9: unpackWords(base, 9, out)
        case 10: unpackWords(base, 10, out)
        case 11: unpackWords(base, 11, out)
        case 12: unpackWords(base, 12, out)
        case 13: unpackWords(base, 13, out)
        case 14: unpackWords(base, 14, out)
        case 15: unpackWords(base, 15, out)
        case 16: unpackWords(base, 16, out)
        default: unpack(base, width, out)
        }
    }

    /// Widths up to 8: every 8 values fill exactly `width` bytes, read as one little-endian
    /// word and split by constant shifts. Groups that end less than 8 bytes before the
    /// run's end are read a byte at a time, so no load passes the run.
    /// Transparent, not `@inline(__always)`: the optimizer kept one out-of-line copy for all
    /// eight widths, shifting by a register and dividing by the width on every call (more than
    /// twice the instructions of the per-width copies that mandatory inlining guarantees).
    @_transparent
    static func unpackBytes(_ base: UnsafeRawPointer, _ width: Int, _ out: UnsafeMutablePointer<UInt32>) {
        let w = UInt64(width)
        let mask: UInt64 = (1 << w) - 1
        @inline(__always) func split(_ v: UInt64, _ o: UnsafeMutablePointer<UInt32>) {
            o[0] = UInt32(truncatingIfNeeded: v & mask)
            o[1] = UInt32(truncatingIfNeeded: (v >> w) & mask)
            o[2] = UInt32(truncatingIfNeeded: (v >> (2 * w)) & mask)
            o[3] = UInt32(truncatingIfNeeded: (v >> (3 * w)) & mask)
            o[4] = UInt32(truncatingIfNeeded: (v >> (4 * w)) & mask)
            o[5] = UInt32(truncatingIfNeeded: (v >> (5 * w)) & mask)
            o[6] = UInt32(truncatingIfNeeded: (v >> (6 * w)) & mask)
            o[7] = UInt32(truncatingIfNeeded: (v >> (7 * w)) & mask)
        }
        let groups = blockSize / 8, runBytes = groups * width
        // Group g's word load reads bytes g·width ..< g·width + 8.
        let whole = min(groups, (runBytes - 8) / width + 1)
        for g in 0 ..< whole {
            split(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: g * width, as: UInt64.self)), out + 8 * g)
        }
        for g in whole ..< groups {
            var v: UInt64 = 0
            for k in 0 ..< width { v |= UInt64(base.load(fromByteOffset: g * width + k, as: UInt8.self)) << UInt64(8 * k) }
            split(v, out + 8 * g)
        }
    }

    /// Widths 9 to 16: every 8 values fill exactly `width` bytes, read as two little-endian
    /// words (the second starting 8 bytes on) and split by constant shifts, a value that
    /// straddles the words taking its high bits from the second. Groups whose second word
    /// would pass the run's end are read a byte at a time. Transparent for the reason
    /// `unpackBytes` is (the accumulator loop below, for these widths, cost about twice as much).
    @_transparent
    static func unpackWords(_ base: UnsafeRawPointer, _ width: Int, _ out: UnsafeMutablePointer<UInt32>) {
        let w = UInt64(width)
        let mask: UInt64 = (1 << w) - 1
        @inline(__always) func split(_ lo: UInt64, _ hi: UInt64, _ o: UnsafeMutablePointer<UInt32>) {
            for k in 0 ..< 8 {
                let bit = UInt64(k) * w
                let v = bit + w <= 64 ? lo >> bit : bit >= 64 ? hi >> (bit - 64) : lo >> bit | hi << (64 - bit)
                o[k] = UInt32(truncatingIfNeeded: v & mask)
            }
        }
        let groups = blockSize / 8, runBytes = groups * width
        // Group g's word loads read bytes g·width ..< g·width + 16.
        let whole = min(groups, (runBytes - 16) / width + 1)
        for g in 0 ..< whole {
            let p = base + g * width
            split(UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)),
                  UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)), out + 8 * g)
        }
        for g in whole ..< groups {
            var lo: UInt64 = 0, hi: UInt64 = 0
            for k in 0 ..< width {
                let b = UInt64(base.load(fromByteOffset: g * width + k, as: UInt8.self))
                if k < 8 { lo |= b << UInt64(8 * k) } else { hi |= b << UInt64(8 * (k - 8)) }
            }
            split(lo, hi, out + 8 * g)
        }
    }

    /// Values are taken from the low bits of an accumulator refilled 32 bits at a time
    /// (16·width bytes are a whole number of 32-bit words, so no load passes the run).
    @inline(__always)
    static func unpack(_ base: UnsafeRawPointer, _ width: Int, _ out: UnsafeMutablePointer<UInt32>) {
        let w = UInt64(width)
        let mask: UInt64 = (1 << w) - 1
        var acc: UInt64 = 0
        var bits: UInt64 = 0
        var word = 0
        for k in 0 ..< blockSize {
            if bits < w {
                acc |= UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * word, as: UInt32.self))) << bits
                word += 1
                bits += 32
            }
            out[k] = UInt32(truncatingIfNeeded: acc & mask)
            acc >>= w
            bits -= w
        }
    }
}
