/// One request to authorize: either a resource request (verb, API group, resource, subresource, namespace, name)
/// or a non-resource request (verb, URL path). An empty namespace means a cluster-scoped request or a list across
/// all namespaces, as in the API server.
public struct AccessRequest: Sendable, Hashable, Codable, CustomStringConvertible {
    public var verb: String
    public var apiGroup: String
    public var resource: String
    public var subresource: String
    public var namespace: String
    public var name: String
    /// Set for non-resource requests only.
    public var path: String?

    public init(
        verb: String, apiGroup: String = "", resource: String, subresource: String = "",
        namespace: String = "", name: String = ""
    ) {
        self.verb = verb
        self.apiGroup = apiGroup
        self.resource = resource
        self.subresource = subresource
        self.namespace = namespace
        self.name = name
        self.path = nil
    }

    public init(verb: String, path: String) {
        self.verb = verb
        self.apiGroup = ""
        self.resource = ""
        self.subresource = ""
        self.namespace = ""
        self.name = ""
        self.path = path
    }

    /// Builds a resource request from CLI-style input: `resource` may be `RESOURCE/SUBRESOURCE`; without an explicit
    /// `apiGroup` the group of the built-in resource of that name is used (the core group when unknown). A request
    /// for one namespace object carries its name as namespace, as the API server's request parser sets it.
    public static func parse(
        verb: String, resource: String, apiGroup: String? = nil, namespace: String = "", name: String = ""
    ) -> AccessRequest {
        let parts = resource.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let plural = String(parts[0])
        let sub = parts.count > 1 ? String(parts[1]) : ""
        let group = apiGroup ?? KnownResources.lookup(plural).first?.group ?? ""
        let ns = plural == "namespaces" && group.isEmpty && !name.isEmpty ? name : namespace
        return AccessRequest(verb: verb, apiGroup: group, resource: plural, subresource: sub, namespace: ns, name: name)
    }

    public var isResourceRequest: Bool { path == nil }

    /// `resource` or `resource/subresource`, the form RBAC rules are compared with.
    public var combinedResource: String { subresource.isEmpty ? resource : resource + "/" + subresource }

    /// `get`, `list` and `watch` are the read-only verbs of the API server.
    public var isReadOnly: Bool { AccessRequest.readOnlyVerbs.contains(verb) }

    public static let readOnlyVerbs: Set<String> = ["get", "list", "watch"]

    /// Whether the built-in resource table says this resource is cluster-scoped (unknown resources: `false`).
    public var isClusterScopedResource: Bool {
        KnownResources.isNamespaced(resource, group: apiGroup) == false
    }

    public var description: String {
        if let path { return "\(verb) \(path)" }
        var text = "\(verb) \(combinedResource)"
        if !apiGroup.isEmpty { text += " (group \(apiGroup))" }
        if !name.isEmpty { text += " named \(name)" }
        text += namespace.isEmpty ? " cluster-wide" : " in namespace \(namespace)"
        return text
    }
}
