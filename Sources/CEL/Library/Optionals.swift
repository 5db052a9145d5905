// Optional values: optional.of / none / ofNonZeroValue, hasValue, value, or, orValue.

func registerOptionals(_ t: inout FunctionTable) {
    t.global("optional.of", arity: 1) { a, _ in .optional(a[0]) }
    t.global("optional.none", arity: 0) { _, _ in .optional(nil) }
    t.global("optional.ofNonZeroValue", arity: 1) { a, _ in .optional(isZeroValue(a[0]) ? nil : a[0]) }
    t.receiver("hasValue", arity: 0) { a, _ throws(CELError) in
        guard case .optional(let v) = a[0] else { throw argumentError("hasValue", a) }
        return .bool(v != nil)
    }
    t.receiver("value", arity: 0) { a, _ throws(CELError) in
        guard case .optional(let v) = a[0] else { throw argumentError("value", a) }
        guard let v else { throw CELError.invalidArgument("optional.none() dereference") }
        return v
    }
    t.receiver("or", arity: 1) { a, _ throws(CELError) in
        guard case .optional(let v) = a[0], case .optional = a[1] else { throw argumentError("or", a) }
        return v != nil ? a[0] : a[1]
    }
    t.receiver("orValue", arity: 1) { a, _ throws(CELError) in
        guard case .optional(let v) = a[0] else { throw argumentError("orValue", a) }
        return v ?? a[1]
    }
    t.global("optional.unwrap", arity: 1) { a, _ throws(CELError) in try unwrapOptionals(a) }
    t.receiver("unwrapOpt", arity: 0) { a, _ throws(CELError) in try unwrapOptionals(a) }
}

private func unwrapOptionals(_ a: [CELValue]) throws(CELError) -> CELValue {
    guard case .list(let l) = a[0] else { throw argumentError("optional.unwrap", a) }
    var out: [CELValue] = []
    for x in l {
        guard case .optional(let v) = x else { throw argumentError("optional.unwrap", a) }
        if let v { out.append(v) }
    }
    return .list(out)
}

/// The zero value of each type (0, "", [], {}, false, null, ...).
func isZeroValue(_ v: CELValue) -> Bool {
    switch v {
    case .null: return true
    case .bool(let b): return !b
    case .int(let i): return i == 0
    case .uint(let u): return u == 0
    case .double(let d): return d == 0
    case .string(let s): return s.isEmpty
    case .bytes(let b): return b.isEmpty
    case .list(let l): return l.isEmpty
    case .map, .hostMap: return mapCount(v) == 0
    case .duration(let d): return d.nanoseconds == 0
    case .timestamp(let ts): return ts.seconds == 0 && ts.nanos == 0
    case .optional(let o): return o == nil
    case .type, .object: return false
    }
}
