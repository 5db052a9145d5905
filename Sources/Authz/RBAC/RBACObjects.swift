/// Whether an RBAC object is cluster-wide (ClusterRole, ClusterRoleBinding) or lives in a namespace.
public enum RBACScope: String, Sendable, Hashable, Codable {
    case cluster
    case namespaced
}

/// A Role (namespaced) or ClusterRole.
///
/// A value type whose fields live in one copy-on-write box: the RBAC analysis hands roles
/// from the model to some thirty rules' tests and analyses, and each copy of an inline struct
/// of strings, arrays and dictionaries retained and released every one of them. A copy now
/// costs one retain; changing a field of a shared role copies the box first.
public struct RBACRole: Sendable, Hashable, Codable {
    private final class Fields: @unchecked Sendable {
        // Written only through a uniquely referenced box (`fields`), like an array's storage.
        var scope: RBACScope
        var namespace: String
        var name: String
        var labels: [String: String]
        var rules: [PolicyRule]
        var aggregationSelectors: [LabelSelector]?
        var origin: Origin

        init(scope: RBACScope, namespace: String, name: String, labels: [String: String], rules: [PolicyRule],
             aggregationSelectors: [LabelSelector]?, origin: Origin) {
            self.scope = scope
            self.namespace = namespace
            self.name = name
            self.labels = labels
            self.rules = rules
            self.aggregationSelectors = aggregationSelectors
            self.origin = origin
        }

        func copy() -> Fields {
            Fields(scope: scope, namespace: namespace, name: name, labels: labels, rules: rules,
                   aggregationSelectors: aggregationSelectors, origin: origin)
        }
    }

    private var box: Fields
    private var fields: Fields {
        mutating get {
            if !isKnownUniquelyReferenced(&box) { box = box.copy() }
            return box
        }
    }

    public var scope: RBACScope {
        get { box.scope }
        set { fields.scope = newValue }
    }
    /// Empty for ClusterRoles.
    public var namespace: String {
        get { box.namespace }
        set { fields.namespace = newValue }
    }
    public var name: String {
        get { box.name }
        set { fields.name = newValue }
    }
    public var labels: [String: String] {
        get { box.labels }
        set { fields.labels = newValue }
    }
    public var rules: [PolicyRule] {
        get { box.rules }
        set { fields.rules = newValue }
    }
    /// `aggregationRule.clusterRoleSelectors`; `nil` when the ClusterRole has no aggregationRule.
    public var aggregationSelectors: [LabelSelector]? {
        get { box.aggregationSelectors }
        set { fields.aggregationSelectors = newValue }
    }
    public var origin: Origin {
        get { box.origin }
        set { fields.origin = newValue }
    }

    public init(
        scope: RBACScope, namespace: String = "", name: String, labels: [String: String] = [:],
        rules: [PolicyRule], aggregationSelectors: [LabelSelector]? = nil, origin: Origin
    ) {
        box = Fields(scope: scope, namespace: scope == .cluster ? "" : namespace, name: name, labels: labels, rules: rules,
                     aggregationSelectors: aggregationSelectors, origin: origin)
    }

