// Kubernetes list library (isSorted, sum, min, max, indexOf, lastIndexOf), cel-go lists
// extension (slice, flatten, distinct, sort, lists.range, first, last) and sets.

func registerLists(_ t: inout FunctionTable) {
    t.receiver("isSorted", arity: 0) { a, cx throws(CELError) in
        guard case .list(let l) = a[0] else { throw argumentError("isSorted", a) }
        try cx.charge(l.count)
        for i in l.indices.dropFirst() where try celCompare(l[i - 1], l[i], function: "isSorted") == .greater {
            return .bool(false)
        }
        return .bool(true)
    }
    t.receiver("sum", arity: 0) { a, cx throws(CELError) in
        guard case .list(let l) = a[0] else { throw argumentError("sum", a) }
        try cx.charge(l.count)
        guard var total = l.first else { return .int(0) }
        let add = FunctionTable.standard.lookup("_+_", receiver: false, arity: 2)
        for x in l.dropFirst() {
            guard let add else { break }
            total = try add([total, x], cx)
        }
        switch total {
        case .int, .uint, .double, .duration: return total
        default: throw argumentError("sum", a)
        }
    }
    for (name, wanted) in [("min", Ordering.less), ("max", Ordering.greater)] {
        t.receiver(name, arity: 0) { a, cx throws(CELError) in
            guard case .list(let l) = a[0] else { throw argumentError(name, a) }
            guard var best = l.first else { throw CELError.invalidArgument("\(name) called on empty list") }
            try cx.charge(l.count)
            for x in l.dropFirst() where try celCompare(x, best, function: name) == wanted { best = x }
            return best
        }
    }
    t.receiver("slice", arity: 2) { a, _ throws(CELError) in
        guard case .list(let l) = a[0], case .int(let from) = a[1], case .int(let to) = a[2] else {
            throw argumentError("slice", a)
        }
        guard from >= 0, to >= 0 else { throw CELError.invalidArgument("cannot slice(\(from), \(to)), negative indexes not supported") }
        guard from <= to else { throw CELError.invalidArgument("cannot slice(\(from), \(to)), start index must be less than or equal to end index") }
        guard to <= l.count else { throw CELError.invalidArgument("cannot slice(\(from), \(to)), list is length \(l.count)") }
        return .list(Array(l[Int(from)..<Int(to)]))
    }
    for arity in [0, 1] {
        t.receiver("flatten", arity: arity) { a, cx throws(CELError) in
            guard case .list(let l) = a[0] else { throw argumentError("flatten", a) }
            var depth: Int64 = 1
            if arity == 1 { guard case .int(let d) = a[1] else { throw argumentError("flatten", a) }; depth = d }
            guard depth >= 0 else { throw CELError.invalidArgument("level must be non-negative") }
            return .list(try flatten(l, depth: min(depth, 64), cx))
        }
    }
    t.receiver("distinct", arity: 0) { a, cx throws(CELError) in
        guard case .list(let l) = a[0] else { throw argumentError("distinct", a) }
        try cx.charge(l.count)
        var out: [CELValue] = []
        for x in l where !out.contains(where: { celEquals($0, x) }) {
            try cx.charge(out.count / 8)
            out.append(x)
        }
        return .list(out)
    }
    t.receiver("sort", arity: 0) { a, cx throws(CELError) in
        guard case .list(let l) = a[0] else { throw argumentError("sort", a) }
        return .list(try Lists.stableSort(l, cx).map { l[$0] })
    }
    t.global("lists.range", arity: 1) { a, cx throws(CELError) in
        guard case .int(let n) = a[0] else { throw argumentError("lists.range", a) }
        try cx.charge(Int(clamping: n))
        return .list(n <= 0 ? [] : (0..<n).map { .int($0) })
    }
    t.receiver("first", arity: 0) { a, _ throws(CELError) in
        guard case .list(let l) = a[0] else { throw argumentError("first", a) }
        return .optional(l.first)
    }
    t.receiver("last", arity: 0) { a, _ throws(CELError) in
        guard case .list(let l) = a[0] else { throw argumentError("last", a) }
        return .optional(l.last)
    }
    // Sets, with CEL's heterogeneous numeric equality.
    t.global("sets.contains", arity: 2) { a, cx throws(CELError) in
        guard case .list(let x) = a[0], case .list(let y) = a[1] else { throw argumentError("sets.contains", a) }
        try cx.charge(x.count * y.count / 8)
        return .bool(y.allSatisfy { e in x.contains { celEquals($0, e) } })
    }
    t.global("sets.equivalent", arity: 2) { a, cx throws(CELError) in
        guard case .list(let x) = a[0], case .list(let y) = a[1] else { throw argumentError("sets.equivalent", a) }
        try cx.charge(x.count * y.count / 4)
        return .bool(y.allSatisfy { e in x.contains { celEquals($0, e) } }
            && x.allSatisfy { e in y.contains { celEquals($0, e) } })
    }
    t.global("sets.intersects", arity: 2) { a, cx throws(CELError) in
        guard case .list(let x) = a[0], case .list(let y) = a[1] else { throw argumentError("sets.intersects", a) }
        try cx.charge(x.count * y.count / 8)
        return .bool(y.contains { e in x.contains { celEquals($0, e) } })
    }
}

private func flatten(_ l: [CELValue], depth: Int64, _ cx: EvalContext) throws(CELError) -> [CELValue] {
    var out: [CELValue] = []
    for x in l {
        try cx.charge(1)
        if depth > 0, case .list(let inner) = x {
            out.append(contentsOf: try flatten(inner, depth: depth - 1, cx))
        } else {
            out.append(x)
        }
    }
    return out
}

enum Lists {
    /// Index of the first (or last) element equal to the argument, or -1.
    static func indexOf(_ a: [CELValue], last: Bool) throws(CELError) -> CELValue {
        guard case .list(let l) = a[0] else { throw argumentError(last ? "lastIndexOf" : "indexOf", a) }
        let found = last ? l.lastIndex { celEquals($0, a[1]) } : l.firstIndex { celEquals($0, a[1]) }
        return .int(Int64(found ?? -1))
    }

    /// Indices of `keys` in stable ascending order; all keys must be mutually comparable.
    static func stableSort(_ keys: [CELValue], _ cx: EvalContext) throws(CELError) -> [Int] {
        try cx.charge(keys.count)
        if let first = keys.first {
            // Validate comparability up front so the sort closure never fails.
            for k in keys.dropFirst() {
                guard k.type == first.type || (isNumber(k) && isNumber(first)) else {
                    throw CELError.invalidArgument("list elements must have the same type")
                }
                _ = try celCompare(first, k, function: "sort")
            }
        }
        return keys.indices.sorted { i, j in
            let order = (try? celCompare(keys[i], keys[j], function: "sort")) ?? .equal
            return order == .less || (order != .greater && i < j)
        }
    }

    private static func isNumber(_ v: CELValue) -> Bool {
        switch v {
        case .int, .uint, .double: return true
        default: return false
        }
    }
}
