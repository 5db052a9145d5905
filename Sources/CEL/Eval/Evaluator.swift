// Tree-walking evaluator over compiled nodes. Recursion depth is bounded by the
// parser's nesting limit; loops are iterative and charged to the cost budget.

enum Evaluator {
    static func eval(_ node: Node, _ cx: EvalContext) throws(CELError) -> CELValue {
        try cx.charge(1)
        switch node {
        case .constant(let v):
            return v
        case .local(let slot):
            return cx.locals[slot]
        case .variable(let name, let fallback):
            if let r = cx.activation.resolve(name) { return try r.get() }
            if let fallback { return fallback }
            throw CELError.undeclaredReference(name)
        case .qualified(let candidates, let fallback, let display):
            for c in candidates {
                guard let r = cx.activation.resolve(c.variable) else { continue }
                var v = try r.get()
                for f in c.fields { v = try select(v, f, in: cx.activation) }
                return v
            }
            if let fallback { return fallback }
            throw CELError.undeclaredReference(display)
        case .select(let operand, let field):
            return try select(try eval(operand, cx), field, in: cx.activation)
        case .optionalSelect(let operand, let field):
            return try optionalSelect(try eval(operand, cx), field)
        case .presence(let operand, let field):
            return try presence(try eval(operand, cx), field)
        case .index(let a, let b):
            return try index(try eval(a, cx), try eval(b, cx))
        case .optionalIndex(let a, let b):
            return try optionalIndex(try eval(a, cx), try eval(b, cx))
        case .and(let a, let b):
            return try logical(a, b, absorbing: false, cx)
        case .or(let a, let b):
            return try logical(a, b, absorbing: true, cx)
        case .not(let a):
            let v = try eval(a, cx)
            guard case .bool(let b) = v else { throw CELError.noOverload("!_", [v]) }
            return .bool(!b)
        case .conditional(let c, let t, let f):
            let cv = try eval(c, cx)
            guard case .bool(let b) = cv else { throw CELError.noOverload("_?_:_", [cv]) }
            return try eval(b ? t : f, cx)
        case .call(let function, let argNodes):
            switch function.fixed {
            case .unary(let impl)?:
                return try impl(try eval(argNodes[0], cx), cx)
            case .binary(let impl)?:
                let x = try eval(argNodes[0], cx)
                return try impl(x, try eval(argNodes[1], cx), cx)
            case nil:
                break
            }
            var args: [CELValue] = []
            args.reserveCapacity(argNodes.count)
            for n in argNodes { args.append(try eval(n, cx)) }
            return try function.impl(args, cx)
        case .list(let items, let optional):
            var out: [CELValue] = []
            out.reserveCapacity(items.count)
            for (i, n) in items.enumerated() {
                let v = try eval(n, cx)
                if let optional, optional[i] {
                    guard case .optional(let inner) = v else { throw CELError.noOverload("optional list element", [v]) }
                    if let inner { out.append(inner) }
                } else {
                    out.append(v)
                }
            }
            return .list(out)
        case .map(let entries):
            var m = CELMap()
            for e in entries {
                let k = try eval(e.key, cx)
                var v = try eval(e.value, cx)
                guard CELMap.isValidKey(k) else {
                    throw CELError.invalidArgument("unsupported key type: \(k.typeName)")
                }
                if e.optional {
                    guard case .optional(let inner) = v else { throw CELError.noOverload("optional map entry", [v]) }
                    guard let inner else { continue }
                    v = inner
                }
                if !m.insert(key: k, value: v) {
                    throw CELError.invalidArgument("Failed with repeated key: \(displayKey(k))")
                }
            }
            return .map(m)
        case .loop(let loop):
            return try Comprehensions.run(loop, cx)
        case .bind(let slot, let value, let body):
            cx.locals[slot] = try eval(value, cx)
            return try eval(body, cx)
        case .optionalChain(let base, let fields, let end):
            // The call node and one select node per field, as if unfused.
            try cx.charge(fields.count)
            var current: CELValue? = try eval(base, cx)
            for field in fields {
                guard let value = current else { break }
                current = try optionalField(value, field)
            }
            switch end {
            case .orValue(let fallback):
                // The argument is evaluated even when unused, as a call's arguments are.
                let d = try eval(fallback, cx)
                return current ?? d
            case .hasValue:
                return .bool(current != nil)
            }
        case .failure(let error):
            throw error
        }
    }

    /// What `optionalSelect(v, field)` holds: the field's value, or nil when absent.
    private static func optionalField(_ v: CELValue, _ field: String) throws(CELError) -> CELValue? {
        switch v {
        case .map(let m): return m[field]
        case .hostMap(let h):
            guard let r = h.lookup(field) else { return nil }
            return try r.get()
        case .optional(let inner):
            guard let inner else { return nil }
            return try optionalField(inner, field)
        default:
            throw CELError.invalidArgument("type '\(v.typeName)' does not support field selection")
        }
    }

