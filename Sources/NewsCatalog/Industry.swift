/// An industry: a GB/T 4754-2017 entry (section, division, group, class) or a
/// strategic emerging industry category (2018; first and second level).
public struct Industry: Sendable, Equatable {
    public enum Scheme: Sendable, Equatable { case gbt4754, strategicEmerging }

    public var scheme: Scheme
    /// As written in the standard: "C", "38", "382", "3825"; "S6", "S6.3" for
    /// strategic emerging categories.
    public var code: String
    /// 1 = section / first level … 4 = class.
    public var level: Int
    public var name: String
    public var parent: String?
    /// A stable number for index columns: level × 100000 + a value from the code
    /// (sections: letter index; GB codes: the digits; strategic: major × 100 + minor).
    public var id: Int32

    static func id(scheme: Scheme, code: String, level: Int) -> Int32? {
        switch scheme {
        case .gbt4754:
            if level == 1, let letter = code.unicodeScalars.first, code.count == 1 {
                return Int32(1 * 100_000) + Int32(letter.value) - 64
            }
            guard let digits = Int32(code) else { return nil }
            return Int32(level) * 100_000 + digits
        case .strategicEmerging:
            let parts = code.dropFirst().split(separator: ".").compactMap { Int32($0) }
            guard let major = parts.first else { return nil }
            return 5 * 100_000 + major * 100 + (parts.count > 1 ? parts[1] : 0)
        }
    }
}
