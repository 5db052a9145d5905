/// Whether an RBAC object is cluster-wide (ClusterRole, ClusterRoleBinding) or lives in a namespace.
public enum RBACScope: String, Sendable, Hashable, Codable {
    case cluster
    case namespaced
}

/// A Role (namespaced) or ClusterRole.
///
/// Its fields live in one `CopyOnWrite` box: the RBAC analysis hands roles from the model to
/// some thirty rules' tests and analyses, and each copy of an inline struct of strings, arrays
/// and dictionaries retained and released every one of them.
public struct RBACRole: Sendable, Hashable, Codable {
    private struct Fields: Sendable, Hashable, Codable {
        var scope: RBACScope
        var namespace: String
        var name: String
        var labels: [String: String]
        var rules: [PolicyRule]
        var aggregationSelectors: [LabelSelector]?
        var origin: Origin
    }

    private var storage: CopyOnWrite<Fields>

    public var scope: RBACScope {
        get { storage.fields.scope }
        set { storage.fields.scope = newValue }
    }
    /// Empty for ClusterRoles.
    public var namespace: String {
        get { storage.fields.namespace }
        set { storage.fields.namespace = newValue }
    }
    public var name: String {
        get { storage.fields.name }
        set { storage.fields.name = newValue }
    }
    public var labels: [String: String] {
        get { storage.fields.labels }
        set { storage.fields.labels = newValue }
    }
    public var rules: [PolicyRule] {
        get { storage.fields.rules }
        set { storage.fields.rules = newValue }
    }
    /// `aggregationRule.clusterRoleSelectors`; `nil` when the ClusterRole has no aggregationRule.
    public var aggregationSelectors: [LabelSelector]? {
        get { storage.fields.aggregationSelectors }
        set { storage.fields.aggregationSelectors = newValue }
    }
    public var origin: Origin {
        get { storage.fields.origin }
        set { storage.fields.origin = newValue }
    }

    /// Coded as the fields, as before they were boxed.
    public init(from decoder: any Decoder) throws { storage = try CopyOnWrite(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try storage.encode(to: encoder) }

    public init(
        scope: RBACScope, namespace: String = "", name: String, labels: [String: String] = [:],
        rules: [PolicyRule], aggregationSelectors: [LabelSelector]? = nil, origin: Origin
    ) {
        storage = CopyOnWrite(Fields(scope: scope, namespace: scope == .cluster ? "" : namespace, name: name, labels: labels,
                                     rules: rules, aggregationSelectors: aggregationSelectors, origin: origin))
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

/// A RoleBinding (namespaced) or ClusterRoleBinding, its fields in a `CopyOnWrite` box as
/// `RBACRole`'s are.
public struct RBACBinding: Sendable, Hashable, Codable {
    private struct Fields: Sendable, Hashable, Codable {
        var scope: RBACScope
        var namespace: String
        var name: String
        var roleRef: RoleRef
        var subjects: [RBACSubject]
        var origin: Origin
    }

    private var storage: CopyOnWrite<Fields>

    public var scope: RBACScope {
        get { storage.fields.scope }
        set { storage.fields.scope = newValue }
    }
    public var namespace: String {
        get { storage.fields.namespace }
        set { storage.fields.namespace = newValue }
    }
    public var name: String {
        get { storage.fields.name }
        set { storage.fields.name = newValue }
    }
    public var roleRef: RoleRef {
        get { storage.fields.roleRef }
        set { storage.fields.roleRef = newValue }
    }
    public var subjects: [RBACSubject] {
        get { storage.fields.subjects }
        set { storage.fields.subjects = newValue }
    }
    public var origin: Origin {
        get { storage.fields.origin }
        set { storage.fields.origin = newValue }
    }

    /// Coded as the fields, as before they were boxed.
    public init(from decoder: any Decoder) throws { storage = try CopyOnWrite(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try storage.encode(to: encoder) }

    public init(
        scope: RBACScope, namespace: String = "", name: String, roleRef: RoleRef, subjects: [RBACSubject], origin: Origin
    ) {
        storage = CopyOnWrite(Fields(scope: scope, namespace: scope == .cluster ? "" : namespace, name: name, roleRef: roleRef,
                                     subjects: subjects, origin: origin))
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
