extension StringProtocol {
    /// Splits on an ASCII byte through the UTF-8 view: much faster than Character
    /// splitting for the large generated tables read at start-up.
    public func splitASCII(_ byte: UInt8, omittingEmpty: Bool = true) -> [Substring] {
        let s = Substring(self)
        return s.utf8.split(separator: byte, omittingEmptySubsequences: omittingEmpty).map { Substring($0) }
    }
}
