import Foundation
import IndexFormat

/// Which files a watcher has read into an index, and what each gave: kept in
/// the index folder (`files.jsonl`) so that a restarted watcher reads only new
/// and changed files, and a re-read file replaces what it gave before.
///
/// One JSON object a line: `path`, `size`, `modified` (seconds since 1970),
/// `hash` (FNV-1a 64 of the bytes, hex) and `ids` (the articles the file gave).
/// It is written atomically after each commit; a kill between the commit and
/// the record leaves the record one step behind, and the files it misses are
/// read again on restart, replacing their articles by id (nothing doubles).
public struct FileRecord: Sendable {
    public struct Entry: Equatable, Sendable {
        public var size: Int
        public var modified: Double
        public var hash: UInt64
        public var ids: [String]

        public init(size: Int, modified: Double, hash: UInt64, ids: [String]) {
            self.size = size
            self.modified = modified
            self.hash = hash
            self.ids = ids
        }
    }

    public static let fileName = "files.jsonl"
    public private(set) var entries: [String: Entry] = [:]

    public init() {}

    /// The record in `directory`; empty when there is none. A damaged line is
    /// left out (its file is read again: nothing is lost).
    public static func load(directory: String) -> FileRecord {
        var record = FileRecord()
        guard let data = FileManager.default.contents(atPath: directory + "/" + fileName) else { return record }
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let path = object["path"] as? String, let size = object["size"] as? Int,
                  let modified = object["modified"] as? Double, let hex = object["hash"] as? String,
                  let hash = UInt64(hex, radix: 16), let ids = object["ids"] as? [String] else { continue }
            record.entries[path] = Entry(size: size, modified: modified, hash: hash, ids: ids)
        }
        return record
    }

    public func save(directory: String) throws {
        var out = ""
        for path in entries.keys.sorted() {
            let e = entries[path]!
            let object: [String: Any] = ["path": path, "size": e.size, "modified": e.modified,
                                         "hash": String(e.hash, radix: 16), "ids": e.ids]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            out += String(decoding: data, as: UTF8.self) + "\n"
        }
        try FileSystem.writeAtomically(Array(out.utf8), to: directory + "/" + Self.fileName)
    }

    public subscript(path: String) -> Entry? {
        get { entries[path] }
        set { entries[path] = newValue }
    }

    /// Whether a file other than `path` gave the article `id`.
    public func claims(_ id: String, besides path: String) -> Bool {
        entries.contains { $0.key != path && $0.value.ids.contains(id) }
    }

    /// FNV-1a 64 of a file's bytes; nil when it cannot be read.
    public static func hash(contentsOf path: String) -> UInt64? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { raw in
            for b in raw { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        return h
    }
}
