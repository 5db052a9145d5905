import CEL
import Models

/// The bindings of one evaluation (one resource, one policy), with `variables.<name>`
/// computed lazily and at most once, shared by the policy's rules. Variable expressions need
/// the activation they are part of, so the lazy map reaches it through a box, held weakly:
/// the scope owns the box, and nothing outlives the scope.
struct EvaluationScope {
    private let box = ActivationBox()

    init(_ bindings: CELActivation, variables: [NamedExpression]) {
        var activation = bindings
        let box = self.box
        let entries: [(String, @Sendable () -> Result<CELValue, CELError>)] = variables.map { v in
            let expression = v.expression
            return (v.name, { [weak box] in
                guard let box else { return .failure(.invalidArgument("variable read after its evaluation ended")) }
                return expression.evaluate(box.activation)
            })
        }
        // Most policies declare no variables: an empty constant map costs nothing per resource.
        activation.bind("variables", to: entries.isEmpty ? .map(CELMap()) : .hostMap(CELLazyMap(entries)))
        box.activation = activation
    }

    func evaluate(_ expression: CompiledExpression) -> Result<CELValue, CELError> {
        expression.evaluate(box.activation)
    }

}

private final class ActivationBox: @unchecked Sendable {
    // Written once, before any evaluation reads it.
    var activation = CELActivation()
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
        guard !s.unicodeScalars.allSatisfy(\.properties.isWhitespace), !s.utf8.contains(UInt8(ascii: "\n")) else { return nil }
        return s.utf8.count > 5120 ? String(decoding: s.utf8.prefix(5120), as: UTF8.self) : s
    }
}
