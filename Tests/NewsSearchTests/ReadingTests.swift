import Foundation
import Testing
import TestSupport

/// Reading and paging: one article whole, "results 1–10 of N", --offset,
/// --sort date, bodies in JSON.
@Suite(.serialized) struct ReadingTests {
    let dir: TemporaryFolder
    let newsSearch: String
    var index: String { dir.path + "/index" }

    init() throws {
        dir = try TemporaryFolder("reading")
        let newsIndex = try #require(executable("news-index"), "news-index is not built")
        newsSearch = try #require(executable("news-search"), "news-search is not built")
        #expect(try run(newsIndex, ["--index", dir.path + "/index", "--quiet", repositoryRoot + "/corpus"]).status == 0)
    }

    func search(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        try run(newsSearch, ["--index", index] + args, environment: ["NO_COLOR": "1", "COLUMNS": "200"])
    }

    func ids(_ args: [String]) throws -> [String] {
        try search(args + ["--format", "tsv"]).out.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[1]) }
    }

    @Test func textSaysWhichResultsOfHowMany() throws {
        let count = try search(["新能源", "--count"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        let r = try search(["新能源", "--limit", "5"])
        #expect(r.out.hasSuffix("results 1–5; \(count) articles hold the whole query; --offset 5 for more\n"), "\(r.out)")
        let next = try search(["新能源", "--limit", "5", "--offset", "5"])
        #expect(next.out.contains(" 6. ") && !next.out.contains(" 5. "))
        #expect(next.out.contains("results 6–10; \(count) articles hold the whole query"))
    }

    @Test func pagesFollowEachOther() throws {
        let all = try ids(["新能源", "--limit", "12"])
        let first = try ids(["新能源", "--limit", "6"])
        let second = try ids(["新能源", "--limit", "6", "--offset", "6"])
        #expect(all.count == 12)
        #expect(first + second == all)
    }

    @Test func sortByDateNewestFirstAmongCompleteMatches() throws {
        let rows = try search(["新能源", "--sort", "date", "--limit", "0", "--format", "tsv"]).out.split(separator: "\n").dropFirst()
        let dates = rows.map { String($0.split(separator: "\t", omittingEmptySubsequences: false)[3]) }
        #expect(dates.count == Int(try search(["新能源", "--count"]).out.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(dates == dates.sorted(by: >), "\(dates)")
    }

    @Test func showPrintsOneArticleWhole() throws {
        let id = try #require(try ids(["芜湖低空经济产业园", "--limit", "1"]).first)
        let text = try search(["--show", id])
        #expect(text.status == 0)
        #expect(text.out.hasPrefix("芜湖低空经济产业园二期开园"), "\(text.out)")
        #expect(text.out.contains("id         \(id)") && text.out.contains("reprints   "))
        let json = try search(["--show", id, "--format", "json"])
        let o = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect((o["body"] as? String)?.count ?? 0 > 200)
        #expect((o["reprints"] as? [Any])?.count == 2)
        let missing = try search(["--show", "no-such-article"])
        #expect(missing.status == 1 && missing.err.contains("no article with id no-such-article"))
    }

    @Test func jsonCarriesBodiesOnRequest() throws {
        let without = try search(["新能源", "--limit", "1", "--format", "json"]).out
        let with = try search(["新能源", "--limit", "1", "--format", "json", "--body"]).out
        #expect(!without.contains("\"body\":"))
        let o = try #require(try JSONSerialization.jsonObject(with: Data(with.utf8)) as? [String: Any])
        #expect((o["body"] as? String)?.contains("新能源") == true)
    }
}
