#if canImport(Glibc)
import Glibc
#endif
import IndexFormat

/// The one-writer lock: `write.lock` in the index folder, held with `flock`,
/// so the kernel releases it when the holder dies (a stale lock from a killed
/// process never blocks the next writer). The file records the holder's pid
/// for the error message.
final class WriteLock {
    let path: String
    private var fd: Int32

    init(directory: String) throws {
        path = directory + "/write.lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IndexError.format(FileSystem.error(path, "open")) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = read(fd, &buffer, 31)
            let pid = Int32(String(decoding: buffer.prefix(max(0, n)), as: UTF8.self).trimmingCharacters(in: " \n")) ?? 0
            close(fd)
            throw IndexError.locked(path: directory, pid: pid)
        }
        _ = ftruncate(fd, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pwrite(fd, pid, pid.count, 0)
    }

    func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = self[...]
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
