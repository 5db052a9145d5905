/// Whether an RBAC object is cluster-wide (ClusterRole, ClusterRoleBinding) or lives in a namespace.
public enum RBACScope: String, Sendable, Hashable, Codable {
    case cluster
    case namespaced
}

/// A Role (namespaced) or ClusterRole.
public struct RBACRole: Sendable, Hashable, Codable {
    public var scope: RBACScope
    /// Empty for ClusterRoles.
    public var namespace: String
    public var name: String
    public var labels: [String: String]
    public var rules: [PolicyRule]
    /// `aggregationRule.clusterRoleSelectors`; `nil` when the ClusterRole has no aggregationRule.
    public var aggregationSelectors: [LabelSelector]?
    public var origin: Origin

    public init(
        scope: RBACScope, namespace: String = "", name: String, labels: [String: String] = [:],
        rules: [PolicyRule], aggregationSelectors: [LabelSelector]? = nil, origin: Origin
    ) {
        self.scope = scope
        self.namespace = scope == .cluster ? "" : namespace
        self.name = name
        self.labels = labels
        self.rules = rules
        self.aggregationSelectors = aggregationSelectors
        self.origin = origin
    }

    public static func clusterRole(
        _ name: String, labels: [String: String] = [:], rules: [PolicyRule],
        aggregationSelectors: [LabelSelector]? = nil, origin: Origin
    ) -> RBACRole {
        RBACRole(scope: .cluster, name: name, labels: labels, rules: rules, aggregationSelectors: aggregationSelectors, origin: origin)
    }

    public static func role(_ name: String, namespace: String, rules: [PolicyRule], origin: Origin) -> RBACRole {
        RBACRole(scope: .namespaced, namespace: namespace, name: name, rules: rules, origin: origin)
    }

    public var kind: String { scope == .cluster ? "ClusterRole" : "Role" }
    @inlinable public var isBuiltIn: Bool { origin.isBuiltIn }
    /// `ClusterRole NAME` or `Role NS/NAME`.
    public var displayName: String { scope == .cluster ? "ClusterRole \(name)" : "Role \(namespace)/\(name)" }
}

/// `roleRef` of a binding.
public struct RoleRef: Sendable, Hashable, Codable {
    public var kind: String
    public var name: String
    public var apiGroup: String
    public var origin: Origin?

    public init(kind: String, name: String, apiGroup: String = RBACGroup.name, origin: Origin? = nil) {
        self.kind = kind
        self.name = name
        self.apiGroup = apiGroup
        self.origin = origin
    }
}

/// The RBAC API group name.
public enum RBACGroup {
    public static let name = "rbac.authorization.k8s.io"
}

/// A subject of a binding: `User`, `Group` or `ServiceAccount`.
public struct RBACSubject: Sendable, Hashable, Codable {
    public var kind: String
    public var name: String
    public var namespace: String
    /// As written; `nil` when the field was absent (v1 then defaults it).
    public var apiGroup: String?
    public var origin: Origin

    public init(kind: String, name: String, namespace: String = "", apiGroup: String? = nil, origin: Origin = .builtIn) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.apiGroup = apiGroup
        self.origin = origin
    }

    public static func user(_ name: String, origin: Origin = .builtIn) -> RBACSubject {
        RBACSubject(kind: "User", name: name, origin: origin)
    }

    public static func group(_ name: String, origin: Origin = .builtIn) -> RBACSubject {
        RBACSubject(kind: "Group", name: name, origin: origin)
    }

    public static func serviceAccount(_ name: String, namespace: String, origin: Origin = .builtIn) -> RBACSubject {
        RBACSubject(kind: "ServiceAccount", name: name, namespace: namespace, origin: origin)
    }
}

/// A RoleBinding (namespaced) or ClusterRoleBinding.
public struct RBACBinding: Sendable, Hashable, Codable {
    public var scope: RBACScope
    public var namespace: String
    public var name: String
    public var roleRef: RoleRef
    public var subjects: [RBACSubject]
    public var origin: Origin

    public init(
        scope: RBACScope, namespace: String = "", name: String, roleRef: RoleRef, subjects: [RBACSubject], origin: Origin
    ) {
        self.scope = scope
        self.namespace = scope == .cluster ? "" : namespace
        self.name = name
        self.roleRef = roleRef
        self.subjects = subjects
        self.origin = origin
    }

    public static func clusterRoleBinding(
        _ name: String, clusterRole: String, subjects: [RBACSubject], origin: Origin
    ) -> RBACBinding {
        RBACBinding(scope: .cluster, name: name, roleRef: RoleRef(kind: "ClusterRole", name: clusterRole), subjects: subjects, origin: origin)
    }

    public static func roleBinding(
        _ name: String, namespace: String, roleRef: RoleRef, subjects: [RBACSubject], origin: Origin
    ) -> RBACBinding {
        RBACBinding(scope: .namespaced, namespace: namespace, name: name, roleRef: roleRef, subjects: subjects, origin: origin)
    }

    public var kind: String { scope == .cluster ? "ClusterRoleBinding" : "RoleBinding" }
    @inlinable public var isBuiltIn: Bool { origin.isBuiltIn }
    public var displayName: String { scope == .cluster ? "ClusterRoleBinding \(name)" : "RoleBinding \(namespace)/\(name)" }

    /// Whether a subject of this binding applies to the user, as the RBAC authorizer's `appliesToUser`: exact names;
    /// a ServiceAccount without namespace takes the binding's namespace (none in a ClusterRoleBinding, which then
    /// matches nobody); unknown kinds match nobody.
    public func subject(_ subject: RBACSubject, appliesTo user: UserInfo) -> Bool {
        switch subject.kind {
        case "User":
            return user.name == subject.name
        case "Group":
            return user.groups.contains(subject.name)
        case "ServiceAccount":
            let ns = subject.namespace.isEmpty ? namespace : subject.namespace
            guard !ns.isEmpty else { return false }
            return user.name == Identity.serviceAccountUsername(namespace: ns, name: subject.name)
        default:
            return false
        }
    }
}
