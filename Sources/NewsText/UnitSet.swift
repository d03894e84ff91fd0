/// A small set of UTF-16 units, asked about every unit of a text in the taggers' loops.
///
/// A 64-bit mask of the members' low six bits turns most units away with one test;
/// the rest are compared with the few members. (`Set<UInt16>` hashes every unit it
/// is asked about with SipHash, which cost the region tagger more than its scan.)
public struct UnitSet: Sendable, ExpressibleByArrayLiteral {
    private let units: [UInt16]
    private let mask: UInt64

    public init<S: Sequence>(_ members: S) where S.Element == UInt16 {
        var units = [UInt16]()
        var mask: UInt64 = 0
        for u in members where !units.contains(u) {
            units.append(u)
            mask |= 1 << UInt64(u & 63)
        }
        self.units = units
        self.mask = mask
    }

    public init(arrayLiteral members: UInt16...) { self.init(members) }

    /// - Complexity: O(count) when the unit's low six bits are a member's, else O(1).
    @inline(__always)
    public func contains(_ unit: UInt16) -> Bool {
        mask & (1 << UInt64(unit & 63)) != 0 && units.contains(unit)
    }

    public func union<S: Sequence>(_ other: S) -> UnitSet where S.Element == UInt16 { UnitSet(units + Array(other)) }
}
