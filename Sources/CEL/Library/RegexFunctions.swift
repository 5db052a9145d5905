// `matches` (core), and the Kubernetes regex library's `find` / `findAll`.
// Patterns are RE2; constant patterns arrive precompiled from the compiler.

func registerRegexFunctions(_ t: inout FunctionTable) {
    t.both("matches", arity: 1) { a, cx throws(CELError) in
        guard case .string(let s) = a[0] else { throw argumentError("matches", a) }
        let regex = try pattern(a[1], "matches", a, cx)
        let text = Array(s.unicodeScalars)
        return .bool(try search(regex, text, from: 0, cx) != nil)
    }
    t.receiver("find", arity: 1) { a, cx throws(CELError) in
        guard case .string(let s) = a[0] else { throw argumentError("find", a) }
        let regex = try pattern(a[1], "find", a, cx)
        let text = Array(s.unicodeScalars)
        guard let r = try search(regex, text, from: 0, cx) else { return .string("") }
        return .string(scalarsToString(text[r]))
    }
    for arity in [1, 2] {
        t.receiver("findAll", arity: arity) { a, cx throws(CELError) in
            guard case .string(let s) = a[0] else { throw argumentError("findAll", a) }
            let regex = try pattern(a[1], "findAll", a, cx)
            var limit = Int64.max
            if arity == 2 {
                guard case .int(let n) = a[2] else { throw argumentError("findAll", a) }
                limit = n < 0 ? .max : n
            }
            let text = Array(s.unicodeScalars)
            var out: [CELValue] = []
            var pos = 0
            var previousEnd = -1
            while Int64(out.count) < limit, pos <= text.count, let r = try search(regex, text, from: pos, cx) {
                // Like Go, an empty match right after the previous match is skipped.
                if !(r.isEmpty && r.lowerBound == previousEnd) { out.append(.string(scalarsToString(text[r]))) }
                previousEnd = r.upperBound
                pos = r.isEmpty ? r.upperBound + 1 : r.upperBound
            }
            return .list(out)
        }
    }
}

private func pattern(_ v: CELValue, _ function: String, _ args: [CELValue], _ cx: EvalContext) throws(CELError) -> RE2Regex {
    switch v {
    case .object(let o as RE2Regex): return o
    case .string(let p):
        try cx.charge(p.utf8.count)
        return try RE2Regex.compile(p).get()
    default: throw argumentError(function, args)
    }
}

/// Runs the matcher within the remaining cost budget, charging the steps it took.
private func search(_ regex: RE2Regex, _ text: [Unicode.Scalar], from: Int, _ cx: EvalContext) throws(CELError) -> Range<Int>? {
    var steps = 0
    let remaining = cx.limit > cx.cost ? cx.limit - cx.cost : 0
    let budget = remaining > UInt64(Int.max / 4) ? Int.max : Int(remaining) * 4  // steps are cheaper than nodes
    let r = regex.firstMatch(in: text, from: from, steps: &steps, budget: budget)
    try cx.charge(steps / 4)
    return r
}
