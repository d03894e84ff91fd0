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

@Suite struct CompiledLexiconTests {
    @Test func compiledInTrieIsWhatTheTermsBuild() throws {
        let table = try CharacterTable.shared()
        let compiled = try #require(Lexicon.compiled(table: table), "the compiled-in trie is stale: run scripts/gen_tables.sh")
        let fresh = Lexicon(terms: BuiltinLexicon.terms.splitASCII(0x0A), table: table)
        #expect(compiled.count == fresh.count)
        let (a, b) = (compiled.storage, fresh.storage)
        #expect(a.root == b.root)
        #expect(a.edgeKeys == b.edgeKeys)
        #expect(a.edgeValues == b.edgeValues)
        #expect(a.terminal == b.terminal)
        #expect(a.termIndex == b.termIndex)
        #expect(a.firstPairs == b.firstPairs)
        for term in ["淄博", "钙钛矿", "新能源汽车", "两江新区"] { #expect(compiled.contains(term)) }
    }

    @Test func anotherTableOrExtraTermsBuildTheTrie() throws {
        let table = try CharacterTable.shared()
        let other = CharacterTable(bmp: table.bmp.array, expansions: table.expansions.array,
                                   supplementaryKeys: table.supplementaryKeys.array, supplementaryValues: table.supplementaryValues.array)
        #expect(Lexicon.compiled(table: other) == nil)
        let extended = Lexicon.builtin(table: table, extra: ["淄川陶瓷谷"])
        #expect(extended.contains("淄川陶瓷谷"))
        #expect(extended.count == Lexicon.builtin(table: table).count + 1)
    }
}
