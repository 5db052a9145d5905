import Engine
import Models
import YAMLTree

/// `kind: Policy` (palisade.dev/v1): which resources, shared variables, and rules.
/// A class, not a struct: a policy and its rules are read on every resource they match, and
/// copying a struct of this many strings and arrays costs a retain and release per field.
final class NativePolicy: Sendable {
    let name: String
    let file: String
    let position: SourcePosition
    let description: String?
    /// The area `palisade rules` lists the rules under (`spec.area`, default `policies`).
    let area: String
    /// What rule ids start with: `name/` for user policies, empty for the built-in policies,
    /// whose rules keep the ids of the Swift rules they replaced (users name them in
    /// `.palisade.yaml`, `--disable` and `palisade.dev/ignore` annotations).
    let ruleIDPrefix: String
    let match: PolicyMatch
    let variables: [NamedExpression]
    let rules: [NativeRule]

    init(name: String, file: String, position: SourcePosition, description: String?, area: String,
         ruleIDPrefix: String, match: PolicyMatch, variables: [NamedExpression], rules: [NativeRule]) {
        self.name = name
        self.file = file
        self.position = position
        self.description = description
        self.area = area
        self.ruleIDPrefix = ruleIDPrefix
        self.match = match
        self.variables = variables
        self.rules = rules
    }
}

struct NamedExpression: Sendable {
    let name: String
    let expression: CompiledExpression
}

final class NativeRule: Sendable {
    let id: String
    let severity: Severity
    let expression: CompiledExpression
    let message: String?
    let messageExpression: CompiledExpression?
    let summary: String?
    let rationale: String?
    let remediation: String
    /// Where findings point; see `FieldPath`.
    let fieldPath: FieldPath?
    /// When the whole `fieldPath` exists: point at its key (true) rather than its value.
    let reportAtKey: Bool
    /// Off rules run only when enabled in `.palisade.yaml` or with `--enable`.
    let enabled: Bool
    /// Manifests (as YAML text) that must pass / must fail this rule; a failing one may give
    /// the `line:column` its finding must have.
    let passExamples: [RuleExample]
    let failExamples: [RuleExample]

    init(id: String, severity: Severity, expression: CompiledExpression, message: String?,
         messageExpression: CompiledExpression?, summary: String?, rationale: String?, remediation: String,
         fieldPath: FieldPath?, reportAtKey: Bool, enabled: Bool, passExamples: [RuleExample],
         failExamples: [RuleExample]) {
        self.id = id
        self.severity = severity
        self.expression = expression
        self.message = message
        self.messageExpression = messageExpression
        self.summary = summary
        self.rationale = rationale
        self.remediation = remediation
        self.fieldPath = fieldPath
        self.reportAtKey = reportAtKey
        self.enabled = enabled
        self.passExamples = passExamples
        self.failExamples = failExamples
    }
}

/// `fieldPath` of a native rule: one dotted path (`spec.template.spec`,
/// `spec.containers[0].image`), or one per kind (`{Job: spec, CronJob: spec.jobTemplate.spec}`,
/// `*` for the other kinds) when the field sits elsewhere in different kinds.
struct FieldPath: Sendable {
    var byKind: [String: [FieldPathSegment]]

    /// The path for a resource's kind; nil when the kind has none (the finding points at the resource).
    func segments(for kind: String) -> [FieldPathSegment]? {
        byKind[kind] ?? byKind["*"]
    }
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
