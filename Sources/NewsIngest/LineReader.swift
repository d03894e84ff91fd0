#if canImport(Glibc)
import Glibc
#endif

/// Reads a file descriptor line by line with one growing buffer, so a feed of
/// any size streams in bounded memory (a single huge line is held once).
final class LineReader {
    private let fd: Int32
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    /// 1-based number of the line last returned.
    private(set) var lineNumber = 0

    init(fd: Int32, chunk: Int = 1 << 20) {
        self.fd = fd
        buffer = [UInt8](repeating: 0, count: chunk)
    }

    enum Next {
        case line(ArraySlice<UInt8>)
        /// Nothing arrived within the wait (or a signal came).
        case waiting
        case end
    }

    /// The next line, waiting at most `milliseconds` for input to arrive.
    func next(waiting milliseconds: Int32) throws -> Next {
        wait = milliseconds
        defer { wait = -1 }
        do {
            guard let line = try next() else { return .end }
            return .line(line)
        } catch is Waiting {
            return .waiting
        }
    }

    private struct Waiting: Error {}
    private var wait: Int32 = -1

    /// The next line without its terminator (`\n` or `\r\n`), or nil at the end.
    func next() throws -> ArraySlice<UInt8>? {
        var scanFrom = start
        while true {
            if let nl = buffer[scanFrom ..< end].firstIndex(of: 0x0A) {
                var line = buffer[start ..< nl]
                if line.last == 0x0D { line = line.dropLast() }
                start = nl + 1
                lineNumber += 1
                return line
            }
            if eof {
                guard start < end else { return nil }
                let line = buffer[start ..< end]
                start = end
                lineNumber += 1
                return line
            }
            scanFrom = end
            try fill(&scanFrom)
        }
    }

    private func fill(_ scanFrom: inout Int) throws {
        if start > 0 {
            // Move the partial line to the front.
            let pending = end - start
            buffer.withUnsafeMutableBytes { b in
                _ = memmove(b.baseAddress!, b.baseAddress! + start, pending)
            }
            scanFrom -= start
            end = pending
            start = 0
        }
        if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
        if wait >= 0 {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&p, 1, wait) <= 0 { throw Waiting() }
        }
        let n = buffer.withUnsafeMutableBytes { b in read(fd, b.baseAddress! + end, b.count - end) }
        if n < 0 { throw IngestError.unreadable(path: "", reason: String(cString: strerror(errno))) }
        if n == 0 { eof = true }
        end += n
    }
}
