// Macro loops (langdef §Macros and the cel-go two-variable comprehensions).
// `all`/`exists` absorb errors once the result is decided; the others propagate them.

enum Comprehensions {
    /// The iteration domain: list elements with their indices, or map keys with values.
    private struct Domain {
        var first: [CELValue] = []
        var second: [CELValue] = []
        var isMap = false
    }

    private static func domain(_ range: CELValue, twoVariables: Bool, _ kind: Comprehension.Kind) throws(CELError) -> Domain {
        var d = Domain()
        switch range {
        case .list(let items):
            if twoVariables {
                d.first = (0..<items.count).map { CELValue.int(Int64($0)) }
                d.second = items
            } else {
                d.first = items
            }
        case .map, .hostMap:
            d.isMap = true
            forEachMapEntry(range) { k, v in
                d.first.append(k)
                if twoVariables { d.second.append(v) }
                return true
            }
        default:
            throw CELError.noOverload(kind.rawValue, [range])
        }
        return d
    }

    static func run(_ loop: Loop, _ cx: EvalContext) throws(CELError) -> CELValue {
        let range = try Evaluator.eval(loop.range, cx)
        if loop.kind == .optMap || loop.kind == .optFlatMap {
            guard case .optional(let inner) = range else { throw CELError.noOverload(loop.kind.rawValue, [range]) }
            guard let inner else { return .optional(nil) }
            cx.locals[loop.slot1] = inner
            let result = try Evaluator.eval(loop.body, cx)
            if loop.kind == .optMap { return .optional(result) }
            guard case .optional = result else { throw CELError.noOverload("optFlatMap", [result]) }
            return result
        }
        let d = try domain(range, twoVariables: loop.slot2 != nil, loop.kind)
        let count = d.first.count

        func bindVariables(_ i: Int) {
            cx.locals[loop.slot1] = d.first[i]
            if let s2 = loop.slot2 { cx.locals[s2] = d.second[i] }
        }
        func predicate(_ node: Node, _ name: String) throws(CELError) -> Bool {
            let v = try Evaluator.eval(node, cx)
            guard case .bool(let b) = v else { throw CELError.noOverload(name, [v]) }
            return b
        }
        func passesFilter() throws(CELError) -> Bool {
            guard let f = loop.filter else { return true }
            return try predicate(f, loop.kind.rawValue)
        }

        switch loop.kind {
        case .all, .exists:
            let decisive = loop.kind == .exists
            var firstError: CELError?
            for i in 0..<count {
                try cx.charge(1)
                bindVariables(i)
                do throws(CELError) {
                    if try predicate(loop.body, loop.kind.rawValue) == decisive { return .bool(decisive) }
                } catch {
                    if error.isFatal { throw error }
                    if firstError == nil { firstError = error }
                }
            }
            if let firstError { throw firstError }
            return .bool(!decisive)
        case .existsOne:
            var matches = 0
            for i in 0..<count {
                try cx.charge(1)
                bindVariables(i)
                if try predicate(loop.body, "exists_one") { matches += 1 }
            }
            return .bool(matches == 1)
        case .map, .filter, .transformList:
            var out: [CELValue] = []
            for i in 0..<count {
                try cx.charge(1)
                bindVariables(i)
                if loop.kind == .filter {
                    if try predicate(loop.body, "filter") { out.append(d.first[i]) }
                } else if try passesFilter() {
                    out.append(try Evaluator.eval(loop.body, cx))
                }
            }
            return .list(out)
        case .transformMap:
            var m = CELMap()
            for i in 0..<count {
                try cx.charge(1)
                bindVariables(i)
                if try passesFilter() {
                    m.set(key: d.first[i], value: try Evaluator.eval(loop.body, cx))
                }
            }
            return .map(m)
        case .transformMapEntry:
            var m = CELMap()
            for i in 0..<count {
                try cx.charge(1)
                bindVariables(i)
                guard try passesFilter() else { continue }
                let entry = try Evaluator.eval(loop.body, cx)
                guard case .map(let produced) = entry else { throw CELError.noOverload("transformMapEntry", [entry]) }
                for e in produced.entries where !m.insert(key: e.key, value: e.value) {
                    throw CELError.invalidArgument("insert failed: key \(displayKey(e.key)) already exists")
                }
            }
            return .map(m)
        case .sortBy:
            guard !d.isMap else { throw CELError.noOverload("sortBy", [range]) }
            var keyed: [(key: CELValue, value: CELValue)] = []
            for i in 0..<count {
                try cx.charge(1)
                bindVariables(i)
                keyed.append((try Evaluator.eval(loop.body, cx), d.first[i]))
            }
            let sorted = try Lists.stableSort(keyed.map(\.key), cx)
            return .list(sorted.map { keyed[$0].value })
        case .optMap, .optFlatMap:
            return .null  // handled above
        }
    }
}
