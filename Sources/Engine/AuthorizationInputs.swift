import Authz
import Models
import YAMLTree

/// Decodes RBAC manifests of a resource set into the authorization model's input types,
/// keeping positions so evidence and findings point into the manifests.
public enum AuthorizationInputs {
    public static func origin(_ node: YAMLNode) -> Origin {
        let position = node.position
        return Origin(file: node.file, line: position.line, column: position.column)
    }

    /// The kinds `model` reads.
    public static let rbacKinds = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]

    public static func model(resources: [Resource], abacPolicies: [ABACPolicy]) -> AuthorizationModel {
        var roles: [RBACRole] = []
        var bindings: [RBACBinding] = []
        for resource in resources where resource.identity.group == RBACGroup.name {
            switch resource.kind {
            case "Role", "ClusterRole":
                if let role = role(resource) { roles.append(role) }
            case "RoleBinding", "ClusterRoleBinding":
                if let binding = binding(resource) { bindings.append(binding) }
            default: break
            }
        }
        return AuthorizationModel(roles: roles, bindings: bindings, abacPolicies: abacPolicies)
    }

    static func strings(_ node: YAMLNode?) -> [String] {
        // One array, read from the items in place (no intermediate list of nodes).
        guard let node, node.isSequence else { return [] }
        var result: [String] = []
        result.reserveCapacity(node.count)
        for item in node.items { if let text = item.scalar(in: .kubernetes) { result.append(text) } }
        return result
    }

    public static func role(_ resource: Resource) -> RBACRole? {
        guard let name = resource.name else { return nil }
        var rules: [PolicyRule] = []
        if let list = resource["rules"], list.isSequence {
            rules.reserveCapacity(list.count)
            for item in list.items where item.isMapping { rules.append(policyRule(item)) }
        }
        var selectors: [Authz.LabelSelector]?
        if resource.kind == "ClusterRole", let aggregation = resource["aggregationRule"] {
            selectors = aggregation["clusterRoleSelectors"]?.listItems.map { s in
                Authz.LabelSelector(
                    matchLabels: StringMap(node: s["matchLabels"]).dictionary,
                    matchExpressions: s["matchExpressions"]?.listItems.compactMap { e in
                        guard let key = e["key"]?.scalar, let op = e["operator"]?.scalar else { return nil }
                        return .init(key: key, operator: op, values: strings(e["values"]))
                    } ?? [])
            } ?? []
        }
        return RBACRole(scope: resource.kind == "ClusterRole" ? .cluster : .namespaced,
                        namespace: resource.namespace ?? "default", name: name,
                        labels: resource.metadata.labels.dictionary, rules: rules,
                        aggregationSelectors: selectors, origin: origin(resource.node))
    }

    /// One rule of a role. The origins dictionary is reserved for the five fields: grown from
    /// empty, it reallocated for nearly every rule of every role of the run.
    static func policyRule(_ rule: YAMLNode) -> PolicyRule {
        // Each field looked up once, for its origin and its values.
        let verbs = rule["verbs"], apiGroups = rule["apiGroups"], resources = rule["resources"]
        let resourceNames = rule["resourceNames"], nonResourceURLs = rule["nonResourceURLs"]
        var origins = [PolicyRule.Field: Origin](minimumCapacity: PolicyRule.Field.allCases.count)
        if let verbs { origins[.verbs] = origin(verbs) }
        if let apiGroups { origins[.apiGroups] = origin(apiGroups) }
        if let resources { origins[.resources] = origin(resources) }
        if let resourceNames { origins[.resourceNames] = origin(resourceNames) }
        if let nonResourceURLs { origins[.nonResourceURLs] = origin(nonResourceURLs) }
        return PolicyRule(verbs: strings(verbs), apiGroups: strings(apiGroups), resources: strings(resources),
                          resourceNames: strings(resourceNames), nonResourceURLs: strings(nonResourceURLs),
                          origin: origin(rule), fieldOrigins: origins)
    }

    public static func binding(_ resource: Resource) -> RBACBinding? {
        guard let name = resource.name, let ref = resource["roleRef"] else { return nil }
        let roleRef = RoleRef(kind: ref["kind"]?.scalar ?? "", name: ref["name"]?.scalar ?? "",
                              apiGroup: ref["apiGroup"]?.scalar ?? "", origin: origin(ref))
        var subjects: [RBACSubject] = []
        if let list = resource["subjects"], list.isSequence {
            subjects.reserveCapacity(list.count)
            for s in list.items where s.isMapping {
                subjects.append(RBACSubject(kind: s["kind"]?.scalar ?? "", name: s["name"]?.scalar ?? "",
                                            namespace: s["namespace"]?.scalar ?? "", apiGroup: s["apiGroup"]?.scalar, origin: origin(s)))
            }
        }
        return RBACBinding(scope: resource.kind == "ClusterRoleBinding" ? .cluster : .namespaced,
                           namespace: resource.namespace ?? "default", name: name, roleRef: roleRef,
                           subjects: subjects, origin: origin(resource.node))
    }
}
