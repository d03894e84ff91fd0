/// An administrative division (or a development zone attached to one).
public struct Region: Sendable, Equatable {
    public enum Level: UInt8, Sendable, Comparable, CustomStringConvertible {
        case province = 1, prefecture = 2, county = 3, zone = 4

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }

        public var description: String {
            switch self {
            case .province: "province"
            case .prefecture: "prefecture"
            case .county: "county"
            case .zone: "zone"
            }
        }
    }

    /// Six-digit code: statistical codes for divisions (370303 = 张店区), 71/81/82xxxx
    /// for Taiwan, Hong Kong and Macao districts, 99xxxx for development zones.
    public var code: Int32
    public var level: Level
    public var name: String
    public var shortNames: [String]
    /// The parent's code, 0 for a province.
    public var parent: Int32
}
