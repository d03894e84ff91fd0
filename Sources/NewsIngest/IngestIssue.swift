/// Something ingest could not take as it was: reported in the summary, never a crash.
public struct IngestIssue: Equatable, Sendable, CustomStringConvertible {
    public enum Severity: Sendable, Equatable {
        /// The article was kept, with something dropped or guessed (a bad date, a duplicate id).
        case warning
        /// Input was skipped: a file or a line produced no article.
        case skipped
    }

    public var severity: Severity
    /// `path`, `path:line`, or `path@offset` for a byte offset.
    public var location: String
    public var message: String

    public init(_ severity: Severity, _ location: String, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public var description: String {
        "\(severity == .warning ? "warning" : "skipped"): \(location): \(message)"
    }
}

/// Errors that stop ingest of a whole input (as opposed to `IngestIssue`s).
public enum IngestError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case unknownEncoding(String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "\(path): cannot read: \(reason)"
        case let .unknownEncoding(name): "unknown encoding \(name) (try UTF-8, GB18030, GBK, Big5, UTF-16LE, UTF-16BE)"
        }
    }
}
