/// Many growing byte streams in one pool of fixed-size blocks, for the
/// in-memory postings of a segment under construction.
///
/// A stream is a chain of slices: the first is small (most terms occur in one
/// or two documents), each next one is twice the size up to `sizes.last`. The
/// last 4 bytes of a slice hold the address of the next. Addresses are global
/// byte offsets (`block << blockBits | offset`); a slice never straddles blocks.
/// Appending is a compare and a store; nothing is allocated per stream.
final class SlicePool {
    static let blockBits = 16
    static let blockSize = 1 << blockBits
    /// Slice sizes by level, link included.
    static let sizes: [Int32] = [8, 16, 32, 64, 128, 256, 512, 1024]

    private var blocks: [UnsafeMutablePointer<UInt8>] = []
    /// The next free address.
    private var free: Int32 = 0

    /// Bytes allocated (whole blocks).
    var allocatedBytes: Int { blocks.count * Self.blockSize }

    deinit { for b in blocks { b.deallocate() } }

    /// A stream's write state.
    struct Cursor {
        var write: Int32
        /// Where the current slice's link begins (no data is written there).
        var end: Int32
        var level: UInt8
    }

    /// Starts a new stream; returns its cursor (the stream starts at `cursor.write`).
    @inline(__always)
    func start() -> Cursor {
        let a = allocate(Self.sizes[0])
        return Cursor(write: a, end: a + Self.sizes[0] - 4, level: 0)
    }

    @inline(__always)
    private func pointer(_ address: Int32) -> UnsafeMutablePointer<UInt8> {
        blocks[Int(address) >> Self.blockBits] + (Int(address) & (Self.blockSize - 1))
    }

    private func allocate(_ size: Int32) -> Int32 {
        let offset = Int(free) & (Self.blockSize - 1)
        if Int(free) >> Self.blockBits >= blocks.count || offset + Int(size) > Self.blockSize {
            precondition(blocks.count + 1 < (1 << (31 - Self.blockBits)), "in-memory postings over 2 GB")
            blocks.append(.allocate(capacity: Self.blockSize))
            free = Int32((blocks.count - 1) << Self.blockBits)
        }
        let a = free
        free += size
        return a
    }

    @inline(__always)
    func append(_ byte: UInt8, _ c: inout Cursor) {
        if c.write == c.end {
            let level = min(Int(c.level) + 1, Self.sizes.count - 1)
            let size = Self.sizes[level]
            let next = allocate(size)
            UnsafeMutableRawPointer(pointer(c.end)).storeBytes(of: next, as: Int32.self)
            c = Cursor(write: next, end: next + size - 4, level: UInt8(level))
        }
        pointer(c.write).pointee = byte
        c.write += 1
    }

    @inline(__always)
    func appendVint(_ value: UInt32, _ c: inout Cursor) {
        var v = value
        while v >= 0x80 { append(UInt8(truncatingIfNeeded: v) | 0x80, &c); v >>= 7 }
        append(UInt8(v), &c)
    }

    /// Reads a stream from its start.
    struct Reader {
        let pool: SlicePool
        var cursor: Cursor

        init(pool: SlicePool, start: Int32) {
            self.pool = pool
            cursor = Cursor(write: start, end: start + SlicePool.sizes[0] - 4, level: 0)
        }

        @inline(__always)
        mutating func byte() -> UInt8 {
            if cursor.write == cursor.end {
                let next = UnsafeRawPointer(pool.pointer(cursor.end)).loadUnaligned(as: Int32.self)
                let level = min(Int(cursor.level) + 1, SlicePool.sizes.count - 1)
                cursor = Cursor(write: next, end: next + SlicePool.sizes[level] - 4, level: UInt8(level))
            }
            let b = pool.pointer(cursor.write).pointee
            cursor.write += 1
            return b
        }

        @inline(__always)
        mutating func vint() -> UInt32 {
            var v: UInt32 = 0, shift: UInt32 = 0
            while true {
                let b = byte()
                v |= UInt32(b & 0x7F) << shift
                if b < 0x80 { return v }
                shift += 7
            }
        }
    }
}
