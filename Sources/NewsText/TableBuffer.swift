/// Read-only table elements, either compiled into the binary (the generated tables of
/// `CBuiltinTables`: used in place, never copied or checked) or built by this process
/// (owned, freed with the last copy of the buffer).
///
/// Lookups go through the pointer without the retain, release and uniqueness checks of an
/// array; indexes are checked in debug builds only, like any `UnsafeBufferPointer`'s.
struct TableBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    let elements: UnsafeBufferPointer<Element>
    /// Keeps built elements alive; nil for elements in the binary, which live as long as it.
    private let owner: Owner?

    /// Elements that live as long as the process (constant data of the binary).
    init(static base: UnsafePointer<Element>, count: Int) {
        elements = UnsafeBufferPointer(start: base, count: count)
        owner = nil
    }

    /// A copy of `array`.
    init(_ array: [Element]) {
        let memory = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(array.count, 1))
        _ = memory.initialize(from: array)
        elements = UnsafeBufferPointer(start: memory.baseAddress, count: array.count)
        owner = Owner(UnsafeMutableRawPointer(memory.baseAddress!))
    }

    @inline(__always)
    subscript(i: Int) -> Element { elements[i] }

    var count: Int { elements.count }

    /// The elements as an array (for tests and the generator).
    var array: [Element] { Array(elements) }

    private final class Owner: @unchecked Sendable {
        let base: UnsafeMutableRawPointer
        init(_ base: UnsafeMutableRawPointer) { self.base = base }
        deinit { base.deallocate() }
    }
}
