import CEL
import Engine
import Models

/// One ValidatingAdmissionPolicy evaluated for one resource under one binding, the way the
/// API server's validating admission plugin does it for a CREATE.
struct AdmissionEvaluation {
    let policy: AdmissionPolicy
    let binding: AdmissionBinding
    let env: PolicyEnvironment

    /// A failed validation or an error, with the severity the binding's actions give it.
    struct Result: Sendable, Equatable {
        var outcome: RuleOutcome
        var severity: Severity
    }

    /// Findings for the resource; empty when it does not match, passes, or errors are ignored.
    func evaluate(_ resource: Resource) -> [Result] {
        let request = RequestAttributes(resource, env)
        guard policy.matchConstraints.matches(resource, request, env),
              binding.matchResources?.matches(resource, request, env) ?? true else { return [] }
        let severity = binding.validationActions.map(\.severity).max() ?? .error
        let paramSets: [CELValue]
        switch params(for: request) {
        case .resolved(let p): paramSets = p
        case .allow: return []
        case .missing(let why): return failure(why, severity)
        }
        var results: [Result] = []
        // With a selector, the policy runs once per param object; every run must pass.
        for params in paramSets {
            results.append(contentsOf: evaluate(resource, request, params: params, severity: severity))
        }
        return results
    }

    private func failure(_ message: String, _ severity: Severity) -> [Result] {
        policy.ignoreFailures ? [] : [Result(outcome: .error(message), severity: severity)]
    }

    private func evaluate(_ resource: Resource, _ request: RequestAttributes, params: CELValue,
                          severity: Severity) -> [Result] {
        var bindings = CELActivation()
        bindings.bind("object", to: ObjectBindings.object(resource))
        bindings.bind("oldObject", to: .null)
        bindings.bind("request", to: ObjectBindings.request(request))
        bindings.bind("params", to: params)
        bindings.bind("namespaceObject", to: ObjectBindings.namespaceObject(request.namespace, env))
        bindings.bind("authorizer", to: .object(CELAuthorizerValue(ModelAuthorizer(model: env.authorization))))
        let scope = EvaluationScope(bindings, variables: policy.variables)

        // matchConditions: any false skips; an error (with none false) is a failure.
        var conditionError: String?
        for condition in policy.matchConditions {
            switch scope.check(condition.expression) {
            case .success(true): continue
            case .success(false): return []
            case .failure(let e): conditionError = conditionError ?? "matchCondition '\(condition.name)': \(e.message)"
            }
        }
        if let conditionError { return failure(conditionError, severity) }

        var results: [Result] = []
        for (i, v) in policy.validations.enumerated() {
            switch scope.check(v.expression) {
            case .success(true): continue
            case .success(false):
                let message = scope.message(v.messageExpression) ?? v.message ?? "failed expression: \(v.expression.source)"
                results.append(Result(outcome: .fail(message: message), severity: severity))
            case .failure(let e):
                results.append(contentsOf: failure("validations[\(i)]: \(e.message)", severity))
            }
        }
        return results
    }

    enum ParamResolution {
        case resolved([CELValue])
        /// No param object and `parameterNotFoundAction: Allow`.
        case allow
        case missing(String)
    }

    /// `params` from the binding's `paramRef`, resolved against the repository's objects.
    func params(for request: RequestAttributes) -> ParamResolution {
        guard let kind = policy.paramKind else { return .resolved([.null]) }
        guard let ref = binding.paramRef else { return .resolved([.null]) }
        let group = kind.apiVersion.firstIndex(of: "/").map { String(kind.apiVersion[..<$0]) } ?? ""
        let namespaced = env.kinds.type(group: group, kind: kind.kind, hasNamespace: true).namespaced
        // A namespaced param kind without paramRef.namespace is looked up in the object's namespace.
        let namespace = namespaced ? (ref.namespace ?? request.namespace) : nil
        if namespaced && namespace == nil {
            return .missing("binding \(binding.name): paramRef has no namespace and \(request.type.kind) is cluster-scoped")
        }
        let candidates = env.objects(apiVersion: kind.apiVersion, kind: kind.kind).filter { $0.namespace == namespace }
        let selected: [Resource]
        if let name = ref.name {
            selected = candidates.first { $0.name == name }.map { [$0] } ?? []
        } else {
            let selector = ref.selector
            selected = candidates.filter { selector?.matches($0.metadata.labels.dictionary) ?? true }
        }
        if selected.isEmpty {
            if !ref.denyWhenNotFound { return .allow }
            let what = ref.name.map { "\(kind.kind) '\($0)'" } ?? "\(kind.kind) matching the selector"
            return .missing("binding \(binding.name): no params object \(what)\(namespace.map { " in namespace \($0)" } ?? "")")
        }
        return .resolved(selected.map { YAMLCEL.value($0.node) })
    }
}
