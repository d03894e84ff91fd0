import ArgumentParser
import Foundation

/// What both command-line tools share: exit codes scripts can trust, safe messages, JSON strings.
extension ParsableCommand {
    /// Parses and runs like ArgumentParser's `main`, but usage errors exit with 2
    /// (0 ok, 1 failure, 2 usage), a `ToolError` is printed as its line with its status,
    /// and messages are shown with their control characters escaped (they may quote a
    /// path or a value given by the user).
    public static func runWithUsageExit(_ arguments: [String]? = nil) {
        exitingOnError {
            var command = try parseAsRoot(arguments)
            try command.run()
        }
    }

    /// Validates and runs `command`, built without parsing (a tool's fast path for its
    /// commonest invocation), with `runWithUsageExit`'s exit codes and messages.
    public static func runWithUsageExit(_ command: Self) {
        exitingOnError {
            var command = command
            try command.validate()
            try command.run()
        }
    }

    private static func exitingOnError(_ body: () throws -> Void) {
        do {
            try body()
        } catch let failure as ToolError {
            printError(failure.message)
            Foundation.exit(failure.kind.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code.rawValue == 0 { exit(withError: error) }  // help, version: our own text, on stdout
            let message = fullMessage(for: error)
            if !message.isEmpty { printError(message) }
            Foundation.exit(code.rawValue == 64 ? 2 : code.rawValue)  // EX_USAGE: a parse or validation error
        }
    }
}

/// Writes `message` and a newline to standard error, control and bidi characters escaped.
public func printError(_ message: String) {
    FileHandle.standardError.write(Data((SafeText.escaped(message) + "\n").utf8))
}

/// The arguments with `--limit -1` written `--limit=-1` for the options in `numeric`
/// (spelling → long name): ArgumentParser takes an argument that starts with `-` for an
/// option and would say "Missing value" instead of checking the number's range.
/// Arguments after `--` are left alone.
public func joiningNegativeNumbers(_ arguments: [String], numeric: [String: String]) -> [String] {
    var out = [String]()
    out.reserveCapacity(arguments.count)
    var i = 0
    while i < arguments.count {
        let a = arguments[i]
        if a == "--" { return out + arguments[i...] }
        if let long = numeric[a], i + 1 < arguments.count, looksNegative(arguments[i + 1]) {
            out.append(long + "=" + arguments[i + 1])
            i += 2
            continue
        }
        out.append(a)
        i += 1
    }
    return out
}

/// `-1`, `-0.5`, `-1e9`, `-inf`, `-nan`: what a user means as a (bad) number.
func looksNegative(_ s: String) -> Bool {
    s.count > 1 && s.hasPrefix("-") && Double(s.dropFirst()) != nil
}

/// `s` as a JSON string literal (quotes included). Controls (C0, DEL, C1), bidirectional
/// formatting characters and U+2028/U+2029 are written as `\uXXXX`, so that a consumer
/// that prints a value cannot be steered by it.
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
            if SafeText.isUnsafe(c) || c.value == 0x2028 || c.value == 0x2029 {
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(c)
            }
        }
    }
    return out + "\""
}
