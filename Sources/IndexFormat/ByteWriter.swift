/// An append-only byte buffer with the encodings of FORMAT.md.
public struct ByteWriter {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public var count: Int { bytes.count }

    public mutating func u8(_ v: UInt8) { bytes.append(v) }

    public mutating func fixed<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func u32(_ v: UInt32) { fixed(v) }
    public mutating func u64(_ v: UInt64) { fixed(v) }
    public mutating func i32(_ v: Int32) { fixed(v) }

    /// Unsigned LEB128.
    @inline(__always)
    public mutating func vint<T: BinaryInteger>(_ value: T) {
        var v = UInt64(value)
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    public mutating func append<C: Collection>(_ raw: C) where C.Element == UInt8 { bytes.append(contentsOf: raw) }

    /// A length-prefixed UTF-8 string.
    public mutating func str(_ s: String) {
        var s = s
        s.withUTF8 { vint($0.count); bytes.append(contentsOf: $0) }
    }

    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }
}
