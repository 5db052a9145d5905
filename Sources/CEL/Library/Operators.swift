// Arithmetic, comparison, membership and size (langdef §Standard Definitions).
// Integer arithmetic is overflow-checked; errors are reported, never trapped.

func registerOperators(_ t: inout FunctionTable) {
    t.binary("_+_") { x, y, cx throws(CELError) in try add(x, y, cx) }
    t.binary("_-_") { x, y, _ throws(CELError) in try subtract(x, y) }
    t.binary("_*_") { x, y, _ throws(CELError) in try multiply(x, y) }
    t.binary("_/_") { x, y, _ throws(CELError) in try divide(x, y) }
    t.binary("_%_") { x, y, _ throws(CELError) in try modulo(x, y) }
    t.unary("-_") { x, _ throws(CELError) in
        switch x {
        case .int(let i):
            guard i != .min else { throw CELError.overflow("int negation") }
            return .int(-i)
        case .double(let d): return .double(-d)
        case .duration(let d):
            guard d.nanoseconds != .min else { throw CELError.overflow("duration negation") }
            return .duration(CELDuration(nanoseconds: -d.nanoseconds))
        default: throw argumentError("-_", [x])
        }
    }
    t.binary("_==_") { x, y, _ in .bool(celEquals(x, y)) }
    t.binary("_!=_") { x, y, _ in .bool(!celEquals(x, y)) }
    for (name, accepts) in [("_<_", [Ordering.less]), ("_<=_", [.less, .equal]),
                            ("_>_", [.greater]), ("_>=_", [.greater, .equal])] {
        t.binary(name) { x, y, _ throws(CELError) in
            guard let order = try celCompare(x, y, function: name) else { return .bool(false) }
            return .bool(accepts.contains(order))
        }
    }
    t.binary("@in") { x, container, cx throws(CELError) in
        switch container {
        case .list(let items):
            try cx.charge(items.count / 4)
            return .bool(items.contains { celEquals($0, x) })
        case .map, .hostMap:
            return .bool(try mapLookup(container, x) != nil)
        default:
            throw argumentError("@in", [x, container])
        }
    }
    let sizeOf: UnaryImpl = { x, _ throws(CELError) in .int(Int64(try size(x))) }
    t.unary("size", sizeOf)
    t.unary("size", receiver: true, sizeOf)
}

func size(_ v: CELValue) throws(CELError) -> Int {
    switch v {
    case .string(let s): return s.unicodeScalars.count
    case .bytes(let b): return b.count
    case .list(let l): return l.count
    case .map, .hostMap: return mapCount(v)
    default: throw CELError.noOverload("size", [v])
    }
}

/// Charges for producing `bytes` bytes of new data (strings, lists).
func chargeData(_ cx: EvalContext, _ bytes: Int) throws(CELError) {
    try cx.charge(bytes / 16)
}

private func add(_ x: CELValue, _ y: CELValue, _ cx: EvalContext) throws(CELError) -> CELValue {
    switch (x, y) {
    case (.int(let a), .int(let b)):
        let (r, o) = a.addingReportingOverflow(b)
        if o { throw CELError.overflow("int addition") }
        return .int(r)
    case (.uint(let a), .uint(let b)):
        let (r, o) = a.addingReportingOverflow(b)
        if o { throw CELError.overflow("uint addition") }
        return .uint(r)
    case (.double(let a), .double(let b)): return .double(a + b)
    case (.string(let a), .string(let b)):
        try chargeData(cx, a.utf8.count + b.utf8.count)
        return .string(a + b)
    case (.bytes(let a), .bytes(let b)):
        try chargeData(cx, a.count + b.count)
        return .bytes(a + b)
    case (.list(let a), .list(let b)):
        try chargeData(cx, a.count + b.count)
        return .list(a + b)
    case (.timestamp(let t), .duration(let d)), (.duration(let d), .timestamp(let t)):
        return .timestamp(try t.adding(d))
    case (.duration(let a), .duration(let b)):
        let (r, o) = a.nanoseconds.addingReportingOverflow(b.nanoseconds)
        if o { throw CELError.invalidArgument("duration out of range") }
        return .duration(CELDuration(nanoseconds: r))
    default:
        if case .object(let o as any CELArithmeticObject) = x { return try o.add(y) }
        throw CELError.noOverload("_+_", [x, y])
    }
}

/// Library objects supporting `+`/`-` (none today; quantities use methods).
protocol CELArithmeticObject: CELObject {
    func add(_ other: CELValue) throws(CELError) -> CELValue
}

private func subtract(_ x: CELValue, _ y: CELValue) throws(CELError) -> CELValue {
    switch (x, y) {
    case (.int(let a), .int(let b)):
        let (r, o) = a.subtractingReportingOverflow(b)
        if o { throw CELError.overflow("int subtraction") }
        return .int(r)
    case (.uint(let a), .uint(let b)):
        let (r, o) = a.subtractingReportingOverflow(b)
        if o { throw CELError.overflow("uint subtraction") }
        return .uint(r)
    case (.double(let a), .double(let b)): return .double(a - b)
    case (.timestamp(let a), .timestamp(let b)): return .duration(try a.difference(b))
    case (.timestamp(let t), .duration(let d)):
        guard d.nanoseconds != .min else { throw CELError.invalidArgument("timestamp out of range") }
        return .timestamp(try t.adding(CELDuration(nanoseconds: -d.nanoseconds)))
    case (.duration(let a), .duration(let b)):
        let (r, o) = a.nanoseconds.subtractingReportingOverflow(b.nanoseconds)
        if o { throw CELError.invalidArgument("duration out of range") }
        return .duration(CELDuration(nanoseconds: r))
    default:
        throw CELError.noOverload("_-_", [x, y])
    }
}

private func multiply(_ x: CELValue, _ y: CELValue) throws(CELError) -> CELValue {
    switch (x, y) {
    case (.int(let a), .int(let b)):
        let (r, o) = a.multipliedReportingOverflow(by: b)
        if o { throw CELError.overflow("int multiplication") }
        return .int(r)
    case (.uint(let a), .uint(let b)):
        let (r, o) = a.multipliedReportingOverflow(by: b)
        if o { throw CELError.overflow("uint multiplication") }
        return .uint(r)
    case (.double(let a), .double(let b)): return .double(a * b)
    default: throw CELError.noOverload("_*_", [x, y])
    }
}

private func divide(_ x: CELValue, _ y: CELValue) throws(CELError) -> CELValue {
    switch (x, y) {
    case (.int(let a), .int(let b)):
        if b == 0 { throw CELError.divideByZero }
        let (r, o) = a.dividedReportingOverflow(by: b)
        if o { throw CELError.overflow("int division") }
        return .int(r)
    case (.uint(let a), .uint(let b)):
        if b == 0 { throw CELError.divideByZero }
        return .uint(a / b)
    case (.double(let a), .double(let b)): return .double(a / b)
    default: throw CELError.noOverload("_/_", [x, y])
    }
}

private func modulo(_ x: CELValue, _ y: CELValue) throws(CELError) -> CELValue {
    switch (x, y) {
    case (.int(let a), .int(let b)):
        if b == 0 { throw CELError.moduloByZero }
        let (r, o) = a.remainderReportingOverflow(dividingBy: b)
        if o { throw CELError.overflow("int modulus") }
        return .int(r)
    case (.uint(let a), .uint(let b)):
        if b == 0 { throw CELError.moduloByZero }
        return .uint(a % b)
    default: throw CELError.noOverload("_%_", [x, y])
    }
}
