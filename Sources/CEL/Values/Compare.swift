#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Heterogeneous equality and ordering (langdef §Equality, §Ordering): int, uint and
// double compare on one number line; other values of different types are unequal.

enum Ordering { case less, equal, greater }

extension Ordering {
    init<T: Comparable>(_ a: T, _ b: T) {
        self = a < b ? .less : (a == b ? .equal : .greater)
    }
    var reversed: Ordering {
        switch self {
        case .less: return .greater
        case .greater: return .less
        case .equal: return .equal
        }
    }
}

/// Integer against double: the integer is converted to double first, as the reference
/// implementation does (so 2^63-1 equals 2^63 as a double); nil when NaN is involved.
private func compare(_ i: Int64, _ d: Double) -> Ordering? {
    d.isNaN ? nil : Ordering(Double(i), d)
}

private func compare(_ u: UInt64, _ d: Double) -> Ordering? {
    d.isNaN ? nil : Ordering(Double(u), d)
}

private func compare(_ i: Int64, _ u: UInt64) -> Ordering {
    i < 0 ? .less : Ordering(UInt64(i), u)
}

/// Numeric ordering across int/uint/double; nil if either is not a number or NaN is involved.
func compareNumbers(_ a: CELValue, _ b: CELValue) -> Ordering?? {
    switch (a, b) {
    case (.int(let x), .int(let y)): return Ordering(x, y)
    case (.uint(let x), .uint(let y)): return Ordering(x, y)
    case (.double(let x), .double(let y)):
        if x.isNaN || y.isNaN { return .some(nil) }
        return Ordering(x, y)
    case (.int(let x), .uint(let y)): return compare(x, y)
    case (.uint(let x), .int(let y)): return compare(y, x).reversed
    case (.int(let x), .double(let y)): return .some(compare(x, y))
    case (.double(let x), .int(let y)): return .some(compare(y, x)?.reversed)
    case (.uint(let x), .double(let y)): return .some(compare(x, y))
    case (.double(let x), .uint(let y)): return .some(compare(y, x)?.reversed)
    default: return nil
    }
}

/// CEL string equality: the same code points, so the same UTF-8 bytes (Swift's `==` would
/// also equate canonically equivalent spellings). Compared in place, not byte by byte
/// through the generic collection path.
func sameUTF8(_ a: String, _ b: String) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    var a = a, b = b
    return a.withUTF8 { x in
        b.withUTF8 { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
    }
}

func celEquals(_ a: CELValue, _ b: CELValue) -> Bool {
    if let numeric = compareNumbers(a, b) { return numeric == .equal }
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.string(let x), .string(let y)): return sameUTF8(x, y)
    case (.bytes(let x), .bytes(let y)): return x == y
    case (.type(let x), .type(let y)): return x == y
    case (.timestamp(let x), .timestamp(let y)): return x == y
    case (.duration(let x), .duration(let y)): return x == y
    case (.list(let x), .list(let y)):
        guard x.count == y.count else { return false }
        for i in x.indices where !celEquals(x[i], y[i]) { return false }
        return true
    case (.optional(let x), .optional(let y)):
        switch (x, y) {
        case (nil, nil): return true
        case (let x?, let y?): return celEquals(x, y)
        default: return false
        }
    case (.object(let x), .object(let y)): return x.isEqual(to: y)
    case (.map, .map), (.map, .hostMap), (.hostMap, .map), (.hostMap, .hostMap):
        return mapsEqual(a, b)
    default:
        return false
    }
}

private func mapsEqual(_ a: CELValue, _ b: CELValue) -> Bool {
    guard mapCount(a) == mapCount(b) else { return false }
    var equal = true
    forEachMapEntry(a) { key, value in
        guard let other = try? mapLookup(b, key), celEquals(value, other) else {
            equal = false
            return false
        }
        return true
    }
    return equal
}

func mapCount(_ m: CELValue) -> Int {
    switch m {
    case .map(let x): return x.count
    case .hostMap(let h): return h.count
    default: return 0
    }
}

/// Calls `body` for each entry until it returns false. Host maps load values lazily;
/// entries whose lookup fails are skipped.
func forEachMapEntry(_ m: CELValue, _ body: (CELValue, CELValue) -> Bool) {
    switch m {
    case .map(let x):
        for e in x.entries where !body(e.key, e.value) { return }
    case .hostMap(let h):
        for k in h.keys {
            guard case .success(let v)? = h.lookup(k) else { continue }
            if !body(.string(k), v) { return }
        }
    default: break
    }
}

/// Value for `key`, nil when absent; throws when a host lookup fails.
func mapLookup(_ m: CELValue, _ key: CELValue) throws(CELError) -> CELValue? {
    switch m {
    case .map(let x): return x[key]
    case .hostMap(let h):
        guard case .string(let s) = key, let r = h.lookup(s) else { return nil }
        return try r.get()
    default: return nil
    }
}

/// Ordering for `<`, `<=`, `>`, `>=`, `sort`, `min`, `max`. Returns nil for NaN (every
/// comparison false) and throws for types that cannot be ordered against each other.
func celCompare(_ a: CELValue, _ b: CELValue, function: String = "_<_") throws(CELError) -> Ordering? {
    if let numeric = compareNumbers(a, b) { return numeric }
    switch (a, b) {
    case (.string(let x), .string(let y)):
        // Byte-wise (UTF-8) order, as in the spec, not Swift's Unicode-canonical order.
        return lexicographic(x.utf8, y.utf8)
    case (.bytes(let x), .bytes(let y)): return lexicographic(x, y)
    case (.bool(let x), .bool(let y)): return x == y ? .equal : (!x ? .less : .greater)
    case (.timestamp(let x), .timestamp(let y)): return Ordering(x, y)
    case (.duration(let x), .duration(let y)): return Ordering(x, y)
    case (.object(let x as any CELComparableObject), .object(let y)):
        if let r = x.compare(to: y) { return r < 0 ? .less : (r == 0 ? .equal : .greater) }
        throw CELError.noOverload(function, [a, b])
    default:
        throw CELError.noOverload(function, [a, b])
    }
}

/// Library objects with an order (quantities, semantic versions).
protocol CELComparableObject: CELObject {
    /// Negative, zero or positive; nil when `other` is of another type.
    func compare(to other: any CELObject) -> Int?
}

private func lexicographic<S: Sequence>(_ a: S, _ b: S) -> Ordering where S.Element == UInt8 {
    var ia = a.makeIterator(), ib = b.makeIterator()
    while true {
        switch (ia.next(), ib.next()) {
        case (nil, nil): return .equal
        case (nil, _): return .less
        case (_, nil): return .greater
        case (let x?, let y?): if x != y { return x < y ? .less : .greater }
        }
    }
}
