import Engine
import Models
import YAMLTree

/// A `ValidatingAdmissionPolicy` (admissionregistration.k8s.io/v1) as the API server sees it.
struct AdmissionPolicy: Sendable {
    let name: String
    let file: String
    let position: SourcePosition
    let paramKind: ParamKind?
    let matchConstraints: MatchResources
    let matchConditions: [NamedExpression]
    let variables: [NamedExpression]
    let validations: [Validation]
    /// `failurePolicy: Ignore` drops runtime errors and misconfiguration instead of failing.
    let ignoreFailures: Bool
}

struct ParamKind: Sendable, Hashable {
    let apiVersion: String
    let kind: String
}

struct Validation: Sendable {
    let expression: CompiledExpression
    let message: String?
    let messageExpression: CompiledExpression?
    let reason: String?
}

/// `matchConstraints` of a policy, `matchResources` of a binding.
struct MatchResources: Sendable {
    var namespaceSelector: LabelSelector?
    var objectSelector: LabelSelector?
    /// nil on a binding without `resourceRules`: it constrains nothing.
    var resourceRules: [NamedRuleWithOperations]?
    var excludeResourceRules: [NamedRuleWithOperations] = []
}

struct NamedRuleWithOperations: Sendable {
    var apiGroups: [String]
    var apiVersions: [String]
    var operations: [String]
    var resources: [String]
    var resourceNames: [String]
    /// `Cluster`, `Namespaced` or `*`.
    var scope: String
}

/// A `ValidatingAdmissionPolicyBinding`.
struct AdmissionBinding: Sendable {
    let name: String
    let file: String
    let position: SourcePosition
    let policyName: String
    let paramRef: ParamRef?
    let matchResources: MatchResources?
    let validationActions: Set<ValidationAction>
}

struct ParamRef: Sendable {
    let name: String?
    let selector: LabelSelector?
    let namespace: String?
    /// `parameterNotFoundAction: Deny` makes a missing param object a failure.
    let denyWhenNotFound: Bool
}

enum ValidationAction: String, Sendable, Hashable {
    case deny = "Deny", warn = "Warn", audit = "Audit"

    var severity: Severity {
        switch self {
        case .deny: .error
        case .warn: .warning
        case .audit: .info
        }
    }
}
