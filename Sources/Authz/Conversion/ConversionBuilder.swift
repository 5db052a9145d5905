/// Builds the RBAC objects for ABAC lines one by one.
struct ConversionBuilder {
    private var roles: [RBACRole] = []
    private var bindings: [RBACBinding] = []
    private var differences: [ConversionDifference] = []
    private var blocks: [YAMLBlock] = []
    private var usedNames = Set<String>()

    struct YAMLBlock {
        var comments: [String]
        var documents: [String]
    }

    private static let readVerbs = ["get", "list", "watch"]

    mutating func add(_ policy: ABACPolicy) {
        let rule = policy.effective
        var comments = ["From \(policy.origin.file):\(policy.line): \(policy.summary)"]
        guard rule.canEverMatch else {
            comments.append("This line can never match (it has no subject, or neither resource nor nonResourcePath); nothing to convert.")
            blocks.append(YAMLBlock(comments: comments, documents: []))
            return
        }
        let base = uniqueName(for: policy)
        let verbs = rule.readonly ? ConversionBuilder.readVerbs : ["*"]
        var documents: [String] = []

        let subject: RBACSubject?
        if !rule.user.isEmpty && !rule.group.isEmpty {
            subject = nil
            let text = "ABAC allowed user \(rule.user) only while in group \(rule.group); RBAC cannot require both, so the roles below are left unbound. Bind them to the user or the group only if that is acceptable."
            comments.append("Difference: " + text)
            differences.append(difference(.userAndGroup, policy, text))
        } else if !rule.user.isEmpty {
            if let sa = Identity.splitServiceAccountUsername(rule.user) {
                subject = RBACSubject(kind: "ServiceAccount", name: sa.name, namespace: sa.namespace, apiGroup: "")
            } else {
                subject = RBACSubject(kind: "User", name: rule.user, apiGroup: RBACGroup.name)
            }
        } else {
            subject = RBACSubject(kind: "Group", name: rule.group, apiGroup: RBACGroup.name)
            if rule.group == Identity.allAuthenticated && (policy.user == "*" || policy.group == "*" || policy.version == .legacy) {
                comments.append("ABAC \"*\" (or a legacy line without subject) means every authenticated user: group system:authenticated.")
            }
        }

        var clusterRules: [PolicyRule] = []
        var namespacedRules: [PolicyRule] = []
        if !rule.resource.isEmpty {
            let (resources, listed) = resourceList(rule)
            if let listed {
                let text = "ABAC ignores subresources, so \(rule.resource) also granted every subresource; RBAC lists them: \(listed.isEmpty ? "none are known" : listed.map { rule.resource + "/" + $0 }.joined(separator: ", ")). Other subresources are not granted."
                comments.append("Difference: " + text)
                var diff = difference(.unlistedSubresources, policy, text)
                diff.listedSubresources = listed
                differences.append(diff)
            }
            switch rule.namespace {
            case "*":
                clusterRules.append(PolicyRule(verbs: verbs, apiGroups: [rule.apiGroup], resources: resources))
            case "":
                let granted = clusterScopedGrants(rule)
                for (group, plurals) in granted {
                    let withSubs = plurals.flatMap { plural in [plural] + subresources(of: plural, group: group).map { plural + "/" + $0 } }
                    clusterRules.append(PolicyRule(verbs: verbs, apiGroups: [group], resources: rule.resource == "*" ? withSubs : resources))
                }
                let grantedKeys = granted.flatMap { group, plurals in plurals.map { group + "/" + $0 } }
                let exact = rule.apiGroup != "*" && grantedKeys == [rule.apiGroup + "/" + rule.resource]
                if !exact {
                    let text = "ABAC without namespace allowed only requests without namespace: cluster-scoped resources and lists across all namespaces. RBAC cannot grant such lists without granting every namespace, so "
                        + (grantedKeys.isEmpty ? "nothing is granted for \(rule.resource)." : "only the known cluster-scoped resources are granted.")
                    comments.append("Difference: " + text)
                    var diff = difference(.noNamespace, policy, text)
                    diff.grantedClusterResources = grantedKeys
                    differences.append(diff)
                }
            default:
                namespacedRules.append(PolicyRule(verbs: verbs, apiGroups: [rule.apiGroup], resources: resources))
            }
        }
        if !rule.nonResourcePath.isEmpty {
            clusterRules.append(PolicyRule(verbs: verbs, nonResourceURLs: [rule.nonResourcePath]))
        }

        if !namespacedRules.isEmpty {
            let role = RBACRole.role(base, namespace: rule.namespace, rules: namespacedRules, origin: policy.origin)
            roles.append(role)
            documents.append(YAMLWriter.role(role))
            if let subject {
                let binding = RBACBinding.roleBinding(base, namespace: rule.namespace, roleRef: RoleRef(kind: "Role", name: base), subjects: [subject], origin: policy.origin)
                bindings.append(binding)
                documents.append(YAMLWriter.binding(binding))
            }
        }
        if !clusterRules.isEmpty {
            let name = namespacedRules.isEmpty ? base : base + "-cluster"
            let role = RBACRole.clusterRole(name, rules: clusterRules, origin: policy.origin)
            roles.append(role)
            documents.append(YAMLWriter.role(role))
            if let subject {
                let binding = RBACBinding.clusterRoleBinding(name, clusterRole: name, subjects: [subject], origin: policy.origin)
                bindings.append(binding)
                documents.append(YAMLWriter.binding(binding))
            }
        }
        blocks.append(YAMLBlock(comments: comments, documents: documents))
    }

