import Foundation

/// `../shared/data` beside the repository (or `$NEWS_SHARED_DATA`): real data for
/// the tests that need it. A user's machine has none; those tests are skipped.
enum SharedData {
    static let root: String = {
        if let env = ProcessInfo.processInfo.environment["NEWS_SHARED_DATA"] { return env }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repo.deletingLastPathComponent().appendingPathComponent("shared/data").path
    }()

    static var available: Bool { FileManager.default.fileExists(atPath: root + "/README.md") }

    static let skipMessage = "skipped: ../shared/data is absent (set NEWS_SHARED_DATA to run it)"

    static func path(_ relative: String) -> String { root + "/" + relative }

    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }
}
