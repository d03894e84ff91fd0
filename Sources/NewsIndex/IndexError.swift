import IndexFormat

/// Errors of the index layer.
public enum IndexError: Error, CustomStringConvertible {
    case format(FormatError)
    /// No commit in the folder: nothing has been indexed there yet.
    case noIndex(path: String)
    /// Another live process holds the write lock.
    case locked(path: String, pid: Int32)
    case notAnIndexFolder(path: String, detail: String)

    public var description: String {
        switch self {
        case let .format(e): e.description
        case let .noIndex(path): "no index in \(path) yet: build one with `news-index --index \(path) corpus/` (or any folder of articles)"
        case let .locked(path, pid): "\(path) is being written by another news-index (pid \(pid)); wait for it to finish"
        case let .notAnIndexFolder(path, detail): "\(path): \(detail)"
        }
    }
}
