import Foundation

/// `../shared/data` beside the repository (or `$NEWS_SHARED_DATA`): real data for
/// the tests that need it. A user's machine has none; those tests are skipped.
public enum SharedData {
    public static let root: String = {
        if let env = ProcessInfo.processInfo.environment["NEWS_SHARED_DATA"] { return env }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repo.deletingLastPathComponent().appendingPathComponent("shared/data").path
    }()

    public static var available: Bool { FileManager.default.fileExists(atPath: root + "/README.md") }

    public static let skipMessage = "skipped: ../shared/data is absent (set NEWS_SHARED_DATA to run it)"

    public static func path(_ relative: String) -> String { root + "/" + relative }

    public static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }
}

/// A small seeded generator, so that a failing property case can be replayed.
public struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The repository's root folder (for the sample corpus and built binaries).
public let repositoryRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// A temporary folder removed when the value goes away.
public final class TemporaryFolder {
    public let path: String
    public init(_ label: String = "test") throws {
        path = NSTemporaryDirectory() + "news-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A built executable of this package (`news-index`, `news-search`), next to the test bundle.
public func executable(_ name: String) -> String? {
    var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
    for config in ["debug", "release"] { candidates.append(URL(fileURLWithPath: repositoryRoot + "/.build/" + config)) }
    for dir in candidates {
        var d = dir
        for _ in 0 ..< 4 {
            let p = d.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
            d = d.deletingLastPathComponent()
        }
    }
    return nil
}

/// Runs a program; returns its exit status, standard output and standard error.
@discardableResult
public func run(_ path: String, _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil) throws -> (status: Int32, out: String, err: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = arguments
    if let environment { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    let out = Pipe(), err = Pipe(), input = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = input
    try p.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}
