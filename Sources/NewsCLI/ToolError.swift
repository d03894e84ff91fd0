/// A failure that a tool reports in one line on standard error, with the exit status that
/// scripts can trust: 1 when something failed (no index, a damaged file, an unwritable
/// output), 2 when the invocation was wrong (an unknown filter value, an unreadable batch
/// file). `runWithUsageExit` prints it and exits.
public struct ToolError: Error, CustomStringConvertible {
    public enum Kind: Int32, Sendable {
        case failure = 1
        case usage = 2
    }

    public var kind: Kind
    /// The whole line, the tool's name included when it has one (`news-search: no index in …`).
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
