import CEL
import Models

extension NativePolicy {
    /// Whether any expression of the policy reads `namespaceObject`, which comes from the
    /// Namespaces of the whole run: only such policies wait for every file to be read.
    var readsNamespaceObject: Bool {
        let expressions = variables.map(\.expression) + rules.flatMap { [$0.expression] + ($0.messageExpression.map { [$0] } ?? []) }
        return expressions.contains { $0.program.referencedVariables.contains("namespaceObject") }
    }

    /// The bindings of a native policy: `object`, `namespaceObject` and `variables`.
    func scope(for resource: Resource, _ env: PolicyEnvironment) -> EvaluationScope {
        let namespace = env.type(of: resource).namespaced ? resource.namespace : nil
        return scope(for: resource, namespaceObject: ObjectBindings.namespaceObject(namespace, env))
    }

    /// The bindings with `namespaceObject` given, or left out for a policy that never reads it.
    func scope(for resource: Resource, namespaceObject: CELValue?) -> EvaluationScope {
        var bindings = CELActivation()
        bindings.bind("object", to: ObjectBindings.object(resource))
        if let namespaceObject { bindings.bind("namespaceObject", to: namespaceObject) }
        return EvaluationScope(bindings, variables: variables)
    }

    /// Evaluates one rule on a resource the policy matches.
    func evaluate(rule: NativeRule, on resource: Resource, _ env: PolicyEnvironment) -> RuleOutcome {
        evaluate(rule: rule, in: scope(for: resource, env))
    }

    /// Evaluates one rule in a scope made for a resource the policy matches.
    func evaluate(rule: NativeRule, in scope: EvaluationScope) -> RuleOutcome {
        switch scope.check(rule.expression) {
        case .success(true): return .pass
        case .success(false):
            let message = scope.message(rule.messageExpression) ?? rule.message ?? "failed expression: \(rule.expression.source)"
            return .fail(message: message)
        case .failure(let e): return .error(e.message)
        }
    }
}
