// Compilation: the parsed tree becomes a tree of `Node`s with names resolved, functions
// bound, regex literals compiled and constant sub-expressions folded, so evaluation
// never looks at source text again.

/// A compiled CEL expression; cheap to share between threads.
public struct CELProgram: Sendable {
    let root: Node
    let localSlots: Int
    public let options: CELOptions
    public let source: String

    /// Parses and compiles `source`. With `declaredVariables`, references to other
    /// variables are compile errors; without, they are resolved at evaluation time.
    public static func compile(
        _ source: String, options: CELOptions = .init(), declaredVariables: Set<String>? = nil
    ) throws(CELCompileError) -> CELProgram {
        let ast = try CELParser.parse(source, options: options)
        var compiler = Compiler(options: options, declared: declaredVariables)
        do throws(CELCompileError) {
            let root = try compiler.compile(ast)
            return CELProgram(root: root, localSlots: compiler.maxSlots, options: options, source: source)
        } catch {
            var located = error
            located.locate(in: Array(source.unicodeScalars))
            throw located
        }
    }

    /// Evaluates against the bindings in `activation`.
    public func evaluate(_ activation: CELActivation = .init()) -> Result<CELValue, CELError> {
        let context = EvalContext(activation: activation, limit: options.costLimit, localSlots: localSlots)
        do throws(CELError) {
            return .success(try Evaluator.eval(root, context))
        } catch {
            return .failure(error)
        }
    }

    /// The variables the expression may read (after constant folding): a host can leave out
    /// bindings that are costly to make and never read.
    public var referencedVariables: Set<String> {
        var names = Set<String>()
        root.collectVariables(into: &names)
        return names
    }

    /// Convenience: evaluates with plain values bound.
    public func evaluate(_ variables: [String: CELValue]) -> Result<CELValue, CELError> {
        evaluate(CELActivation(variables))
    }
}

/// One way to read a qualified name such as `a.b.c`: variable `a.b`, then field `c`.
struct NameCandidate: Sendable {
    let variable: String
    let fields: [String]
}

indirect enum Node: Sendable {
    case constant(CELValue)
    /// A variable; `fallback` is the type value for names such as `int`.
    case variable(String, fallback: CELValue?)
    /// Qualified or container-relative names, tried in order at runtime.
    case qualified([NameCandidate], fallback: CELValue?, display: String)
    case local(Int)
    case select(Node, String)
    case optionalSelect(Node, String)
    case presence(Node, String)
    case index(Node, Node)
    case optionalIndex(Node, Node)
    case and(Node, Node)
    case or(Node, Node)
    case not(Node)
    case conditional(Node, Node, Node)
    case call(ResolvedFunction, [Node])
    case list([Node], optional: [Bool]?)
    case map([(key: Node, value: Node, optional: Bool)])
    case loop(Loop)
    case bind(slot: Int, Node, Node)
    /// `base.?f1.?f2….orValue(d)` or `….hasValue()`, the usual way policies read a field that
    /// may be absent: the fields are read in one step, with no optional value made for each.
    /// Evaluates and charges exactly as the select and call nodes it stands for.
    case optionalChain(base: Node, fields: [String], end: ChainEnd)
    case failure(CELError)

    var constantValue: CELValue? {
        if case .constant(let v) = self { return v }
        return nil
    }

    func collectVariables(into names: inout Set<String>) {
        switch self {
        case .constant, .local, .failure: return
        case .variable(let name, _): names.insert(name)
        case .qualified(let candidates, _, _): for c in candidates { names.insert(c.variable) }
        case .select(let a, _), .optionalSelect(let a, _), .presence(let a, _), .not(let a):
            a.collectVariables(into: &names)
        case .index(let a, let b), .optionalIndex(let a, let b), .and(let a, let b), .or(let a, let b):
            a.collectVariables(into: &names)
            b.collectVariables(into: &names)
        case .conditional(let a, let b, let c):
            for n in [a, b, c] { n.collectVariables(into: &names) }
        case .call(_, let args): for n in args { n.collectVariables(into: &names) }
        case .list(let items, _): for n in items { n.collectVariables(into: &names) }
        case .map(let entries):
            for e in entries {
                e.key.collectVariables(into: &names)
                e.value.collectVariables(into: &names)
            }
        case .loop(let loop):
            for n in [loop.range, loop.body] + (loop.filter.map { [$0] } ?? []) { n.collectVariables(into: &names) }
        case .bind(_, let a, let b):
            a.collectVariables(into: &names)
            b.collectVariables(into: &names)
        case .optionalChain(let base, _, let end):
            base.collectVariables(into: &names)
            if case .orValue(let d) = end { d.collectVariables(into: &names) }
        }
    }
}

