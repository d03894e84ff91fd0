import ArgumentParser
import Foundation
import NewsCLI
import NewsIndex

/// `news-index stats`: what the index holds.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Articles, segments, terms and bytes per file kind.")
    @OptionGroup var location: IndexLocation
    @Flag(help: "Also break terms and postings bytes down by field and token kind (reads the whole dictionary).")
    var terms = false

    func run() throws {
        let reader = try IndexReader.open(directory: location.index)
        var bytes = [String: Int]()
        var terms: UInt64 = 0
        for s in reader.segments {
            for (k, v) in s.fileSizes { bytes[k, default: 0] += v }
            terms += s.termCount
        }
        let deleted = reader.segments.reduce(0) { $0 + Int($1.info.deletedCount) }
        print("index:      \(SafeText.escaped(location.index)) (commit \(reader.commit.generation))")
        print("articles:   \(reader.liveCount) live, \(deleted) deleted")
        print("segments:   \(reader.segments.count)" + reader.segments.map { " \($0.info.name)(\($0.info.liveCount))" }.joined())
        print("terms:      \(terms) (summed over segments)")
        for (kind, label) in [("dict", "dictionary"), ("post", "postings"), ("cols", "columns"), ("store", "stored")] {
            print("\(label + ":")\(String(repeating: " ", count: max(1, 12 - label.count - 1)))\(bytes[kind, default: 0]) bytes")
        }
        print("total:      \(bytes.values.reduce(0, +)) bytes")
        if self.terms {
            var byKind = [String: (terms: Int, bytes: Int, positions: Int, once: Int)]()
            for s in reader.segments {
                try s.forEachTerm { key, info in
                    let d = String(TermKey.describe(key.prefix(2)).dropLast())
                    let cursor = try s.postings(info)
                    byKind[d, default: (0, 0, 0, 0)].terms += 1
                    byKind[d, default: (0, 0, 0, 0)].bytes += info.length
                    byKind[d, default: (0, 0, 0, 0)].positions += cursor.positionBytes
                    byKind[d, default: (0, 0, 0, 0)].once += info.docFreq == 1 ? 1 : 0
                }
            }
            for (k, v) in byKind.sorted(by: { $0.value.bytes > $1.value.bytes }) {
                print("  \(k)\(String(repeating: " ", count: max(1, 18 - k.count)))\(v.terms) terms (\(v.once) in one article), "
                      + "\(v.bytes) postings bytes, \(v.positions) of them positions")
            }
        }
    }
}

/// `news-index verify`: every checksum of every file.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the checksum of every index file.")
    @OptionGroup var location: IndexLocation

    func run() throws {
        let reader = try IndexReader.open(directory: location.index)
        let files = try reader.verify()
        print("ok: \(files) files, \(reader.liveCount) articles, commit \(reader.commit.generation)")
    }
}

/// `news-index merge`: one segment.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Merge all segments into one (drops deleted articles).")
    @OptionGroup var location: IndexLocation

    func run() throws {
        let writer = try IndexWriter(directory: location.index)
        defer { writer.close() }
        let commit = try writer.commit(forceMerge: true)
        print("merged: \(commit.liveCount) articles in \(commit.segments.count) segment\(commit.segments.count == 1 ? "" : "s")")
    }
}

/// `news-index delete ID...`.
struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Delete articles by id.")
    @OptionGroup var location: IndexLocation
    @Argument(help: "Article ids.") var ids: [String]

    func run() throws {
        let writer = try IndexWriter(directory: location.index, options: .init(threads: 1))
        defer { writer.close() }
        var missing = [String]()
        for id in ids where !writer.delete(id: id) { missing.append(id) }
        let commit = try writer.commit()
        print("deleted \(ids.count - missing.count); index: \(commit.liveCount) articles")
        if !missing.isEmpty { throw ToolError(.failure, "not found: \(missing.joined(separator: ", "))") }
    }
}
