import CEL
import Models

extension NativePolicy {
    /// The bindings of a native policy: `object`, `namespaceObject` and `variables`.
    func scope(for resource: Resource, _ env: PolicyEnvironment) -> EvaluationScope {
        var bindings = CELActivation()
        bindings.bind("object", to: ObjectBindings.object(resource))
        let namespace = env.type(of: resource).namespaced ? resource.namespace : nil
        bindings.bind("namespaceObject", to: ObjectBindings.namespaceObject(namespace, env))
        return EvaluationScope(bindings, variables: variables)
    }

    /// Evaluates one rule on a resource the policy matches.
    func evaluate(rule: NativeRule, on resource: Resource, _ env: PolicyEnvironment) -> RuleOutcome {
        let scope = scope(for: resource, env)
        defer { scope.close() }
        switch scope.check(rule.expression) {
        case .success(true): return .pass
        case .success(false):
            let message = scope.message(rule.messageExpression) ?? rule.message ?? "failed expression: \(rule.expression.source)"
            return .fail(message: message)
        case .failure(let e): return .error(e.message)
        }
    }
}