/// How an `optionalChain` ends.
enum ChainEnd: Sendable {
    /// `.orValue(d)`: the value, or `d` when a field is absent.
    case orValue(Node)
    /// `.hasValue()`: whether every field is present.
    case hasValue
}

struct Loop: Sendable {
    let kind: Comprehension.Kind
    let range: Node
    let slot1: Int
    let slot2: Int?
    let filter: Node?
    let body: Node
}

struct Compiler {
    let options: CELOptions
    let declared: Set<String>?
    let table = FunctionTable.standard
    /// Comprehension variables in scope, innermost last.
    var scope: [(name: String, slot: Int)] = []
    var maxSlots = 0

    init(options: CELOptions, declared: Set<String>?) {
        self.options = options
        self.declared = declared
    }

    private func localSlot(_ name: String) -> Int? {
        scope.last(where: { $0.name == name })?.slot
    }

    private mutating func withLocals<T>(
        _ names: [String], _ body: (inout Compiler, [Int]) throws(CELCompileError) -> T
    ) throws(CELCompileError) -> T {
        let base = scope.count
        var slots: [Int] = []
        for (i, n) in names.enumerated() {
            scope.append((n, base + i))
            slots.append(base + i)
        }
        maxSlots = max(maxSlots, scope.count)
        defer { scope.removeLast(names.count) }
        return try body(&self, slots)
    }

    mutating func compile(_ e: CELExpr) throws(CELCompileError) -> Node {
        let node = try compileUnfolded(e)
        return options.foldConstants ? fold(node) : node
    }

    private mutating func compileUnfolded(_ e: CELExpr) throws(CELCompileError) -> Node {
        switch e.kind {
        case .literal(let v):
            return .constant(v)
        case .ident, .select(_, _, false):
            if let segments = qualifiedSegments(e) { return try resolveName(segments, at: e.offset) }
            guard case .select(let operand, let field, _) = e.kind else { return .failure(.invalidArgument("bad name")) }
            return .select(try compile(operand), field)
        case .select(let operand, let field, true):
            return .optionalSelect(try compile(operand), field)
        case .presence(let operand, let field):
            return .presence(try compile(operand), field)
        case .index(let a, let b, let optional):
            let ca = try compile(a), cb = try compile(b)
            return optional ? .optionalIndex(ca, cb) : .index(ca, cb)
        case .and(let a, let b):
            return .and(try compile(a), try compile(b))
        case .or(let a, let b):
            return .or(try compile(a), try compile(b))
        case .conditional(let c, let t, let f):
            return .conditional(try compile(c), try compile(t), try compile(f))
        case .list(let elements):
            let nodes = try elements.map { (el) throws(CELCompileError) -> Node in try compile(el.value) }
            let flags = elements.contains(where: \.optional) ? elements.map(\.optional) : nil
            return .list(nodes, optional: flags)
        case .map(let entries):
            var out: [(key: Node, value: Node, optional: Bool)] = []
            for entry in entries {
                out.append((try compile(entry.key), try compile(entry.value), entry.optional))
            }
            return .map(out)
        case .call(let name, let args):
            if name == "!_", args.count == 1 { return .not(try compile(args[0])) }
            return try compileCall(name, receiver: nil, args, at: e.offset)
        case .receiverCall(let target, let name, let args):
            // `math.greatest(...)`, `optional.of(...)`: a namespaced global function.
            if let segments = qualifiedSegments(target), localSlot(segments[0]) == nil,
               declared?.contains(segments[0]) != true {
                let qualified = segments.joined(separator: ".") + "." + name
                if table.hasGlobal(qualified) {
                    return try compileCall(qualified, receiver: nil, args, at: e.offset)
                }
            }
            return try compileCall(name, receiver: target, args, at: e.offset)
        case .comprehension(let c):
            let range = try compile(c.range)
            let names = [c.variable] + (c.variable2.map { [$0] } ?? [])
            return try withLocals(names) { (me, slots) throws(CELCompileError) -> Node in
                let filter = try c.filter.map { (f) throws(CELCompileError) -> Node in try me.compile(f) }
                let body = try me.compile(c.body)
                return .loop(Loop(kind: c.kind, range: range, slot1: slots[0],
                                  slot2: slots.count > 1 ? slots[1] : nil, filter: filter, body: body))
            }
        case .bind(let name, let value, let body):
            let v = try compile(value)
            return try withLocals([name]) { (me, slots) throws(CELCompileError) -> Node in
                .bind(slot: slots[0], v, try me.compile(body))
            }
        }
    }

