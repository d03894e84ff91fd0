import Foundation
import NewsCatalog
import NewsIndex
import NewsSearch

/// An answer other than 200: an HTTP status and the message `news-search` would print for the
/// same cause (without its name), with suggestions for an unknown region or industry.
public struct ServiceError: Error, Equatable, CustomStringConvertible, Sendable {
    public var status: Int
    public var message: String
    public var suggestions: [String]

    public init(status: Int, _ message: String, suggestions: [String] = []) {
        self.status = status
        self.message = message
        self.suggestions = suggestions
    }

    public var description: String { "\(status): \(message)" }

    static func badRequest(_ message: String, suggestions: [String] = []) -> ServiceError {
        ServiceError(status: 400, message, suggestions: suggestions)
    }

    static let busy = ServiceError(status: 503, "the service is busy: too many requests are waiting; try again shortly")

    static func tooSlow(_ seconds: Double) -> ServiceError {
        ServiceError(status: 503, "the request took longer than \(Int(seconds)) s; narrow the query or its filters")
    }

    /// The answer for an error the NewsSearch API threw: the user's mistakes are 400s with the
    /// CLI's messages, anything else (a damaged index) a 500 that names it.
    static func from(_ error: Error) -> ServiceError {
        switch error {
        case let e as ServiceError: return e
        case let e as CatalogError:
            switch e {
            case let .unknownRegion(_, suggestions), let .unknownIndustry(_, suggestions):
                return .badRequest("\(e)", suggestions: suggestions)
            }
        case let e as Query.ParseError: return .badRequest("\(e)")
        case let e as Filters.Error: return .badRequest(Self.renamingOptions("\(e)"))
        case let e as RankingKnob.Error: return .badRequest(e.message(name: e.knob.rawValue.replacingOccurrences(of: "-", with: "_")))
        default: return ServiceError(status: 500, "the index could not be read: \(error)")
        }
    }

    /// The CLI's message with its option names as this API's parameters (`--from` → `from`).
    static func renamingOptions(_ message: String) -> String {
        message.replacingOccurrences(of: "--from", with: "from").replacingOccurrences(of: "--to", with: "to")
    }

    /// `{"error":{"status":…,"message":…,"suggestions":[…]}}`.
    var json: [UInt8] {
        var w = JSONWriter(capacity: 128 + message.utf8.count)
        w.beginObject()
        w.key("error")
        w.beginObject()
        w.key("status"); w.int(status)
        w.key("message"); w.string(message)
        w.key("suggestions"); w.beginArray(); for s in suggestions { w.string(s) }; w.endArray()
        w.endObject()
        w.endObject()
        return w.bytes
    }
}