    private enum CodingKeys: String, CodingKey {
        case scope, namespace, name, labels, rules, aggregationSelectors, origin
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        box = Fields(scope: try c.decode(RBACScope.self, forKey: .scope), namespace: try c.decode(String.self, forKey: .namespace),
                     name: try c.decode(String.self, forKey: .name), labels: try c.decode([String: String].self, forKey: .labels),
                     rules: try c.decode([PolicyRule].self, forKey: .rules),
                     aggregationSelectors: try c.decodeIfPresent([LabelSelector].self, forKey: .aggregationSelectors),
                     origin: try c.decode(Origin.self, forKey: .origin))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scope, forKey: .scope)
        try c.encode(namespace, forKey: .namespace)
        try c.encode(name, forKey: .name)
        try c.encode(labels, forKey: .labels)
        try c.encode(rules, forKey: .rules)
        try c.encodeIfPresent(aggregationSelectors, forKey: .aggregationSelectors)
        try c.encode(origin, forKey: .origin)
    }

    /// Equal when every field is (the box's identity does not matter).
    public static func == (a: Self, b: Self) -> Bool {
        a.box === b.box || (a.scope == b.scope && a.namespace == b.namespace && a.name == b.name && a.labels == b.labels
            && a.rules == b.rules && a.aggregationSelectors == b.aggregationSelectors && a.origin == b.origin)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(scope)
        hasher.combine(namespace)
        hasher.combine(name)
        hasher.combine(labels)
        hasher.combine(rules)
        hasher.combine(aggregationSelectors)
        hasher.combine(origin)
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

/// A RoleBinding (namespaced) or ClusterRoleBinding, its fields in one copy-on-write box as
/// `RBACRole`'s are.
public struct RBACBinding: Sendable, Hashable, Codable {
    private final class Fields: @unchecked Sendable {
        // Written only through a uniquely referenced box (`fields`), like an array's storage.
        var scope: RBACScope
        var namespace: String
        var name: String
        var roleRef: RoleRef
        var subjects: [RBACSubject]
        var origin: Origin

        init(scope: RBACScope, namespace: String, name: String, roleRef: RoleRef, subjects: [RBACSubject], origin: Origin) {
            self.scope = scope
            self.namespace = namespace
            self.name = name
            self.roleRef = roleRef
            self.subjects = subjects
            self.origin = origin
        }

        func copy() -> Fields {
            Fields(scope: scope, namespace: namespace, name: name, roleRef: roleRef, subjects: subjects, origin: origin)
        }
    }

    private var box: Fields
    private var fields: Fields {
        mutating get {
            if !isKnownUniquelyReferenced(&box) { box = box.copy() }
            return box
        }
    }

    public var scope: RBACScope {
        get { box.scope }
        set { fields.scope = newValue }
    }
    public var namespace: String {
        get { box.namespace }
        set { fields.namespace = newValue }
    }
    public var name: String {
        get { box.name }
        set { fields.name = newValue }
    }
    public var roleRef: RoleRef {
        get { box.roleRef }
        set { fields.roleRef = newValue }
    }
    public var subjects: [RBACSubject] {
        get { box.subjects }
        set { fields.subjects = newValue }
    }
    public var origin: Origin {
        get { box.origin }
        set { fields.origin = newValue }
    }

    public init(
        scope: RBACScope, namespace: String = "", name: String, roleRef: RoleRef, subjects: [RBACSubject], origin: Origin
    ) {
        box = Fields(scope: scope, namespace: scope == .cluster ? "" : namespace, name: name, roleRef: roleRef,
                     subjects: subjects, origin: origin)
    }

    private enum CodingKeys: String, CodingKey {
        case scope, namespace, name, roleRef, subjects, origin
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        box = Fields(scope: try c.decode(RBACScope.self, forKey: .scope), namespace: try c.decode(String.self, forKey: .namespace),
                     name: try c.decode(String.self, forKey: .name), roleRef: try c.decode(RoleRef.self, forKey: .roleRef),
                     subjects: try c.decode([RBACSubject].self, forKey: .subjects), origin: try c.decode(Origin.self, forKey: .origin))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scope, forKey: .scope)
        try c.encode(namespace, forKey: .namespace)
        try c.encode(name, forKey: .name)
        try c.encode(roleRef, forKey: .roleRef)
        try c.encode(subjects, forKey: .subjects)
        try c.encode(origin, forKey: .origin)
    }

    /// Equal when every field is (the box's identity does not matter).
    public static func == (a: Self, b: Self) -> Bool {
        a.box === b.box || (a.scope == b.scope && a.namespace == b.namespace && a.name == b.name && a.roleRef == b.roleRef
            && a.subjects == b.subjects && a.origin == b.origin)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(scope)
        hasher.combine(namespace)
        hasher.combine(name)
        hasher.combine(roleRef)
        hasher.combine(subjects)
        hasher.combine(origin)
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