    /// `a.b.c` as ["a", "b", "c"] when the chain is plain selects on an identifier.
    private func qualifiedSegments(_ e: CELExpr) -> [String]? {
        var fields: [String] = []
        var cur = e
        while true {
            switch cur.kind {
            case .ident(let name, let rooted):
                return [(rooted ? "." : "") + name] + fields.reversed()
            case .select(let operand, let field, false):
                fields.append(field)
                cur = operand
            default:
                return nil
            }
        }
    }

    private mutating func resolveName(_ segments: [String], at offset: Int) throws(CELCompileError) -> Node {
        var segments = segments
        let rooted = segments[0].hasPrefix(".")
        if rooted { segments[0].removeFirst() }
        // Comprehension variables shadow everything except root-anchored names.
        if !rooted, let slot = localSlot(segments[0]) {
            return segments.dropFirst().reduce(Node.local(slot)) { .select($0, $1) }
        }
        var prefixes: [String] = []
        if !rooted && !options.container.isEmpty {
            var parts = options.container.split(separator: ".").map(String.init)
            while !parts.isEmpty { prefixes.append(parts.joined(separator: ".") + "."); parts.removeLast() }
        }
        prefixes.append("")
        var candidates: [NameCandidate] = []
        for length in stride(from: segments.count, through: 1, by: -1) {
            let name = segments[0..<length].joined(separator: ".")
            for p in prefixes {
                candidates.append(NameCandidate(variable: p + name, fields: Array(segments[length...])))
            }
        }
        // Type names (`int`, `google.protobuf.Timestamp`, `net.IP`) when no variable matches.
        let display = segments.joined(separator: ".")
        let typeFallback = CELType.builtinByName[display].map { CELValue.type($0) }
        if let declared {
            if let hit = candidates.first(where: { declared.contains($0.variable) }) {
                return hit.fields.reduce(Node.variable(hit.variable, fallback: nil)) { .select($0, $1) }
            }
            if let typeFallback { return .constant(typeFallback) }
            throw CELCompileError(message: "undeclared reference to '\(display)'", offset: offset)
        }
        if candidates.count == 1 {
            return .variable(candidates[0].variable, fallback: typeFallback)
        }
        return .qualified(candidates, fallback: typeFallback, display: rooted ? "." + display : display)
    }

