/// Where the RBAC output of a conversion is narrower than the ABAC input. The output never grants more than the
/// input; every request that ABAC allows and the output does not is covered by a declared difference.
public struct ConversionDifference: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// ABAC ignores subresources; RBAC needs them listed, so unlisted (unknown) subresources are not granted.
        case unlistedSubresources
        /// ABAC required both a user and a group; RBAC cannot say "this user while in this group", so no binding.
        case userAndGroup
        /// ABAC without namespace matched requests without namespace only (cluster-scoped resources and lists across
        /// all namespaces); RBAC can grant the latter only together with every namespace, so they are not granted.
        case noNamespace
    }

    public var kind: Kind
    public var origin: Origin
    public var explanation: String
    /// The ABAC policy the difference belongs to.
    public var policy: ABACRule
    /// For `unlistedSubresources`: the subresources the output lists.
    public var listedSubresources: [String]
    /// For `noNamespace`: the (group, resource) pairs the output grants cluster-wide.
    public var grantedClusterResources: [String]

    /// Whether this difference declares that the outputs may disagree on the request (ABAC allows, RBAC does not).
    public func covers(_ request: AccessRequest, user: UserInfo) -> Bool {
        guard policy.subjectMatches(user), policy.requestMatches(request) else { return false }
        switch kind {
        case .userAndGroup:
            return true
        case .unlistedSubresources:
            return request.isResourceRequest && !request.subresource.isEmpty && !listedSubresources.contains(request.subresource)
        case .noNamespace:
            return request.isResourceRequest && !grantedClusterResources.contains(request.apiGroup + "/" + request.resource)
        }
    }
}

/// The RBAC objects that grant what a set of ABAC policies grants, with a YAML rendering.
public struct RBACConversion: Sendable, Hashable, Codable {
    public var roles: [RBACRole]
    public var bindings: [RBACBinding]
    public var differences: [ConversionDifference]
    /// Multi-document YAML with a comment per ABAC line, including every declared difference.
    public var yaml: String
}

/// `abac to-rbac`: converts ABAC policies (after the API server's conversions: `*` subjects become
/// `system:authenticated`, legacy defaults applied) into ClusterRoles/Roles and bindings, one set per line:
/// `namespace: "*"` becomes a ClusterRole with a ClusterRoleBinding, a namespace a Role with a RoleBinding in it,
/// `nonResourcePath` a ClusterRole rule with `nonResourceURLs`. Deterministic: input sorted by origin.
public enum ABACToRBAC {
    public static func convert(_ policies: [ABACPolicy]) -> RBACConversion {
        var builder = ConversionBuilder()
        for policy in policies.sorted(by: { $0.origin < $1.origin }) {
            builder.add(policy)
        }
        return builder.finish()
    }
}