    /// `&&` and `||` are commutative over errors: a deciding operand wins even when the
    /// other side failed.
    private static func logical(_ a: Node, _ b: Node, absorbing decisive: Bool, _ cx: EvalContext) throws(CELError) -> CELValue {
        let name = decisive ? "_||_" : "_&&_"
        var firstError: CELError?
        do throws(CELError) {
            let v = try eval(a, cx)
            guard case .bool(let x) = v else { throw CELError.noOverload(name, [v]) }
            if x == decisive { return .bool(decisive) }
        } catch {
            if error.isFatal { throw error }
            firstError = error
        }
        do throws(CELError) {
            let v = try eval(b, cx)
            guard case .bool(let y) = v else { throw CELError.noOverload(name, [v]) }
            if y == decisive { return .bool(decisive) }
        } catch {
            if error.isFatal { throw error }
            if firstError == nil { firstError = error }
        }
        if let firstError { throw firstError }
        return .bool(!decisive)
    }

    /// `v.field`, read on behalf of an expression evaluated with `activation` (a host map of
    /// values computed in the same bindings, such as policy variables, uses it).
    static func select(_ v: CELValue, _ field: String, in activation: CELActivation) throws(CELError) -> CELValue {
        switch v {
        case .map(let m):
            guard let r = m[field] else { throw CELError.noSuchKey(field) }
            return r
        case .hostMap(let h):
            guard let r = h.lookup(field, in: activation) else { throw CELError.noSuchKey(field) }
            return try r.get()
        case .optional(let inner):
            // Selection on an optional is optional selection (`a.?b.c` == `a.?b.?c`).
            guard let inner else { return .optional(nil) }
            return try optionalSelect(inner, field)
        default:
            throw CELError.invalidArgument("type '\(v.typeName)' does not support field selection")
        }
    }

    static func optionalSelect(_ v: CELValue, _ field: String) throws(CELError) -> CELValue {
        .optional(try optionalField(v, field))
    }

    static func presence(_ v: CELValue, _ field: String) throws(CELError) -> CELValue {
        switch v {
        case .map(let m): return .bool(m[field] != nil)
        case .hostMap(let h): return .bool(h.hasKey(field))
        case .optional(let inner):
            guard let inner else { return .bool(false) }
            return try presence(inner, field)
        default:
            throw CELError.invalidArgument("type '\(v.typeName)' does not support field selection")
        }
    }

    static func index(_ container: CELValue, _ key: CELValue) throws(CELError) -> CELValue {
        switch container {
        case .list(let items):
            let i = try listIndex(key)
            guard i >= 0 && i < items.count else {
                throw CELError.invalidArgument("index out of bounds: \(i)")
            }
            return items[i]
        case .map, .hostMap:
            guard let v = try mapLookup(container, key) else { throw CELError.noSuchKey(displayKey(key)) }
            return v
        case .optional(let inner):
            guard let inner else { return .optional(nil) }
            return try optionalIndex(inner, key)
        default:
            throw CELError.noOverload("_[_]", [container, key])
        }
    }

    static func optionalIndex(_ container: CELValue, _ key: CELValue) throws(CELError) -> CELValue {
        switch container {
        case .list(let items):
            let i = try listIndex(key)
            return .optional(i >= 0 && i < items.count ? items[i] : nil)
        case .map, .hostMap:
            return .optional(try mapLookup(container, key))
        case .optional(let inner):
            guard let inner else { return .optional(nil) }
            return try optionalIndex(inner, key)
        default:
            throw CELError.noOverload("_[?_]", [container, key])
        }
    }

    /// List indices may be int, uint or an integral double.
    private static func listIndex(_ key: CELValue) throws(CELError) -> Int {
        switch key {
        case .int(let i): return Int(clamping: i)
        case .uint(let u): return Int(clamping: u)
        case .double(let d):
            guard d.rounded() == d, abs(d) < 9e18 else { throw CELError.invalidArgument("invalid list index: \(d)") }
            return Int(d)
        default:
            throw CELError.invalidArgument("invalid list index type: \(key.typeName)")
        }
    }
}

/// Key text for error messages: strings unquoted, as Kubernetes prints them.
func displayKey(_ k: CELValue) -> String {
    switch k {
    case .string(let s): return s
    case .int(let i): return String(i)
    case .uint(let u): return String(u)
    case .bool(let b): return String(b)
    case .double(let d): return String(d)
    default: return k.typeName
    }
}
