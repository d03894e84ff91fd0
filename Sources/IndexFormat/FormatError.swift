/// Errors reading or writing index files. Every case names the file.
public enum FormatError: Error, CustomStringConvertible, Equatable {
    /// The file's bytes are not what the format says: a bad magic, checksum or structure.
    case corrupt(file: String, detail: String)
    case tooOld(file: String, version: UInt32, oldest: UInt32)
    case tooNew(file: String, version: UInt32, newest: UInt32)
    /// An operating-system error (open, read, write, fsync, rename …).
    case io(file: String, operation: String, errno: Int32, message: String)

    public var description: String {
        switch self {
        case let .corrupt(file, detail): "\(file): index file is damaged: \(detail) (run `news-index verify`; rebuild with --rebuild if it persists)"
        case let .tooOld(file, v, oldest): "\(file): format version \(v) is older than the oldest this build reads (\(oldest)); rebuild the index"
        case let .tooNew(file, v, newest): "\(file): format version \(v) is newer than this build reads (\(newest)); use a newer news-search"
        case let .io(file, op, _, message): "\(file): \(op) failed: \(message)"
        }
    }
}