    func finish() -> RBACConversion {
        var text = "# RBAC equivalent of ABAC policies, generated by palisade (abac to-rbac).\n"
        text += "# Each ABAC line becomes a role and a binding; comments say where RBAC grants less than ABAC did.\n"
        for block in blocks {
            text += "\n" + block.comments.map { YAMLWriter.comment($0) }.joined()
            for document in block.documents { text += "---\n" + document }
        }
        return RBACConversion(roles: roles, bindings: bindings, differences: differences, yaml: text)
    }

    private func difference(_ kind: ConversionDifference.Kind, _ policy: ABACPolicy, _ text: String) -> ConversionDifference {
        ConversionDifference(kind: kind, origin: policy.origin, explanation: text, policy: policy.effective, listedSubresources: [], grantedClusterResources: [])
    }

    /// `abac-<file stem>-<line>`, made unique.
    private mutating func uniqueName(for policy: ABACPolicy) -> String {
        var stem = policy.origin.file.split(separator: "/").last.map(String.init) ?? "policy"
        if let dot = stem.lastIndex(of: "."), dot != stem.startIndex { stem = String(stem[..<dot]) }
        let cleaned = String(stem.lowercased().map { ($0.isLetter && $0.isASCII) || ($0.isNumber && $0.isASCII) ? $0 : "-" })
        let prefix = cleaned.hasPrefix("abac") ? cleaned : "abac-" + cleaned
        var name = "\(prefix)-\(policy.line)"
        var n = 2
        while usedNames.contains(name) {
            name = "\(prefix)-\(policy.line)-\(n)"
            n += 1
        }
        usedNames.insert(name)
        return name
    }

    /// The RBAC resources for an ABAC resource and the subresources listed (nil when the list is exact: `*`).
    private func resourceList(_ rule: ABACRule) -> ([String], [String]?) {
        if rule.resource == "*" { return (["*"], nil) }
        var subs: [String]
        if rule.apiGroup == "*" {
            subs = KnownResources.lookup(rule.resource).flatMap(\.subresources)
        } else if let known = KnownResources.lookup(rule.resource, group: rule.apiGroup) {
            subs = known.subresources
        } else {
            subs = ["scale", "status"]  // the only subresources a CustomResourceDefinition can declare
        }
        subs = Array(Set(subs)).sorted()
        return ([rule.resource] + subs.map { rule.resource + "/" + $0 }, subs)
    }

    private func subresources(of plural: String, group: String) -> [String] {
        KnownResources.lookup(plural, group: group)?.subresources ?? []
    }

    /// For an ABAC line without namespace: the known cluster-scoped resources it covers, by group.
    private func clusterScopedGrants(_ rule: ABACRule) -> [(String, [String])] {
        // Requests for one namespace object carry its name as namespace, so RBAC cannot grant namespaces only
        // without namespace; they are left out.
        let candidates = KnownResources.clusterScoped().filter {
            !($0.plural == "namespaces" && $0.group == "") && (rule.apiGroup == "*" || $0.group == rule.apiGroup) && (rule.resource == "*" || $0.plural == rule.resource)
        }
        let groups = Array(Set(candidates.map(\.group))).sorted()
        return groups.map { group in (group, candidates.filter { $0.group == group }.map(\.plural).sorted()) }
    }
}
