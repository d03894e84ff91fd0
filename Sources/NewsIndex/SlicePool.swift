/// Many growing byte streams in one pool of fixed-size blocks, for the
/// in-memory postings of a segment under construction.
///
/// A stream is a chain of slices: the first is small (most terms occur in one
/// or two documents), each next one is twice the size up to `sizes.last`. The
/// last 4 bytes of a slice hold the address of the next, and until then the
/// slice's level (its first byte), so that a writer's cursor is 8 bytes and two
/// of them fit a term's state in half a cache line. Addresses are global byte
/// offsets (`block << blockBits | offset`); a slice never straddles blocks.
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
        /// Where the current slice's link begins (no data is written there; it holds the slice's level).
        var end: Int32
    }

    /// Starts a new stream; returns its cursor (the stream starts at `cursor.write`).
    @inline(__always)
    func start() -> Cursor {
        let a = allocate(Self.sizes[0])
        pointer(a + Self.sizes[0] - 4).pointee = 0
        return Cursor(write: a, end: a + Self.sizes[0] - 4)
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
        if c.write == c.end { nextSlice(&c) }
        pointer(c.write).pointee = byte
        c.write += 1
    }

    /// Links a full slice to a new one of the next level.
    private func nextSlice(_ c: inout Cursor) {
        let level = min(Int(pointer(c.end).pointee) + 1, Self.sizes.count - 1)
        let size = Self.sizes[level]
        let next = allocate(size)
        UnsafeMutableRawPointer(pointer(c.end)).storeBytes(of: next, as: Int32.self)
        c = Cursor(write: next, end: next + size - 4)
        pointer(c.end).pointee = UInt8(level)
    }

    @inline(__always)
    func appendVint(_ value: UInt32, _ c: inout Cursor) {
        var v = value
        while v >= 0x80 { append(UInt8(truncatingIfNeeded: v) | 0x80, &c); v >>= 7 }
        append(UInt8(v), &c)
    }

    /// Reads a stream from its start, up to where its writer's cursor stands.
    struct Reader {
        private let pool: SlicePool
        /// The next byte, how many bytes are left before the current slice's link, and the slice's level.
        private var next: UnsafeMutablePointer<UInt8>
        private var left: Int
        private var level = 0
        /// Where the writer stands: the stream's end.
        private let stop: UnsafeMutablePointer<UInt8>

        init(pool: SlicePool, start: Int32, end: Cursor) {
            self.pool = pool
            next = pool.pointer(start)
            left = Int(SlicePool.sizes[0]) - 4
            stop = pool.pointer(end.write)
        }

        /// Whether every byte written so far has been read.
        var atEnd: Bool { next == stop }

        @inline(__always)
        mutating func byte() -> UInt8 {
            if left == 0 { follow() }
            let b = next.pointee
            next += 1
            left -= 1
            return b
        }

        private mutating func follow() {
            let address = UnsafeRawPointer(next).loadUnaligned(as: Int32.self)
            level = min(level + 1, SlicePool.sizes.count - 1)
            next = pool.pointer(address)
            left = Int(SlicePool.sizes[level]) - 4
        }

        @inline(__always)
        mutating func vint() -> UInt32 {
            if left >= 5 {
                var b = next.pointee
                var v = UInt32(b & 0x7F), shift: UInt32 = 7, n = 1
                while b >= 0x80 {
                    b = next[n]
                    v |= UInt32(b & 0x7F) << shift
                    shift += 7
                    n += 1
                }
                next += n
                left -= n
                return v
            }
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
