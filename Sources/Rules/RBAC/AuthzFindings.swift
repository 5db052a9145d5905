import Authz
import Engine
import Models
import YAMLTree

/// Shared plumbing of the RBAC and ABAC rules: runs the authorization analysis and turns its issues into findings
/// at the manifest node they come from.
///
/// Every rule id is its own rule (so `--enable`/`--disable` and per-id configuration work), and each rule runs
/// the analysis itself: there is no cache shared between rules. RBAC rules analyse only the objects their id can
/// come from (`FocusedAnalysis`); ABAC rules analyse the ABAC lines alone.
enum AuthzFindings {
    static let rbacKinds = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]

    /// The issues of the analysis of the set's ABAC lines alone (ABAC issues depend on nothing else).
    static func abacIssues(_ set: ResourceSet) -> [AuthzIssue] {
        guard !set.abacPolicies.isEmpty else { return [] }
        return RiskAnalysis(model: AuthorizationModel(abacPolicies: set.abacPolicies, includeBuiltIns: false)).issues()
    }

    /// Whether the set has RBAC objects of its own (the model always holds the built-in ones).
    static func hasRBACObjects(_ set: ResourceSet) -> Bool {
        set.authorization.bindings.contains { !$0.isBuiltIn } || set.authorization.roles.contains { !$0.isBuiltIn }
    }

    static func severity(_ severity: AuthzSeverity) -> Severity {
        switch severity {
        case .info: return .info
        case .warning: return .warning
        case .error: return .error
        }
    }

    /// Reports the issues carrying the sink's rule id. An issue at the rule's default severity takes the severity
    /// configured for the rule; an issue the analysis rates differently (a namespaced rather than cluster-wide
    /// grant, a grant limited by resourceNames) keeps its own.
    static func report(_ issues: [AuthzIssue], in set: ResourceSet, _ report: inout FindingSink,
                       keep: (Resource) -> Bool = { _ in true }) {
        let id = report.ruleID
        var locator: NodeLocator?
        for issue in issues where issue.id == id && !issue.origin.isBuiltIn && set.isReported(file: issue.origin.file) {
            let level = severity(issue.severity)
            let explicit: Severity? = level == report.declaredSeverity ? nil : level
            if locator == nil { locator = NodeLocator(set) }
            if let (resource, node) = locator?.place(issue.origin) {
                guard keep(resource) else { continue }
                report.report(issue.message, at: node, in: resource, severity: explicit)
            } else {
                report.report(issue.message, file: issue.origin.file,
                              position: SourcePosition(line: issue.origin.line, column: issue.origin.column), severity: explicit)
            }
        }
    }
}

/// Finds the RBAC resource and the node of the manifest an `Origin` points at, so findings carry the resource
/// (for annotation suppression) and the field path.
struct NodeLocator {
    /// RBAC resources per file, in source order.
    private let byFile: [String: [Resource]]

    init(_ set: ResourceSet) {
        var byFile: [String: [Resource]] = [:]
        for kind in AuthzFindings.rbacKinds {
            for resource in set.ofKind(kind) { byFile[resource.file, default: []].append(resource) }
        }
        self.byFile = byFile.mapValues { $0.sorted { $0.position < $1.position } }
    }

    func place(_ origin: Origin) -> (Resource, YAMLNode)? {
        let target = SourcePosition(line: origin.line, column: origin.column)
        guard let resources = byFile[origin.file],
              let resource = resources.last(where: { $0.position <= target })
        else { return nil }
        return (resource, Self.node(at: target, in: resource.node) ?? resource.node)
    }

    /// The outermost value node starting at the position (a mapping and its first key start at the same place;
    /// the mapping is meant), else a key node there.
    static func node(at target: SourcePosition, in root: YAMLNode) -> YAMLNode? {
        if root.position == target { return root }
        var key: YAMLNode?
        var stack = [root]
        var visited = 0
        while let node = stack.popLast(), visited < 100_000 {
            visited += 1
            if node.isMapping {
                for (k, v) in node.pairs {
                    if v.position == target { return v }
                    if k.position == target, key == nil { key = k }
                    if v.position < target { stack.append(v) }
                }
            } else if node.isSequence {
                for item in node.items {
                    if item.position == target { return item }
                    if item.position < target { stack.append(item) }
                }
            }
        }
        return key
    }
}
