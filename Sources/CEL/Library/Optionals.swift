// Optional values: optional.of / none / ofNonZeroValue, hasValue, value, or, orValue.

func registerOptionals(_ t: inout FunctionTable) {
    t.unary("optional.of") { x, _ in .optional(x) }
    t.global("optional.none", arity: 0) { _, _ in .optional(nil) }
    t.unary("optional.ofNonZeroValue") { x, _ in .optional(isZeroValue(x) ? nil : x) }
    t.unary("hasValue", receiver: true) { x, _ throws(CELError) in
        guard case .optional(let v) = x else { throw argumentError("hasValue", [x]) }
        return .bool(v != nil)
    }
    t.unary("value", receiver: true) { x, _ throws(CELError) in
        guard case .optional(let v) = x else { throw argumentError("value", [x]) }
        guard let v else { throw CELError.invalidArgument("optional.none() dereference") }
        return v
    }
    t.binary("or", receiver: true) { x, y, _ throws(CELError) in
        guard case .optional(let v) = x, case .optional = y else { throw argumentError("or", [x, y]) }
        return v != nil ? x : y
    }
    t.binary("orValue", receiver: true) { x, y, _ throws(CELError) in
        guard case .optional(let v) = x else { throw argumentError("orValue", [x, y]) }
        return v ?? y
    }
    t.unary("optional.unwrap") { x, _ throws(CELError) in try unwrapOptionals([x]) }
    t.unary("unwrapOpt", receiver: true) { x, _ throws(CELError) in try unwrapOptionals([x]) }
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
