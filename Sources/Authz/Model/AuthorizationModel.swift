/// Everything known about authorization in a set of manifests and ABAC policy files: roles with aggregation
/// resolved, bindings, ABAC policies, and (unless left out) the API server's default ClusterRoles and
/// ClusterRoleBindings. Objects from the input override built-ins of the same name.
public struct AuthorizationModel: Sendable {
    struct RoleKey: Hashable, Sendable {
        var namespace: String
        var name: String
    }

    /// Every role, input and built-in, ClusterRoles first, sorted by namespace and name.
    public let roles: [RBACRole]
    /// Every binding, input and built-in, ClusterRoleBindings first, sorted by namespace and name.
    public let bindings: [RBACBinding]
    public let abacPolicies: [ABACPolicy]

    let clusterRoles: [String: ResolvedRole]
    let namespacedRoles: [RoleKey: ResolvedRole]
    let clusterBindings: [RBACBinding]
    let roleBindingsByNamespace: [String: [RBACBinding]]

    public init(roles: [RBACRole] = [], bindings: [RBACBinding] = [], abacPolicies: [ABACPolicy] = [], includeBuiltIns: Bool = true) {
        let allRoles = AuthorizationModel.merge(
            roles, builtIns: includeBuiltIns ? BuiltInPolicy.clusterRoles : [],
            key: { RoleKey(namespace: $0.scope == .cluster ? "" : $0.namespace, name: $0.name) }
        )
        let allBindings = AuthorizationModel.merge(
            bindings, builtIns: includeBuiltIns ? BuiltInPolicy.clusterRoleBindings : [],
            key: { RoleKey(namespace: $0.scope == .cluster ? "" : $0.namespace, name: $0.name) }
        )
        self.roles = allRoles
        self.bindings = allBindings
        self.abacPolicies = abacPolicies.sorted { $0.origin < $1.origin }
        clusterRoles = Aggregation.resolve(allRoles.filter { $0.scope == .cluster })
        var namespaced: [RoleKey: ResolvedRole] = [:]
        for role in allRoles where role.scope == .namespaced {
            namespaced[RoleKey(namespace: role.namespace, name: role.name)] = ResolvedRole(
                role: role, rules: role.rules.map { EffectiveRule(rule: $0) }
            )
        }
        namespacedRoles = namespaced
        clusterBindings = allBindings.filter { $0.scope == .cluster }
        roleBindingsByNamespace = Dictionary(grouping: allBindings.filter { $0.scope == .namespaced }, by: \.namespace)
    }

    /// Input objects sorted by origin win over later duplicates and over built-ins of the same
    /// key; the result is ordered cluster-scoped first, then by namespace and name. Sorted as
    /// indices over keys, so the objects (each a dozen strings) are copied once, not per
    /// comparison and move.
    private static func merge<T: HasOrigin, K: Hashable>(
        _ input: [T], builtIns: [T], key: (T) -> K
    ) -> [T] {
        let all = input + builtIns
        var order = Array(input.indices)
        // Inputs usually arrive in origin order already (the checker reads files in order):
        // checked in one pass, not sorted, as each comparison copies two origins.
        if !input.isEmpty {
            var previous = all[0].origin
            for i in 1 ..< input.count {
                let origin = all[i].origin
                if origin < previous {
                    order.sort { all[$0].origin < all[$1].origin }
                    break
                }
                previous = origin
            }
        }
        order += input.count..<all.count
        var seen = Set<K>()
        seen.reserveCapacity(order.count)
        order.removeAll { !seen.insert(key(all[$0])).inserted }
        // Sorted by keys read once per object, not per comparison.
        let keys = order.map { (cluster: all[$0].scope == .cluster, namespace: all[$0].namespace, name: all[$0].name, index: $0) }
        let sorted = keys.sorted { a, b in
            if a.cluster != b.cluster { return a.cluster }
            if a.namespace != b.namespace { return a.namespace < b.namespace }
            return a.name < b.name
        }
        return sorted.map { all[$0.index] }
    }

    // MARK: Lookups

    /// The ClusterRole of that name with its effective (aggregated) rules.
    public func clusterRole(named name: String) -> ResolvedRole? { clusterRoles[name] }

    /// The Role of that namespace and name.
    public func role(named name: String, namespace: String) -> ResolvedRole? {
        namespacedRoles[RoleKey(namespace: namespace, name: name)]
    }

    /// The role a binding references, resolved as the API server does: a `Role` in the binding's namespace (a
    /// ClusterRoleBinding has none, so its `Role` reference resolves to nothing), a `ClusterRole` by name.
    public func resolveRole(of binding: RBACBinding) -> ResolvedRole? {
        switch binding.roleRef.kind {
        case "ClusterRole": return clusterRoles[binding.roleRef.name]
        case "Role": return binding.scope == .cluster ? nil : role(named: binding.roleRef.name, namespace: binding.namespace)
        default: return nil
        }
    }

    /// The bindings the RBAC authorizer consults for a request: every ClusterRoleBinding, and the RoleBindings of the
    /// request's namespace when it has one.
    func consultedBindings(namespace: String) -> [RBACBinding] {
        namespace.isEmpty ? clusterBindings : clusterBindings + (roleBindingsByNamespace[namespace] ?? [])
    }

    /// The RoleBindings of every namespace, sorted.
    var allRoleBindings: [RBACBinding] { bindings.filter { $0.scope == .namespaced } }
}

protocol HasOrigin {
    var origin: Origin { get }
    var namespace: String { get }
    var name: String { get }
    var scope: RBACScope { get }
}

extension RBACRole: HasOrigin {}
extension RBACBinding: HasOrigin {}
