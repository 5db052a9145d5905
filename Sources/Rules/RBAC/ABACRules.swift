import Authz
import Engine
import YAMLTree

/// ABAC policy files (`--authorization-policy-file`): broad grants found by the analysis, problems the reader
/// finds in a line, and the note that ABAC is a legacy mode.
enum ABACRules {
    typealias ID = RiskAnalysis.ABACIssueID
    typealias ReaderID = ABACPolicyFile.IssueID

    static let remediationConvert = "Convert the file with `palisade abac to-rbac FILE`, review the RBAC output, and switch the API server to --authorization-mode=Node,RBAC."
    static let podReaderLine = AuthzExamples.abacLine(#""user": "alice", "namespace": "ml-prod", "resource": "pods", "readonly": true"#)

    static let all: [any Rule] = [
        ABACAnalysisRule(RuleMetadata(
            id: ID.fullAccess, area: "abac", severity: .error,
            summary: "An ABAC line gives a user or group every verb on every resource",
            rationale: "namespace, resource and apiGroup \"*\" without readonly is cluster-admin: every verb on every resource of every namespace, including Secrets and RBAC. In ABAC it cannot be revoked without editing the file and restarting every API server.",
            remediation: "Narrow the line to the namespaces and resources needed, with readonly where possible. " + remediationConvert,
            triggering: [RuleExample(AuthzExamples.abacLine(#""user": "alice", "namespace": "*", "resource": "*", "apiGroup": "*""#), at: "1:1")],
            nonTriggering: [RuleExample(AuthzExamples.abacLine(#""user": "alice", "namespace": "*", "resource": "*", "apiGroup": "*", "readonly": true"#))]
        )),
        ABACAnalysisRule(RuleMetadata(
            id: ID.serviceAccountFullAccess, area: "abac", severity: .error,
            summary: "An ABAC line gives a service account every verb on every resource",
            rationale: "A service account with full access turns every pod that runs as it (for the default service account: every pod of the namespace without serviceAccountName) into cluster-admin. Old clusters granted system:serviceaccount:kube-system:default this way for add-ons.",
            remediation: "Give the add-on its own service account with an RBAC role listing what it needs. " + remediationConvert,
            triggering: [RuleExample(AuthzExamples.abacLine(#""user": "system:serviceaccount:kube-system:default", "namespace": "*", "resource": "*", "apiGroup": "*""#), at: "1:1")],
            nonTriggering: [RuleExample(AuthzExamples.abacLine(#""user": "system:serviceaccount:kube-system:default", "namespace": "kube-system", "resource": "configmaps", "readonly": true"#))]
        )),
        ABACAnalysisRule(RuleMetadata(
            id: ID.allAuthenticated, area: "abac", severity: .error,
            summary: "An ABAC line grants access to every authenticated user",
            rationale: "group system:authenticated, and user or group \"*\", match every user and service account of the cluster. Read-only access to non-sensitive resources is a warning; write access or full access an error.",
            remediation: "Name the users or groups that need the access. " + remediationConvert,
            triggering: [RuleExample(AuthzExamples.abacLine(#""group": "system:authenticated", "namespace": "ml-prod", "resource": "pods", "readonly": true"#), at: "1:96")],
            nonTriggering: [RuleExample(AuthzExamples.abacLine(#""group": "data-scientists", "namespace": "ml-prod", "resource": "pods", "readonly": true"#))]
        )),
        ABACAnalysisRule(RuleMetadata(
            id: ID.unauthenticated, area: "abac", severity: .error,
            summary: "An ABAC line grants access to anonymous requests",
            rationale: "user system:anonymous and group system:unauthenticated match requests without credentials: the grant is open to anyone who can reach the API server.",
            remediation: "Remove the line; health and version endpoints are public through the built-in RBAC roles. " + remediationConvert,
            triggering: [RuleExample(AuthzExamples.abacLine(#""group": "system:unauthenticated", "namespace": "ml-prod", "resource": "services", "readonly": true"#), at: "1:96")],
            nonTriggering: [RuleExample(AuthzExamples.abacLine(#""group": "data-scientists", "namespace": "ml-prod", "resource": "services", "readonly": true"#))]
        )),
        ABACAnalysisRule(RuleMetadata(
            id: ID.nonResourceWildcard, area: "abac", severity: .warning,
            summary: "An ABAC line allows every non-resource path",
            rationale: "nonResourcePath \"*\" (also implied by a legacy line without namespace and resource) covers /metrics, /debug/pprof and /logs as well as /healthz and /version. Without readonly it allows every verb on them (warning); read-only it is info.",
            remediation: "List the paths needed (\"/healthz\", \"/version\", or a prefix such as \"/apis/*\"). " + remediationConvert,
            triggering: [RuleExample(AuthzExamples.abacLine(#""user": "prometheus", "nonResourcePath": "*""#), at: "1:128")],
            nonTriggering: [RuleExample(AuthzExamples.abacLine(#""user": "prometheus", "nonResourcePath": "/metrics", "readonly": true"#))]
        )),
        ABACAnalysisRule(RuleMetadata(
            id: ID.legacyLine, area: "abac", severity: .warning,
            summary: "An ABAC line uses the legacy unversioned form",
            rationale: "In the unversioned form an omitted field means everything: no namespace is every namespace, no resource every resource, no user or group every authenticated user, and every API group is always included. Lines that look narrow grant far more than intended.",
            remediation: "Rewrite the line as an \(ABACPolicyFile.v1beta1) Policy with an explicit spec. " + remediationConvert,
            triggering: [RuleExample(#"{"user": "bob", "namespace": "ml-prod", "readonly": true}"#, at: "1:1")],
            nonTriggering: [RuleExample(AuthzExamples.abacLine(#""user": "bob", "namespace": "ml-prod", "resource": "*", "readonly": true"#))]
        )),
        ABACAnalysisRule(RuleMetadata(
            id: ID.neverMatches, area: "abac", severity: .warning,
            summary: "An ABAC line can never match a request",
            rationale: "A policy with neither user nor group matches nobody, and one with neither resource nor nonResourcePath matches no request. The line is dead and its author's intent is unknown.",
            remediation: "Add the missing user/group or resource/nonResourcePath, or delete the line.",
            triggering: [RuleExample(AuthzExamples.abacLine(#""namespace": "ml-prod", "resource": "pods", "readonly": true"#), at: "1:1")],
            nonTriggering: [podReaderExample]
        )),
        ABACLegacyModeRule(),
        ABACDiagnosticRule(RuleMetadata(
            id: ReaderID.malformedLine, area: "abac", severity: .error,
            summary: "An ABAC policy line is not valid JSON or not an object",
            rationale: "The API server reads the policy file line by line at start-up and refuses to start when a line cannot be parsed, taking the control plane down.",
            remediation: "Fix the JSON of the line (one object per line; no trailing commas, no comments except whole lines starting with #).",
            triggering: [RuleExample(podReaderLine + "\n" + AuthzExamples.abacLine(#""user": "bob", "namespace": "ml-prod", "resource": "pods",}"#), at: "2:145")],
            nonTriggering: [podReaderExample]
        )),
        ABACDiagnosticRule(RuleMetadata(
            id: ReaderID.wrongFieldType, area: "abac", severity: .error,
            summary: "An ABAC policy field has the wrong JSON type",
            rationale: "String fields must be strings and readonly a boolean; the API server refuses the file otherwise. \"readonly\": \"true\" (a string) is the usual slip.",
            remediation: "Write the value with the right type: \"readonly\": true.",
            triggering: [RuleExample(AuthzExamples.abacLine(#""user": "alice", "namespace": "ml-prod", "resource": "pods", "readonly": "true""#), at: "1:160")],
            nonTriggering: [podReaderExample]
        )),
        ABACDiagnosticRule(RuleMetadata(
            id: ReaderID.unknownField, area: "abac", severity: .warning,
            summary: "An ABAC policy line has a field the API server ignores",
            rationale: "Unknown fields are dropped silently. A misspelt or wrongly cased field (Namespace, readOnly) leaves the real field empty, which changes what the line grants.",
            remediation: "Fix the field name (they are case-sensitive) or remove it.",
            triggering: [RuleExample(AuthzExamples.abacLine(#""user": "alice", "namespace": "ml-prod", "resource": "pods", "readOnly": true"#), at: "1:148")],
            nonTriggering: [podReaderExample]
        )),
        ABACDiagnosticRule(RuleMetadata(
            id: ReaderID.unknownKind, area: "abac", severity: .error,
            summary: "An ABAC policy line has an apiVersion or kind the API server does not know",
            rationale: "Only \(ABACPolicyFile.v1beta1) Policy (and the legacy v0 form) are understood. Any other apiVersion/kind makes the API server read the line in the legacy unversioned form, where omitted fields mean everything.",
            remediation: "Use \"apiVersion\": \"\(ABACPolicyFile.v1beta1)\", \"kind\": \"Policy\".",
            triggering: [RuleExample(#"{"apiVersion": "abac.authorization.kubernetes.io/v1", "kind": "Policy", "spec": {"user": "alice", "namespace": "ml-prod", "resource": "pods", "readonly": true}}"#, at: "1:2")],
            nonTriggering: [podReaderExample]
        )),
        ABACDiagnosticRule(RuleMetadata(
            id: ReaderID.invalidUTF8, area: "abac", severity: .warning,
            summary: "An ABAC policy line has invalid UTF-8 in a string",
            rationale: "Invalid bytes are read as U+FFFD, so a user or group name containing them never matches the intended identity. Usually a file saved in another encoding.",
            remediation: "Re-save the policy file as UTF-8.",
            triggering: [],
            nonTriggering: [podReaderExample]
        )),
    ]

    static var podReaderExample: RuleExample { RuleExample(podReaderLine) }
}

/// A problem the ABAC reader finds in one line, reported under the reader's issue id.
public struct ABACDiagnosticRule: LoadRule {
    public let metadata: RuleMetadata

    init(_ metadata: RuleMetadata) {
        self.metadata = metadata
    }

    public func check(_ event: LoadEvent, _ report: inout FindingSink) {
        guard case .abac(let diagnostic) = event, diagnostic.id == metadata.id else { return }
        let level = AuthzFindings.severity(diagnostic.severity)
        report.report(diagnostic.message, file: diagnostic.origin.file,
                      position: SourcePosition(line: diagnostic.origin.line, column: diagnostic.origin.column),
                      severity: level == metadata.severity ? nil : level)
    }
}

/// `abac-legacy-mode`: one note per ABAC policy file, at its first policy line.
public struct ABACLegacyModeRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "abac-legacy-mode", area: "abac", severity: .info,
        summary: "ABAC policy file: ABAC is a legacy authorization mode",
        rationale: "ABAC policies live in a file on every control-plane node, take effect only when every API server restarts, cannot be audited through the API, and cannot express verbs or subresources. RBAC replaced it in Kubernetes 1.8; new features (aggregated roles, escalation checks, who-can tooling) exist only for RBAC.",
        remediation: "Run `palisade abac to-rbac FILE` for the equivalent Roles, ClusterRoles and bindings (with every difference commented), apply them, and drop ABAC from --authorization-mode.",
        triggering: [RuleExample("# Legacy policy of the old training cluster\n" + ABACRules.podReaderLine, at: "2:1")],
        nonTriggering: [RuleExample(RBACIntegrityRules.podReader)])

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        var first: [String: ABACPolicy] = [:]
        var counts: [String: Int] = [:]
        for policy in set.abacPolicies where set.isReported(file: policy.origin.file) {
            counts[policy.origin.file, default: 0] += 1
            if let known = first[policy.origin.file], known.origin <= policy.origin { continue }
            first[policy.origin.file] = policy
        }
        for (file, policy) in first.sorted(by: { $0.key < $1.key }) {
            let count = counts[file] ?? 0
            report.report(
                "ABAC policy file (\(count) polic\(count == 1 ? "y" : "ies")): ABAC is a legacy authorization mode; `palisade abac to-rbac \(file)` prints the RBAC equivalent",
                file: file, position: SourcePosition(line: policy.origin.line, column: policy.origin.column))
        }
    }
}
