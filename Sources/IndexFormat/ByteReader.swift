/// A bounds-checked cursor over bytes (usually a memory-mapped file). Reading
/// past the end throws `FormatError.corrupt` naming `file`: a damaged file
/// gives an error, never a crash.
public struct ByteReader {
    public let base: UnsafeRawBufferPointer
    public var offset: Int
    public let file: String

    public init(_ base: UnsafeRawBufferPointer, offset: Int = 0, file: String) {
        self.base = base
        self.offset = offset
        self.file = file
    }

    public var remaining: Int { base.count - offset }

    /// `n > base.count - offset`, not `offset + n > base.count`: a damaged length near
    /// `Int.max` must be an error, not an overflow trap.
    @inlinable @inline(__always)
    func need(_ n: Int) throws {
        if n < 0 || n > base.count - offset { throw pastEnd() }
    }

    @inline(never) @usableFromInline
    func pastEnd() -> FormatError {
        FormatError.corrupt(file: file, detail: "structure runs past the end of the file at byte \(offset)")
    }

    @inlinable @inline(__always)
    public mutating func u8() throws -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return base[offset]
    }

    @inlinable @inline(__always)
    public mutating func fixed<T: FixedWidthInteger>(_: T.Type) throws -> T {
        try need(MemoryLayout<T>.size)
        defer { offset += MemoryLayout<T>.size }
        return T(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    public mutating func u32() throws -> UInt32 { try fixed(UInt32.self) }
    public mutating func u64() throws -> UInt64 { try fixed(UInt64.self) }
    public mutating func i32() throws -> Int32 { try fixed(Int32.self) }

    /// A `u64` count of bytes that follow: it must fit in what is left to read, so a
    /// damaged length is an error naming the file here, never a trap in `Int(_:)` later.
    public mutating func length() throws -> Int {
        let at = offset
        let v = try u64()
        guard v <= UInt64(max(0, remaining)) else {
            throw FormatError.corrupt(file: file, detail: "a length of \(v) bytes at byte \(at) runs past byte \(base.count), where its data ends")
        }
        return Int(v)
    }

    @inlinable @inline(__always)
    public mutating func vint() throws -> UInt64 {
        // Most values fit in one byte, nearly all the rest in two.
        if offset + 1 < base.count {
            let b = base[offset]
            if b < 0x80 { offset += 1; return UInt64(b) }
            let c = base[offset + 1]
            if c < 0x80 { offset += 2; return UInt64(b & 0x7F) | UInt64(c) << 7 }
        } else if offset < base.count, base[offset] < 0x80 {
            offset += 1
            return UInt64(base[offset - 1])
        }
        return try longVint()
    }

    @inline(never) @usableFromInline
    mutating func longVint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            try need(1)
            let b = base[offset]
            offset += 1
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
            if shift > 63 { throw FormatError.corrupt(file: file, detail: "overlong variable-length integer at byte \(offset)") }
        }
    }

    /// A `vint` that must fit in an `Int` below `limit`.
    @inlinable @inline(__always)
    public mutating func count(limit: Int = Int(Int32.max)) throws -> Int {
        let v = try vint()
        guard v <= UInt64(limit) else { throw countError(v) }
        return Int(v)
    }

    @inline(never) @usableFromInline
    func countError(_ v: UInt64) -> FormatError {
        FormatError.corrupt(file: file, detail: "count \(v) out of range at byte \(offset)")
    }

    @inlinable
    public mutating func bytes(_ n: Int) throws -> UnsafeRawBufferPointer {
        try need(n)
        defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: base[offset ..< offset + n])
    }

    public mutating func str() throws -> String {
        let n = try count()
        let raw = try bytes(n)
        return String(decoding: raw, as: UTF8.self)
    }

    @inlinable
    public mutating func skip(_ n: Int) throws {
        try need(n)
        offset += n
    }
}
