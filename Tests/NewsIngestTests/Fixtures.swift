import Foundation
import TestSupport
import NewsText
@testable import NewsIngest

/// A temporary folder for fixture files, removed when the value goes away.
final class TempDir {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "news-ingest-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let full = path + "/" + name
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(bytes))
        return full
    }
}

/// Encodes `text` with iconv (the test's own encoder, independent of ICU).
func iconv(_ text: String, to encoding: String) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
    process.arguments = ["-f", "UTF-8", "-t", encoding]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteInapplicableStringEncoding) }
    return [UInt8](data)
}

/// Reads `paths` and returns the articles and the ingestor (for its issues).
func ingest(_ paths: [String], _ options: Ingestor.Options = .init()) throws -> ([Article], Ingestor) {
    let ingestor = try Ingestor(table: try CharacterTable.shared(), options: options)
    var articles = [Article]()
    try ingestor.read(paths: paths) { articles.append($0) }
    return (articles, ingestor)
}

/// A portal page written for these tests (not from any real site).
let portalPage = """
鲁辰新材：聚酰亚胺薄膜项目开工 总投资12亿元

鲁中产经网   时间:2024-03-19



  3月18日，鲁辰新材料有限公司年产3000吨聚酰亚胺薄膜项目在淄博高新区开工，总投资12亿元。

  项目达产后可年产电子级薄膜3000吨(中车)配套需求也将同步满足。（记者 王晓峰）

  转自：齐都经济报

  【版权及免责声明】凡本网所属版权作品，转载时须获得授权并注明来源“鲁中产经网”。

延伸阅读

热点视频

上半年汽车工业多项经济指标创新高

热点新闻

?

版权所有：鲁中产经网京ICP备00000000号-1京公网安备11010500000000
"""
