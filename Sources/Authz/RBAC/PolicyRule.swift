/// One rule of a Role or ClusterRole (`rbac.authorization.k8s.io/v1` PolicyRule).
///
/// Its fields live in one `CopyOnWrite` box, as `RBACRole`'s do: the analysis copies rules out
/// of roles for every subject and request it resolves, and a copy of the inline struct
/// retained and released its five lists, its origins and its file name.
public struct PolicyRule: Sendable, Hashable, Codable {
    public enum Field: String, Sendable, Hashable, Codable, CaseIterable {
        case verbs, apiGroups, resources, resourceNames, nonResourceURLs
    }

    private struct Fields: Sendable, Hashable, Codable {
        var verbs: [String]
        var apiGroups: [String]
        var resources: [String]
        var resourceNames: [String]
        var nonResourceURLs: [String]
        var origin: Origin
        var fieldOrigins: [Field: Origin]
    }

    private var storage: CopyOnWrite<Fields>

    public var verbs: [String] {
        get { storage.fields.verbs }
        set { storage.fields.verbs = newValue }
    }
    public var apiGroups: [String] {
        get { storage.fields.apiGroups }
        set { storage.fields.apiGroups = newValue }
    }
    public var resources: [String] {
        get { storage.fields.resources }
        set { storage.fields.resources = newValue }
    }
    public var resourceNames: [String] {
        get { storage.fields.resourceNames }
        set { storage.fields.resourceNames = newValue }
    }
    public var nonResourceURLs: [String] {
        get { storage.fields.nonResourceURLs }
        set { storage.fields.nonResourceURLs = newValue }
    }
    /// Where the rule starts.
    public var origin: Origin {
        get { storage.fields.origin }
        set { storage.fields.origin = newValue }
    }
    /// Where each field is written, when the decoder knows it; findings about a field point there.
    public var fieldOrigins: [Field: Origin] {
        get { storage.fields.fieldOrigins }
        set { storage.fields.fieldOrigins = newValue }
    }

    /// Coded as the fields, as before they were boxed.
    public init(from decoder: any Decoder) throws { storage = try CopyOnWrite(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try storage.encode(to: encoder) }

    public init(
        verbs: [String], apiGroups: [String] = [], resources: [String] = [], resourceNames: [String] = [],
        nonResourceURLs: [String] = [], origin: Origin = .builtIn, fieldOrigins: [Field: Origin] = [:]
    ) {
        storage = CopyOnWrite(Fields(verbs: verbs, apiGroups: apiGroups, resources: resources, resourceNames: resourceNames,
                                     nonResourceURLs: nonResourceURLs, origin: origin, fieldOrigins: fieldOrigins))
    }

    /// The origin of one field, or of the rule when the field's is unknown.
    public func origin(of field: Field) -> Origin { storage.fields.fieldOrigins[field] ?? storage.fields.origin }

    /// The same rule content, compared without origins (aggregation deduplicates this way).
    public func sameGrant(as other: PolicyRule) -> Bool {
        verbs == other.verbs && apiGroups == other.apiGroups && resources == other.resources
            && resourceNames == other.resourceNames && nonResourceURLs == other.nonResourceURLs
    }

    // MARK: Matching, exactly as the RBAC authorizer's RuleAllows

    /// Whether this rule allows the request.
    public func allows(_ request: AccessRequest) -> Bool {
        guard verbMatches(request.verb) else { return false }
        if let path = request.path {
            return nonResourceURLMatches(path)
        }
        return apiGroupMatches(request.apiGroup)
            && resourceMatches(request)
            && resourceNameMatches(request.name)
    }

    /// Like `allows`, ignoring `resourceNames` (the rule allows the request for at least one name).
    public func allowsForSomeName(_ request: AccessRequest) -> Bool {
        guard verbMatches(request.verb) else { return false }
        if let path = request.path { return nonResourceURLMatches(path) }
        return apiGroupMatches(request.apiGroup) && resourceMatches(request)
    }

    public func verbMatches(_ verb: String) -> Bool {
        verbs.contains { $0 == "*" || $0 == verb }
    }

    public func apiGroupMatches(_ group: String) -> Bool {
        apiGroups.contains { $0 == "*" || $0 == group }
    }

    /// `*` matches everything including subresources; otherwise `resource[/subresource]` must be listed, or
    /// `*/subresource` for a request with that subresource. `pods/*` and `*/*` are compared literally.
    public func resourceMatches(_ request: AccessRequest) -> Bool {
        let combined = request.combinedResource
        let anySub = request.subresource.isEmpty ? nil : "*/" + request.subresource
        return resources.contains { $0 == "*" || $0 == combined || (anySub != nil && $0 == anySub) }
    }

    public func resourceNameMatches(_ name: String) -> Bool {
        resourceNames.isEmpty || resourceNames.contains(name)
    }

    /// `*`, an exact path, or a prefix when the rule ends in `*`.
    public func nonResourceURLMatches(_ path: String) -> Bool {
        nonResourceURLs.contains { PolicyRule.pathMatches(pattern: $0, path: path) }
    }

    static func pathMatches(pattern: String, path: String) -> Bool {
        if pattern == "*" || pattern == path { return true }
        guard pattern.hasSuffix("*") else { return false }
        var prefix = Substring(pattern)
        while prefix.hasSuffix("*") { prefix = prefix.dropLast() }
        return path.hasPrefix(prefix)
    }
}
