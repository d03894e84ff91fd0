import Foundation

/// The version of both tools, printed by `news-index --version` and `news-search --version`
/// as `news-search 0.1.0`; this is the one place it is written.
public let toolsVersion = "0.1.0"

/// The index folder when `--index` is not given: `$NEWS_INDEX` when set to something,
/// else `index` (in the current folder).
public func defaultIndexFolder(_ environment: [String: String] = ToolEnvironment.variables) -> String {
    if let folder = environment["NEWS_INDEX"], !folder.isEmpty { return folder }
    return "index"
}
