#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport
@testable import IndexFormat

/// Packed runs of 128 values read back equal at every width, whole and one value at a time.
@Suite struct BitPackingTests {
    @Test(arguments: Array(0 ... 32))
    func everyWidthRoundTrips(width: Int) throws {
        var rng = SplitMix64(seed: UInt64(width) &* 0x9E37_79B9)
        let top: UInt64 = width == 0 ? 0 : (1 << UInt64(width)) - 1
        // Random values below 2^width, with the largest and zero among them.
        var values = (0 ..< BitPacking.blockSize).map { _ in UInt32(truncatingIfNeeded: rng.next() & top) }
        values[0] = UInt32(truncatingIfNeeded: top)
        values[127] = UInt32(truncatingIfNeeded: top)
        values[64] = 0
        #expect(values.withUnsafeBufferPointer(BitPacking.width) <= width)
        var writer = ByteWriter()
        writer.u8(0xAB)  // the run need not start at an aligned offset
        values.withUnsafeBufferPointer { BitPacking.pack($0, width: width, into: &writer) }
        writer.u8(0xCD)
        let bytes = writer.bytes
        #expect(bytes.count == 2 + 16 * width)
        try bytes.withUnsafeBytes { raw in
            var r = ByteReader(raw, offset: 1, file: "test")
            var out = [UInt32](repeating: 0xFFFF_FFFF, count: BitPacking.blockSize)
            try out.withUnsafeMutableBufferPointer { try BitPacking.unpack(&r, width: width, into: $0.baseAddress!) }
            #expect(out == values)
            #expect(r.offset == 1 + 16 * width)
            for i in [0, 1, 63, 64, 126, 127] {
                var s = ByteReader(raw, offset: 1, file: "test")
                #expect(try BitPacking.value(at: i, &s, width: width) == values[i])
            }
        }
    }

    /// A run that ends where readable memory ends (a page mapped without access follows):
    /// unpacking reads no byte past it, at any width, or the process faults.
    @Test(arguments: Array(1 ... 32))
    func unpackingReadsNothingPastTheRun(width: Int) throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let map = try #require(mmap(nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        #expect(map != MAP_FAILED)
        defer { munmap(map, 2 * page) }
        #expect(mprotect(map + page, page, PROT_NONE) == 0)
        let values = (0 ..< BitPacking.blockSize).map { UInt32(truncatingIfNeeded: ($0 * 2_654_435_761) >> 3) & (width == 32 ? ~0 : (1 << UInt32(width)) - 1) }
        var writer = ByteWriter()
        values.withUnsafeBufferPointer { BitPacking.pack($0, width: width, into: &writer) }
        let start = map + page - writer.count
        writer.bytes.withUnsafeBytes { start.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        var out = [UInt32](repeating: 0, count: BitPacking.blockSize)
        out.withUnsafeMutableBufferPointer { BitPacking.unpack(UnsafeRawPointer(start), width: width, into: $0.baseAddress!) }
        #expect(out == values)
    }

    @Test func aRunCutShortIsAnError() throws {
        let bytes = [UInt8](repeating: 0xFF, count: 16 * 5 - 1)
        try bytes.withUnsafeBytes { raw in
            var r = ByteReader(raw, offset: 0, file: "short.post")
            var out = [UInt32](repeating: 0, count: BitPacking.blockSize)
            #expect(throws: FormatError.self) {
                try out.withUnsafeMutableBufferPointer { try BitPacking.unpack(&r, width: 5, into: $0.baseAddress!) }
            }
            var s = ByteReader(raw, offset: 0, file: "short.post")
            #expect(throws: FormatError.self) {
                try out.withUnsafeMutableBufferPointer { try BitPacking.unpack(&s, width: 33, into: $0.baseAddress!) }
            }
        }
    }
}
