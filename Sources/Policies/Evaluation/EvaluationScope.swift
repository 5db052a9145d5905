import CEL
import KubeFormats
import Models

/// The bindings of one evaluation (one resource, one policy), with `variables.<name>`
/// computed lazily and at most once, shared by the policy's rules.
struct EvaluationScope {
    private let activation: CELActivation

    init(_ bindings: CELActivation, variables: [NamedExpression]) {
        var activation = bindings
        // Most policies declare no variables: an empty constant map costs nothing per resource.
        if variables.isEmpty {
            activation.bind("variables", to: .map(CELMap()))
        } else {
            let map = PolicyVariables(variables, bindings)
            activation.bind("variables", to: .hostMap(CELHostMap(map)))
            // Exactly the bindings the map evaluates its variables in (`lookup(_:in:)`).
            activation.hostToken = ObjectIdentifier(map)
        }
        self.activation = activation
    }

    func evaluate(_ expression: CompiledExpression) -> Result<CELValue, CELError> {
        expression.evaluate(activation)
    }
}

/// `variables` of one scope: each computed on first read, in an activation made of the
/// scope's other bindings plus this map (a temporary, so nothing refers back to the map and
/// it goes away with its scope). One object per scope, not one per variable: scopes are made
/// per policy and resource.
final class PolicyVariables: CELMapHost, Sendable {
    private let definitions: [NamedExpression]
    private let bindings: CELActivation
    private let slots: CELLazySlots

    init(_ definitions: [NamedExpression], _ bindings: CELActivation) {
        self.definitions = definitions
        self.bindings = bindings
        slots = CELLazySlots(count: definitions.count)
    }

    /// Names in order; a repeated name is the first definition's, as for lookups.
    func keys(in map: CELHostMap) -> [String] {
        var seen = Set<String>()
        return definitions.map(\.name).filter { seen.insert($0).inserted }
    }

    func value(forKey key: String, in map: CELHostMap) -> CELValue? {
        guard case .success(let v)? = lookup(key, in: map) else { return nil }
        return v
    }

    func lookup(_ key: String, in map: CELHostMap) -> Result<CELValue, CELError>? {
        value(key) {
            var activation = bindings
            activation.bind("variables", to: .hostMap(CELHostMap(self)))
            return activation
        }
    }

    /// Read by an expression of this scope (`variables.x`): its activation is the scope's
    /// bindings plus this map, the one a variable is evaluated in, so it is used as it is
    /// (assembling it again cost two allocations and a copy of every binding per variable).
    /// The scope marks its activation (`hostToken`); any other, or one with a name bound
    /// since, takes the general path.
    func lookup(_ key: String, in map: CELHostMap, activation: CELActivation) -> Result<CELValue, CELError>? {
        guard activation.hostToken == ObjectIdentifier(self) else { return lookup(key, in: map) }
        return value(key) { activation }
    }

    private func value(_ key: String, _ activation: () -> CELActivation) -> Result<CELValue, CELError>? {
        guard let i = definitions.firstIndex(where: { $0.name == key }) else { return nil }
        // A value holding this map (`variables` itself, or a list or map containing it) is not
        // kept: stored in a slot of the map it would keep the map, and so its whole scope,
        // alive for ever.
        return slots.value(i, keep: { result in
            guard case .success(let value) = result else { return true }
            return !Self.refers(to: self, value, depth: 0)
        }) {
            definitions[i].expression.evaluate(activation())
        }
    }

    /// Whether `value` holds `map`; host maps other than this one are not opened, and the
    /// search stops at the nesting depth CEL values can reach from literals.
    static func refers(to map: PolicyVariables, _ value: CELValue, depth: Int) -> Bool {
        guard depth < 64 else { return true }
        switch value {
        case .hostMap(let h):
            // By identity, not a cast: asked for every YAML item of a list.
            return h.hostIdentity == ObjectIdentifier(map)
        case .list(let items): return items.contains { refers(to: map, $0, depth: depth + 1) }
        case .map(let m): return m.entries.contains { refers(to: map, $0.key, depth: depth + 1) || refers(to: map, $0.value, depth: depth + 1) }
        case .optional(let inner?): return refers(to: map, inner, depth: depth + 1)
        default: return false
        }
    }
}

/// What one rule (or one validation) says about one resource.
enum RuleOutcome: Sendable, Equatable {
    case pass
    case fail(message: String)
    case error(String)
}

extension EvaluationScope {
    /// Evaluates a compliance expression: true passes, false fails, anything else is an error.
    func check(_ expression: CompiledExpression) -> Result<Bool, CELError> {
        switch evaluate(expression) {
        case .success(.bool(let b)): return .success(b)
        case .success(let other): return .failure(.invalidArgument("expression must evaluate to bool, not \(other.type)"))
        case .failure(let e): return .failure(e)
        }
    }

    /// A `messageExpression` result usable as a message (Kubernetes: a non-blank single line,
    /// at most 5 KB); nil means "fall back to the static message".
    func message(_ expression: CompiledExpression?) -> String? {
        guard let expression, case .success(.string(let s)) = evaluate(expression) else { return nil }
        // Scalars and bytes, not Characters or Foundation's search: a message per finding.
        // The newline is looked for in the contiguous bytes: `utf8.contains` stepped through
        // the String's view a code unit at a time (2,600 instructions a message).
        let hasNewline = s.withUTF8Bytes { $0.contains(UInt8(ascii: "\n")) }
        guard !s.unicodeScalars.allSatisfy(\.properties.isWhitespace), !hasNewline else { return nil }
        return s.utf8.count > 5120 ? String(decoding: s.utf8.prefix(5120), as: UTF8.self) : s
    }
}
