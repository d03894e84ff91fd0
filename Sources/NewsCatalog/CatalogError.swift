/// Errors of the catalog layer.
public enum CatalogError: Error, CustomStringConvertible, Equatable {
    /// A region or industry value that names nothing in the catalog; `suggestions`
    /// are the closest entries, formatted for the user.
    case unknownRegion(String, suggestions: [String])
    case unknownIndustry(String, suggestions: [String])

    public var description: String {
        switch self {
        case let .unknownRegion(value, suggestions):
            "unknown region \"\(value)\"" + (suggestions.isEmpty ? "" : "; did you mean: " + suggestions.joined(separator: ", "))
        case let .unknownIndustry(value, suggestions):
            "unknown industry \"\(value)\"" + (suggestions.isEmpty ? "" : "; did you mean: " + suggestions.joined(separator: ", "))
        }
    }
}

/// Closeness of two short strings for suggestions: shared characters, with a bonus for a shared prefix.
func closeness(_ a: String, _ b: String) -> Double {
    let x = Array(a), y = Array(b)
    guard !x.isEmpty, !y.isEmpty else { return 0 }
    let shared = Set(x).intersection(Set(y)).count
    var prefix = 0
    while prefix < min(x.count, y.count) && x[prefix] == y[prefix] { prefix += 1 }
    return (Double(shared) + Double(prefix)) / Double(max(x.count, y.count))
}