    private mutating func compileCall(
        _ name: String, receiver: CELExpr?, _ args: [CELExpr], at offset: Int
    ) throws(CELCompileError) -> Node {
        var nodes: [Node] = []
        if let receiver { nodes.append(try compile(receiver)) }
        for a in args { nodes.append(try compile(a)) }
        guard let impl = table.lookup(name, receiver: receiver != nil, arity: args.count) else {
            let message = table.names.contains(name)
                ? "found no matching overload for '\(name)' with \(args.count) argument(s)"
                : "undeclared reference to '\(name)'"
            if options.unknownFunctionsAreCompileErrors {
                throw CELCompileError(message: message, offset: offset)
            }
            return .failure(table.names.contains(name) ? .noMatchingOverload(function: name, argumentTypes: [])
                                                       : .unknownFunction(name))
        }
        try precompilePatterns(name, &nodes, at: offset)
        if receiver != nil, let chain = Self.optionalChain(name, nodes) { return chain }
        let fixed = table.lookupFixed(name, receiver: receiver != nil, arity: args.count)
        return .call(ResolvedFunction(name: name, impl: impl, fixed: fixed), nodes)
    }

    /// `orValue` or `hasValue` called on a chain of optional selects, as one node.
    private static func optionalChain(_ name: String, _ nodes: [Node]) -> Node? {
        let end: ChainEnd
        switch (name, nodes.count) {
        case ("orValue", 2): end = .orValue(nodes[1])
        case ("hasValue", 1): end = .hasValue
        default: return nil
        }
        var fields: [String] = []
        var node = nodes[0]
        while case .optionalSelect(let operand, let field) = node {
            fields.append(field)
            node = operand
        }
        guard !fields.isEmpty else { return nil }
        return .optionalChain(base: node, fields: fields.reversed(), end: end)
    }

    /// Replaces constant regex patterns by compiled ones and reports bad ones now.
    private func precompilePatterns(_ name: String, _ nodes: inout [Node], at offset: Int) throws(CELCompileError) {
        guard ["matches", "find", "findAll", "regex.replace", "regex.extract", "regex.extractAll"].contains(name),
              nodes.count >= 2, case .constant(.string(let pattern)) = nodes[1] else { return }
        switch RE2Regex.compile(pattern) {
        case .success(let regex): nodes[1] = .constant(.object(regex))
        case .failure(let error):
            throw CELCompileError(message: "invalid regular expression '\(pattern)': \(error)", offset: offset)
        }
    }

    /// Evaluates a node whose inputs are all constants; failures stay as runtime nodes.
    private func fold(_ node: Node) -> Node {
        switch node {
        case .call(_, let args) where args.allSatisfy({ $0.constantValue != nil }):
            break
        case .list(let items, _) where items.allSatisfy({ $0.constantValue != nil }):
            break
        case .map(let entries) where entries.allSatisfy({ $0.key.constantValue != nil && $0.value.constantValue != nil }):
            break
        case .not(let a) where a.constantValue != nil:
            break
        case .index(let a, let b) where a.constantValue != nil && b.constantValue != nil:
            break
        case .select(let a, _) where a.constantValue != nil:
            break
        case .and(let a, let b), .or(let a, let b):
            // `false && x`, `true || x` decide without x; both constant also folds.
            if a.constantValue == nil && b.constantValue == nil { return node }
            if let v = a.constantValue ?? b.constantValue, case .bool(let bv) = v {
                if case .and = node, !bv { return .constant(.bool(false)) }
                if case .or = node, bv { return .constant(.bool(true)) }
            }
            guard a.constantValue != nil && b.constantValue != nil else { return node }
        case .conditional(let c, let t, let f):
            if case .constant(.bool(let b)) = c { return b ? t : f }
            return node
        default:
            return node
        }
        let context = EvalContext(activation: CELActivation(), limit: options.costLimit, localSlots: 0)
        guard let value = try? Evaluator.eval(node, context) else { return node }
        return .constant(value)
    }
}
