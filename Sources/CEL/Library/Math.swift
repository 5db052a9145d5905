// cel-go math extension: greatest/least, rounding, abs/sign, classification, bit ops.

func registerMath(_ t: inout FunctionTable) {
    for (name, wanted) in [("math.greatest", Ordering.greater), ("math.least", Ordering.less)] {
        t.global(name, arity: -1) { a, _ throws(CELError) in
            var items = a
            if a.count == 1, case .list(let l) = a[0] { items = l }
            guard var best = items.first else { throw CELError.invalidArgument("\(name)(): list must not be empty") }
            for x in items {
                switch x {
                case .int, .uint, .double: break
                default: throw argumentError(name, a)
                }
            }
            for x in items.dropFirst() where try celCompare(x, best, function: name) == wanted { best = x }
            return best
        }
    }
    let rounding: [(String, @Sendable (Double) -> Double)] = [
        ("math.ceil", { $0.rounded(.up) }), ("math.floor", { $0.rounded(.down) }),
        ("math.round", { $0.rounded(.toNearestOrAwayFromZero) }), ("math.trunc", { $0.rounded(.towardZero) }),
    ]
    for (name, f) in rounding {
        t.global(name, arity: 1) { a, _ throws(CELError) in
            guard case .double(let d) = a[0] else { throw argumentError(name, a) }
            return .double(f(d))
        }
    }
    t.global("math.abs", arity: 1) { a, _ throws(CELError) in
        switch a[0] {
        case .int(let i):
            guard i != .min else { throw CELError.overflow("math.abs") }
            return .int(abs(i))
        case .uint: return a[0]
        case .double(let d): return .double(abs(d))
        default: throw argumentError("math.abs", a)
        }
    }
    t.global("math.sign", arity: 1) { a, _ throws(CELError) in
        switch a[0] {
        case .int(let i): return .int(i.signum())
        case .uint(let u): return .uint(u == 0 ? 0 : 1)
        case .double(let d): return .double(d.isNaN ? d : (d > 0 ? 1 : (d < 0 ? -1 : 0)))
        default: throw argumentError("math.sign", a)
        }
    }
    let classify: [(String, @Sendable (Double) -> Bool)] = [
        ("math.isNaN", { $0.isNaN }), ("math.isInf", { $0.isInfinite }), ("math.isFinite", { $0.isFinite }),
    ]
    for (name, f) in classify {
        t.global(name, arity: 1) { a, _ throws(CELError) in
            guard case .double(let d) = a[0] else { throw argumentError(name, a) }
            return .bool(f(d))
        }
    }
    let bitOps: [(String, @Sendable (Int64, Int64) -> Int64, @Sendable (UInt64, UInt64) -> UInt64)] = [
        ("math.bitAnd", { $0 & $1 }, { $0 & $1 }), ("math.bitOr", { $0 | $1 }, { $0 | $1 }),
        ("math.bitXor", { $0 ^ $1 }, { $0 ^ $1 }),
    ]
    for (name, fi, fu) in bitOps {
        t.global(name, arity: 2) { a, _ throws(CELError) in
            switch (a[0], a[1]) {
            case (.int(let x), .int(let y)): return .int(fi(x, y))
            case (.uint(let x), .uint(let y)): return .uint(fu(x, y))
            default: throw argumentError(name, a)
            }
        }
    }
    t.global("math.bitNot", arity: 1) { a, _ throws(CELError) in
        switch a[0] {
        case .int(let x): return .int(~x)
        case .uint(let x): return .uint(~x)
        default: throw argumentError("math.bitNot", a)
        }
    }
    for left in [true, false] {
        let name = left ? "math.bitShiftLeft" : "math.bitShiftRight"
        t.global(name, arity: 2) { a, _ throws(CELError) in
            guard case .int(let n) = a[1] else { throw argumentError(name, a) }
            guard n >= 0 else { throw CELError.invalidArgument("\(name)() negative offset: \(n)") }
            switch a[0] {
            case .int(let x):
                if n >= 64 { return .int(0) }
                // Right shifts are logical, as cel-go does for ints.
                return .int(left ? x << n : Int64(bitPattern: UInt64(bitPattern: x) >> UInt64(n)))
            case .uint(let x):
                if n >= 64 { return .uint(0) }
                return .uint(left ? x << UInt64(n) : x >> UInt64(n))
            default: throw argumentError(name, a)
            }
        }
    }
}
