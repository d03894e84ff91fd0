import Foundation
import Testing
import TestSupport
@testable import NewsText

@Suite struct LexiconTests {
    @Test func builtinLexiconHoldsRegionsAndIndustries() throws {
        let lexicon = Lexicon.builtin(table: try CharacterTable.shared())
        for term in ["淄博", "淄博市", "张店区", "山东", "两江新区", "钙钛矿", "新能源汽车", "跨境电商", "传感器", "高新区"] {
            let found = lexicon.contains(term)
            #expect(found, "missing \(term)")
        }
        #expect(!lexicon.contains("淄"))
        #expect(lexicon.count > 10_000)
    }

    @Test func everyTermsFirstPairPassesTheFilter() throws {
        let table = try CharacterTable.shared()
        let terms = BuiltinLexicon.terms.splitASCII(0x0A)
        // Built from terms, and as loaded from the on-disk cache (the filter is derived, not stored).
        for lexicon in [Lexicon(terms: terms, table: table), Lexicon.builtin(table: table)] {
            var checked = 0, passed = 0
            for term in terms {
                let units = Lexicon.normalizedHan(term, table)
                guard units.count >= 2 else { continue }
                checked += 1
                if lexicon.mayStartTerm(units[0], units[1]) { passed += 1 }
            }
            #expect(checked > 10_000 && passed == checked)
            // Most pairs of ordinary text start no term: the filter turns nearly all of them away.
            let text = Array("今天天气晴朗适合出行我们一起去公园散步吧".utf16)
            #expect((0 ..< text.count - 1).filter { lexicon.mayStartTerm(text[$0], text[$0 + 1]) }.count <= 3)
        }
    }

    @Test func termsAreNormalizedLikeText() throws {
        let lexicon = Lexicon(terms: ["鈣鈦礦", "ＡＢ", "x"], table: try CharacterTable.shared())
        #expect(lexicon.contains("钙钛矿"))
        #expect(lexicon.count == 1)  // non-Han and single characters are left to ICU
    }

    @Test func userLexiconFileIsRead() throws {
        let path = NSTemporaryDirectory() + "lexicon-\(UUID().uuidString).txt"
        try "# my terms\n鲁辰新材\n  雄安新区  # zone\n\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try Lexicon.terms(fromFile: path) == ["鲁辰新材", "雄安新区"])
        #expect(throws: TextError.self) { try Lexicon.terms(fromFile: path + ".missing") }
    }

    @Test func manyTermsStayFindable() throws {
        var rng = SplitMix64(seed: 7)
        let han = (0 ..< 3000).map { _ in
            String((0 ..< Int(2 + rng.next() % 6)).map { _ in Character(Unicode.Scalar(0x4E00 + UInt32(rng.next() % 0x5000))!) })
        }
        let lexicon = Lexicon(terms: han, table: try CharacterTable.shared())
        let table = try CharacterTable.shared()
        for term in han {
            let normalized = term.unicodeScalars.map { table.normalized($0) }.joined()
            let found = lexicon.contains(normalized)
            #expect(found, "\(term)")
        }
    }
}

@Suite(.serialized) struct LexiconCacheTests {
    @Test func builtinLexiconRoundTripsThroughItsCache() throws {
        let table = try CharacterTable.shared()
        let fresh = Lexicon(terms: BuiltinLexicon.terms.splitASCII(0x0A), table: table)
        let path = NSTemporaryDirectory() + "lexicon-cache-\(UUID().uuidString).bin"
        defer { try? FileManager.default.removeItem(atPath: path) }
        fresh.writeCache(path, sourceHash: 42)
        let cached = try #require(Lexicon(cachePath: path, sourceHash: 42, table: table))
        #expect(cached.count == fresh.count)
        #expect(cached.storage.root == fresh.storage.root)
        #expect(cached.storage.termIndex == fresh.storage.termIndex)
        for term in ["淄博", "钙钛矿", "新能源汽车", "两江新区"] { #expect(cached.contains(term)) }
        // Another source hash, or a damaged file, is not used.
        #expect(Lexicon(cachePath: path, sourceHash: 43, table: table) == nil)
        var bytes = [UInt8](FileManager.default.contents(atPath: path)!)
        bytes[5000] ^= 0xFF
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        #expect(Lexicon(cachePath: path, sourceHash: 42, table: table) == nil)
    }
}
