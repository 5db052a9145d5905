import Engine
import Models
import YAMLTree

/// `kind: Policy` (palisade.dev/v1): which resources, shared variables, and rules.
struct NativePolicy: Sendable {
    let name: String
    let file: String
    let position: SourcePosition
    let description: String?
    let match: PolicyMatch
    let variables: [NamedExpression]
    let rules: [NativeRule]
}

struct NamedExpression: Sendable {
    let name: String
    let expression: CompiledExpression
}

struct NativeRule: Sendable {
    let id: String
    let severity: Severity
    let expression: CompiledExpression
    let message: String?
    let messageExpression: CompiledExpression?
    let summary: String?
    let rationale: String?
    let remediation: String
    /// Dotted path (`spec.template.spec`, `spec.containers[0].image`) of the node findings point at.
    let fieldPath: [FieldPathSegment]?
    /// Off rules run only when enabled in `.palisade.yaml` or with `--enable`.
    let enabled: Bool
    /// Manifests (as YAML text) that must pass / must fail this rule.
    let passExamples: [String]
    let failExamples: [String]
}

enum FieldPathSegment: Sendable, Hashable {
    case key(String)
    case index(Int)
}

/// `spec.match` and `spec.match.exclude` of a native policy. Every constraint given must hold.
struct PolicyMatch: Sendable {
    var kinds: [String] = []
    var apiGroups: [String] = []
    var namespaces: [String] = []
    var labelSelector: LabelSelector?
    var exclude: [PolicyMatch] = []
}
