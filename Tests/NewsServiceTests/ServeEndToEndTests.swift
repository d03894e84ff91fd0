import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// `news-search serve` as a user starts it: the built binary over an index of the sample corpus,
/// on a free port, every route called over HTTP, bad input included.
@Suite(.serialized) struct ServeEndToEndTests {
    @Test func everyRouteAnswersOverHTTP() async throws {
        guard let index = executable("news-index"), let search = executable("news-search") else {
            Issue.record("news-index and news-search are not built (swift build)")
            return
        }
        let folder = try TemporaryFolder("serve-e2e")
        let indexed = try run(index, ["--quiet", "--index", folder.path, repositoryRoot + "/corpus"])
        #expect(indexed.status == 0)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: search)
        server.arguments = ["serve", "--index", folder.path, "--port", "0"]
        let out = Pipe()
        server.standardOutput = out
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        // The first line names the address: "serving DIR (commit 1, 75 articles) at http://127.0.0.1:PORT".
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        let base = try #require(text.components(separatedBy: " at ").last?.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text.hasPrefix("serving ") && text.contains("75 articles") && base.hasPrefix("http://127.0.0.1:"))

        func get(_ path: String) async throws -> (Int, String, String) {
            let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: base + path)))
            let http = try #require(response as? HTTPURLResponse)
            return (http.statusCode, http.value(forHTTPHeaderField: "Content-Type") ?? "", String(decoding: data, as: UTF8.self))
        }
        let cases: [(String, Int, String)] = [
            ("/", 200, "<input id=\"q\""),
            ("/app.js", 200, "textContent"),
            ("/app.css", 200, "@media"),
            ("/openapi.json", 200, "\"openapi\": \"3.1.0\""),
            ("/search?q=%E6%B7%84%E5%8D%9A%E9%AB%98%E6%96%B0%E5%8C%BA&limit=3", 200, "\"title_matches\""),
            ("/search?q=%E6%96%B0%E8%83%BD%E6%BA%90&region=%E5%B9%BF%E4%B8%9C&sort=date", 200, "广东省"),
            ("/counts?q=%E6%96%B0%E8%83%BD%E6%BA%90&by=region&by=year&share=true", 200, "\"region_code\""),
            ("/counts?by=quarter&format=csv", 200, "quarter,count"),
            ("/article?id=wire-2025-0015", 200, "越南电子产品出口"),
            ("/regions?parent=370000", 200, "淄博市"),
            ("/industries?parent=C", 200, "\"entries\""),
            ("/health", 200, "\"status\":\"ok\""),
            ("/status", 200, "\"generation\":1"),
            ("/search?q=x&region=%E5%B1%B1%E4%B8%9C%E7%9C%81x", 400, "did you mean: 山东省 (370000)"),
            ("/search?q=%22open", 400, "unterminated quote"),
            ("/search?q=%FF%FE", 400, "the query string is not valid"),
            ("/counts?by=colour", 400, "by colour: use one of"),
            ("/article?id=no-such-article", 404, "no article with id no-such-article"),
        ]
        for (path, status, needle) in cases {
            let (code, type, body) = try await get(path)
            #expect(code == status, "\(path): \(code) \(body.prefix(200))")
            #expect(body.contains(needle), "\(path): \(body.prefix(300))")
            #expect(!type.isEmpty, "\(path)")
        }
        // A new commit is served without a restart.
        let added = try run(index, ["--quiet", "--index", folder.path, "-"],
                            stdin: #"{"id":"e2e-new","title":"东莞智能终端产业新闻","body":"东莞智能终端产业集群产值增长。","date":"2025-01-02"}"# + "\n")
        #expect(added.status == 0)
        var generation = 1
        for _ in 0 ..< 40 where generation == 1 {
            try await Task.sleep(for: .milliseconds(100))
            let (_, _, body) = try await get("/health")
            if body.contains("\"generation\":2") { generation = 2 }
        }
        #expect(generation == 2)
        #expect(try await get("/article?id=e2e-new").0 == 200)
    }

    @Test func aDoubleDashSearchesTheWordServe() throws {
        guard let search = executable("news-search") else { return }
        let folder = try TemporaryFolder("serve-word")
        let result = try run(search, ["--index", folder.path, "--", "serve"])
        // No index there: the query path ran (and said so), not the server.
        #expect(result.status == 1 && result.err.contains("no index") && !result.out.contains("serving"))
    }
}
