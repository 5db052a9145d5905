import Engine
import Models
import YAMLTree

/// Loaded, compiled policies, ready to run. Compiled once; `rules` are what the checker,
/// `palisade rules` and `palisade explain` take.
public struct PolicySet: Sendable {
    var native: [NativePolicy]
    var admission: [AdmissionPolicy]
    var bindings: [AdmissionBinding]
    /// Non-policy objects of the policy files: param objects, Namespaces, CRDs.
    var supportResources: [Resource]
    var tests: [PolicyTestDocument] = []

    /// One rule per native policy rule and per ValidatingAdmissionPolicy, then `policy-error`
    /// (last: it reports the runtime errors the others recorded during the run).
    public let rules: [any Rule]

    public static let empty = PolicySet(native: [], admission: [], bindings: [], supportResources: [])

    init(native: [NativePolicy], admission: [AdmissionPolicy], bindings: [AdmissionBinding],
         supportResources: [Resource], tests: [PolicyTestDocument] = []) {
        self.native = native
        self.admission = admission
        self.bindings = bindings
        self.supportResources = supportResources
        self.tests = tests
        rules = Self.makeRules(native, admission, bindings, PolicyRunState(supportResources: supportResources))
    }

    init(_ documents: PolicyDocuments) throws(PolicyError) {
        self.init(native: documents.native, admission: documents.admission, bindings: documents.bindings,
                  supportResources: documents.supportResources,
                  tests: documents.tests.map { PolicyTestDocument(node: $0) })
        try checkUniqueIDs(reserved: [])
    }

    /// Both sets as one (e.g. built-in policies plus `--policy` paths); ids must stay unique.
    public func merging(_ other: PolicySet) throws(PolicyError) -> PolicySet {
        let merged = PolicySet(native: native + other.native, admission: admission + other.admission,
                               bindings: bindings + other.bindings,
                               supportResources: supportResources + other.supportResources,
                               tests: tests + other.tests)
        try merged.checkUniqueIDs(reserved: [])
        return merged
    }

    /// The ids of the policy rules (without `policy-error`).
    public var ruleIDs: [String] { rules.map(\.metadata.id).filter { $0 != PolicyErrorRule.id } }

    /// Fails when a policy rule id repeats or collides with one of `reserved` (the Swift rules).
    public func checkUniqueIDs(reserved: Set<String>) throws(PolicyError) {
        var seen = reserved.union([PolicyErrorRule.id])
        for rule in rules where !(rule is PolicyErrorRule) {
            guard seen.insert(rule.metadata.id).inserted else {
                let (file, position) = origin(of: rule)
                throw PolicyError(file: file, position: position,
                                  message: "rule id '\(rule.metadata.id)' is defined twice (policy names must be unique and not reuse built-in rule ids)")
            }
        }
    }

    private func origin(of rule: any Rule) -> (String, SourcePosition) {
        if let p = rule as? ResourcePolicyRule { return (p.policy.file, p.policy.position) }
        guard let p = rule as? PolicyRule else { return ("", .start) }
        switch p.source {
        case .native(let policy, _): return (policy.file, policy.position)
        case .admission(let policy, _): return (policy.file, policy.position)
        }
    }

    private static func makeRules(_ native: [NativePolicy], _ admission: [AdmissionPolicy],
                                  _ bindings: [AdmissionBinding], _ run: PolicyRunState) -> [any Rule] {
        var rules: [any Rule] = []
        for policy in native {
            let perResource = !policy.readsNamespaceObject
            let key = ResourcePolicyRule.ScopeKey()
            for (i, rule) in policy.rules.enumerated() {
                if perResource {
                    rules.append(ResourcePolicyRule(metadata: policy.metadata(rule), policy: policy, ruleIndex: i,
                                                    scopeKey: key, run: run))
                } else {
                    rules.append(PolicyRule(metadata: policy.metadata(rule), source: .native(policy, ruleIndex: i), run: run))
                }
            }
        }
        for policy in admission {
            var bound = bindings.filter { $0.policyName == policy.name }
            // Unbound policies are checked as if bound with Deny (the API server would not run
            // them, but a policy given to the linter is meant to be checked).
            if bound.isEmpty {
                bound = [AdmissionBinding(name: "\(policy.name) (unbound)", file: policy.file, position: policy.position,
                                          policyName: policy.name, paramRef: nil, matchResources: nil,
                                          validationActions: [.deny])]
            }
            rules.append(PolicyRule(metadata: policy.metadata(bound), source: .admission(policy, bindings: bound), run: run))
        }
        rules.append(PolicyErrorRule(run: run))
        return rules
    }
}
