/// Errors of the text-analysis layer.
public enum TextError: Error, CustomStringConvertible, Equatable {
    /// An ICU call failed; `call` names it, `code` is ICU's symbolic error name.
    case icu(call: String, code: String)
    /// A lexicon file could not be read or holds an unusable line.
    case lexicon(file: String, detail: String)

    public var description: String {
        switch self {
        case let .icu(call, code):
            return "ICU call \(call) failed with \(code); is libicu installed and complete (apt install libicu-dev)?"
        case let .lexicon(file, detail):
            return "lexicon \(file): \(detail)"
        }
    }
}
