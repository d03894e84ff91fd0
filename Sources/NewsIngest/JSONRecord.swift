import Foundation

/// One line of JSON Lines input. Known fields are type-checked (a wrong type is
/// reported with the field's name); unknown fields (`summary_title`, `category` …)
/// are ignored. `region`, `industry` and `labels` may be a string or an array of strings.
struct JSONRecord: Decodable {
    var id: String?
    var title: String?
    var body: String?
    var date: String?
    var source: String?
    var url: String?
    var region: [String] = []
    var industry: [String] = []
    var labels: [String] = []

    struct FieldError: Error, CustomStringConvertible {
        var field: String
        var expected: String
        var description: String { "field \"\(field)\" must be \(expected)" }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        func string(_ name: String) throws -> String? {
            let key = Key(name)
            guard c.contains(key), try !c.decodeNil(forKey: key) else { return nil }
            guard let s = try? c.decode(String.self, forKey: key) else { throw FieldError(field: name, expected: "a string") }
            return s
        }
        func strings(_ name: String) throws -> [String] {
            let key = Key(name)
            guard c.contains(key), try !c.decodeNil(forKey: key) else { return [] }
            if let s = try? c.decode(String.self, forKey: key) { return s.isEmpty ? [] : [s] }
            if let a = try? c.decode([String].self, forKey: key) { return a.filter { !$0.isEmpty } }
            throw FieldError(field: name, expected: "a string or an array of strings")
        }
        let idKey = Key("id")
        if c.contains(idKey), try !c.decodeNil(forKey: idKey) {
            if let s = try? c.decode(String.self, forKey: idKey) { id = s }
            else if let n = try? c.decode(Int64.self, forKey: idKey) { id = String(n) }
            else { throw FieldError(field: "id", expected: "a string or an integer") }
        }
        title = try string("title")
        body = try string("body")
        date = try string("date")
        source = try string("source")
        url = try string("url")
        region = try strings("region")
        industry = try strings("industry")
        labels = try strings("labels")
    }
}
