import Models

extension PolicyMatch {
    /// Every constraint given holds, and no exclusion matches.
    /// Needs nothing but the resource, so native policies can run while its file is checked.
    func matches(_ resource: Resource) -> Bool {
        guard matchesOwnConstraints(resource) else { return false }
        return !exclude.contains { $0.matchesOwnConstraints(resource) }
    }

    private func matchesOwnConstraints(_ resource: Resource) -> Bool {
        if !kinds.isEmpty, !kinds.contains("*"), !kinds.contains(resource.kind) { return false }
        if !apiGroups.isEmpty, !apiGroups.contains("*"), !apiGroups.contains(resource.identity.group) { return false }
        if !namespaces.isEmpty {
            guard let ns = resource.namespace, namespaces.contains(ns) else { return false }
        }
        if let labelSelector, !labelSelector.matches(resource.metadata.labels.dictionary) { return false }
        return true
    }
}

/// The admission request an offline check stands for: a CREATE of the manifest.
struct RequestAttributes: Sendable {
    let group: String
    let version: String
    let type: ResourceType
    let name: String
    let namespace: String?
    let operation = "CREATE"

    init(_ resource: Resource, _ env: PolicyEnvironment) {
        group = resource.identity.group
        let v = resource.apiVersion
        version = v.firstIndex(of: "/").map { String(v[v.index(after: $0)...]) } ?? v
        type = env.type(of: resource)
        name = resource.name ?? ""
        namespace = type.namespaced ? resource.namespace : nil
    }
}

extension MatchResources {
    /// The API server's `matchConstraints` test for one request.
    func matches(_ resource: Resource, _ request: RequestAttributes, _ env: PolicyEnvironment) -> Bool {
        if let rules = resourceRules, !rules.contains(where: { $0.matches(request) }) { return false }
        if excludeResourceRules.contains(where: { $0.matches(request) }) { return false }
        if let objectSelector, !objectSelector.isEmpty,
           !objectSelector.matches(resource.metadata.labels.dictionary) { return false }
        if let namespaceSelector, !namespaceSelector.isEmpty {
            // A Namespace is matched on its own labels; other cluster-scoped objects always match.
            if request.type.group.isEmpty && request.type.kind == "Namespace" {
                if !namespaceSelector.matches(resource.metadata.labels.dictionary) { return false }
            } else if let ns = request.namespace {
                if !namespaceSelector.matches(env.namespaceLabels(ns)) { return false }
            }
        }
        return true
    }
}

extension NamedRuleWithOperations {
    func matches(_ r: RequestAttributes) -> Bool {
        Self.contains(operations, r.operation)
            && Self.contains(apiGroups, r.group)
            && Self.contains(apiVersions, r.version)
            && resources.contains(where: { Self.resource($0, matches: r.type.plural) })
            && (resourceNames.isEmpty || resourceNames.contains(r.name))
            && (scope == "*" || (scope == "Namespaced") == r.type.namespaced)
    }

    private static func contains(_ list: [String], _ value: String) -> Bool {
        list.contains("*") || list.contains(value)
    }

    /// `pods`, `*`, `pods/*`, `*/*` match the main resource; `pods/log` does not.
    private static func resource(_ pattern: String, matches plural: String) -> Bool {
        let parts = pattern.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let res = parts[0], sub = parts.count > 1 ? parts[1] : ""
        return (res == "*" || res == plural) && (sub == "*" || sub.isEmpty)
    }
}
