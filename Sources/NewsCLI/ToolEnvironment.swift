#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The environment variables the tools read, looked up one by one: Foundation's
/// `ProcessInfo.environment` builds a dictionary of the whole environment on every call,
/// which costs a one-query process a noticeable share of its start.
public enum ToolEnvironment {
    /// Every variable that `NewsCLI` reads.
    public static let names = ["NEWS_INDEX", "NO_COLOR", "TERM", "COLUMNS"]

    /// Those of `names` that are set, with their values.
    public static var variables: [String: String] {
        var found = [String: String]()
        for name in names {
            if let value = getenv(name) { found[name] = String(cString: value) }
        }
        return found
    }
}
