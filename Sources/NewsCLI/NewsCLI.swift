import ArgumentParser
import Foundation

/// What both command-line tools share: exit codes scripts can trust, and JSON strings.
extension ParsableCommand {
    /// Parses and runs like ArgumentParser's `main`, but usage errors exit with 2
    /// (0 ok, 1 failure, 2 usage).
    public static func runWithUsageExit(_ arguments: [String]? = nil) {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code.rawValue == 64 {  // EX_USAGE: a parse or validation error
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// `s` as a JSON string literal (quotes included).
public func jsonString(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
        switch c {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if c.value < 0x20 {
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(c)
            }
        }
    }
    return out + "\""
}
