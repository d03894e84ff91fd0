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
        let byteCount = (blockSize * width + 7) / 8
        let raw = try reader.bytes(byteCount)
        let mask: UInt64 = width == 32 ? 0xFFFF_FFFF : (1 << UInt64(width)) - 1
        var acc: UInt64 = 0
        var bits = 0
        var i = 0
        for k in 0 ..< blockSize {
            while bits < width {
                acc |= UInt64(raw[i]) << UInt64(bits)
                i += 1
                bits += 8
            }
            out[k] = UInt32(truncatingIfNeeded: acc & mask)
            acc >>= UInt64(width)
            bits -= width
        }
    }
}
