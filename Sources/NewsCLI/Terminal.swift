import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `--color auto|always|never`.
public enum ColorChoice: String, CaseIterable, ExpressibleByArgument, Sendable {
    case auto, always, never

    /// Whether output to `fd` is coloured. `auto` colours a terminal only, and not when
    /// `NO_COLOR` holds a value (no-color.org: an empty `NO_COLOR` is as if unset) or
    /// `TERM` is `dumb`; `always` colours a pipe too (`| less -R`), whatever `NO_COLOR` says,
    /// since an option given on the command line wins over the environment.
    public func isOn(fd: Int32 = 1, environment: [String: String] = ToolEnvironment.variables) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: isatty(fd) != 0 && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
    }
}

/// The terminal that text output is laid out for: its width, and the columns a
/// string takes in it.
public enum Terminal {
    /// The columns text output fits: the terminal's when `fd` is one, else `$COLUMNS`,
    /// else 80.
    public static func columns(fd: Int32 = 1, environment: [String: String] = ToolEnvironment.variables) -> Int {
        var size = winsize()
        if isatty(fd) != 0, ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let text = environment["COLUMNS"], let n = Int(text.trimmingCharacters(in: .whitespaces)), n > 0 { return n }
        return 80
    }

    /// The columns `s` takes on a terminal: East Asian wide and full-width characters
    /// (Han, kana, Hangul, full-width forms and punctuation, most emoji) take two;
    /// combining marks, format characters and controls none.
    public static func width(of s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x300 { return v < 0x20 || (0x7F ..< 0xA0).contains(v) ? 0 : 1 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v < 0x1100 { return 1 }
        var lo = 0, hi = wide.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if wide[mid].upperBound < v { lo = mid + 1 } else { hi = mid }
        }
        return lo < wide.count && wide[lo].contains(v) ? 2 : 1
    }

    /// The columns `s` takes (see `width(of:)`).
    /// - Complexity: O(n) in the scalars of `s`.
    public static func width(_ s: some StringProtocol) -> Int {
        s.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }

    /// Ranges of East Asian Width W and F (Unicode's EastAsianWidth.txt, merged where
    /// the gaps hold no assigned character that matters to news text), sorted.
    static let wide: [ClosedRange<UInt32>] = [
        0x1100 ... 0x115F, 0x231A ... 0x231B, 0x2329 ... 0x232A, 0x23E9 ... 0x23EC, 0x23F0 ... 0x23F0, 0x23F3 ... 0x23F3,
        0x25FD ... 0x25FE, 0x2614 ... 0x2615, 0x2648 ... 0x2653, 0x267F ... 0x267F, 0x2693 ... 0x2693, 0x26A1 ... 0x26A1,
        0x26AA ... 0x26AB, 0x26BD ... 0x26BE, 0x26C4 ... 0x26C5, 0x26CE ... 0x26CE, 0x26D4 ... 0x26D4, 0x26EA ... 0x26EA,
        0x26F2 ... 0x26F3, 0x26F5 ... 0x26F5, 0x26FA ... 0x26FA, 0x26FD ... 0x26FD, 0x2705 ... 0x2705, 0x270A ... 0x270B,
        0x2728 ... 0x2728, 0x274C ... 0x274C, 0x274E ... 0x274E, 0x2753 ... 0x2755, 0x2757 ... 0x2757, 0x2795 ... 0x2797,
        0x27B0 ... 0x27B0, 0x27BF ... 0x27BF, 0x2B1B ... 0x2B1C, 0x2B50 ... 0x2B50, 0x2B55 ... 0x2B55,
        0x2E80 ... 0x303E, 0x3041 ... 0x33FF, 0x3400 ... 0x4DBF, 0x4E00 ... 0x9FFF, 0xA000 ... 0xA4CF, 0xA960 ... 0xA97F,
        0xAC00 ... 0xD7A3, 0xF900 ... 0xFAFF, 0xFE10 ... 0xFE19, 0xFE30 ... 0xFE6F, 0xFF00 ... 0xFF60, 0xFFE0 ... 0xFFE6,
        0x16FE0 ... 0x16FE4, 0x17000 ... 0x18CFF, 0x1B000 ... 0x1B2FF, 0x1F004 ... 0x1F004, 0x1F0CF ... 0x1F0CF,
        0x1F18E ... 0x1F18E, 0x1F191 ... 0x1F19A, 0x1F200 ... 0x1F2FF, 0x1F300 ... 0x1F64F, 0x1F680 ... 0x1F6FF,
        0x1F7E0 ... 0x1F7EB, 0x1F90C ... 0x1F9FF, 0x1FA70 ... 0x1FAFF, 0x20000 ... 0x2FFFD, 0x30000 ... 0x3FFFD,
    ]

    /// `s` padded with spaces to `columns` (nothing added when it is as wide or wider).
    public static func padded(_ s: String, to columns: Int) -> String {
        s + String(repeating: " ", count: max(0, columns - width(s)))
    }
}
