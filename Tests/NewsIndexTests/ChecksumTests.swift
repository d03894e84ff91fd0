import Testing
import TestSupport
@testable import IndexFormat

/// `CRC32.of` (folded with carry-less multiplication from 64 bytes on) gives zlib's CRC-32 —
/// here a bit-at-a-time reference of the same polynomial — for every length, alignment and seed.
@Suite struct ChecksumTests {
    static func reference(_ bytes: ArraySlice<UInt8>, seed: UInt32) -> UInt32 {
        var c = ~seed
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0 ..< 8 { c = c & 1 != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        }
        return ~c
    }

    @Test func everyLengthAlignmentAndSeedGivesZlibsCRC() {
        var rng = SplitMix64(seed: 0xC4C3_2)
        let data = (0 ..< 5000).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
        let lengths = Array(0 ... 300) + [511, 512, 513, 1023, 4093, 4900]
        data.withUnsafeBytes { raw in
            for length in lengths {
                for start in [0, 1, 3, 8, 15] where start + length <= data.count {
                    let seed = length % 3 == 0 ? 0 : UInt32.random(in: 0 ... .max, using: &rng)
                    let got = CRC32.of(UnsafeRawBufferPointer(rebasing: raw[start ..< start + length]), seed: seed)
                    #expect(got == Self.reference(data[start ..< start + length], seed: seed), "length \(length) at \(start)")
                }
            }
        }
        // Known value: the CRC-32 check string.
        #expect(CRC32.of(Array("123456789".utf8)) == 0xCBF4_3926)
        // Continuing from a CRC is checksumming the two parts as one.
        data.withUnsafeBytes { raw in
            let whole = CRC32.of(UnsafeRawBufferPointer(rebasing: raw[0 ..< 4000]))
            let split = CRC32.of(UnsafeRawBufferPointer(rebasing: raw[1234 ..< 4000]), seed: CRC32.of(UnsafeRawBufferPointer(rebasing: raw[0 ..< 1234])))
            #expect(whole == split)
        }
    }
}

/// `Deflate.decompressPrefix` gives the stream's first bytes, as far as the caller asks, and
/// the whole stream checked like `decompress` when it asks for all of it.
@Suite struct DeflatePrefixTests {
    @Test func prefixesAreTheStreamsStartAndTheWholeIsChecked() throws {
        var rng = SplitMix64(seed: 77)
        let text = (0 ..< 60_000).map { i in UInt8(ascii: "a") + UInt8((i / 7 + Int(rng.next() % 3)) % 26) }
        let compressed = Deflate.compress(text)
        try compressed.withUnsafeBytes { input in
            for want in [1, 5000, 8192, 8193, 30_000, 59_999] {
                let prefix = try Deflate.decompressPrefix(input, rawLength: text.count, file: "t") { $0.count >= want }
                // One step of 8 KiB at most past what was asked for.
                #expect(prefix.count >= want && prefix.count <= min(text.count, want + 8192))
                #expect(Array(text.prefix(prefix.count)) == prefix)
            }
            #expect(try Deflate.decompressPrefix(input, rawLength: text.count, file: "t") { _ in false } == text)
            #expect(throws: FormatError.self) { try Deflate.decompressPrefix(input, rawLength: text.count + 1, file: "t") { _ in false } }
            #expect(throws: FormatError.self) { try Deflate.decompressPrefix(input, rawLength: text.count - 1, file: "t") { _ in false } }
        }
        // A damaged stream throws where it is read.
        var damaged = compressed
        for i in 2 ..< 40 { damaged[i] ^= 0x5A }
        damaged.withUnsafeBytes { input in
            #expect(throws: FormatError.self) { try Deflate.decompressPrefix(input, rawLength: text.count, file: "t") { _ in false } }
        }
    }
}
