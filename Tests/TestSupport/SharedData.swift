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
