import Authz

/// Who can do what, as a picture: subjects → bindings (or ABAC lines) → roles → permission groups → resources,
/// built from the same authorization model the checks use. Edges that lead to a sensitive permission (read
/// Secrets, exec, escalate/bind/impersonate, cluster-admin equivalents, …) carry the catalogue keys of
/// `SensitivePermission`, classified by Authz itself (see `RiskClassifier`).
///
/// Node ids are derived from the objects' kinds, namespaces and names only, so they are stable across runs and
/// safe in Mermaid and DOT; nodes and edges are sorted.
public struct AccessGraph: Sendable, Hashable {
    /// The layer a node belongs to, left to right.
    public enum Column: Int, Sendable, Hashable, CaseIterable, Comparable {
        case subject, grant, role, permission, resource

        public var title: String {
            switch self {
            case .subject: "Subjects"
            case .grant: "Bindings / ABAC lines"
            case .role: "Roles"
            case .permission: "Permissions"
            case .resource: "Resources"
            }
        }

        public static func < (lhs: Column, rhs: Column) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public struct Node: Sendable, Hashable {
        public var id: String
        public var column: Column
        public var label: String
        /// A second line: where the object is written (`file:line`, `built-in`), the verbs' resource names, or who
        /// a broad group stands for. May be empty.
        public var detail: String
        /// Keys of the sensitive permissions reached through this node (`secret-read`, `pod-exec`, …), sorted.
        public var risks: [String]

        public var risky: Bool { !risks.isEmpty }
    }

    public struct Edge: Sendable, Hashable {
        public var from: String
        public var to: String
        /// Where the grant holds, on binding → role and ABAC line → permission edges: `""` cluster-wide, otherwise
        /// the namespace. `nil` on the other edges.
        public var scope: String?
        /// Sensitive permission keys this edge leads to.
        public var risks: [String]

        public var risky: Bool { !risks.isEmpty }

        /// `cluster-wide`, `ns NAME`, or the sensitive permissions of a permission → resource edge.
        public var label: String {
            if let scope { return scope.isEmpty ? "cluster-wide" : "ns \(scope)" }
            guard !risks.isEmpty else { return "" }
            return risks.count <= 2 ? risks.joined(separator: ", ") : risks.prefix(2).joined(separator: ", ") + " +\(risks.count - 2)"
        }
    }

    /// Filters that keep a big repository's graph readable. Every filter keeps whole paths: a node stays only when
    /// it lies on a subject-to-resource path (or role-to-resource, for roles nothing binds) that passes them all.
    public struct Options: Sendable, Hashable {
        /// Only this subject: `alice`, `User alice`, `Group devs`, `ml-prod/trainer`, `ServiceAccount ml-prod/trainer`
        /// or `system:serviceaccount:ml-prod:trainer`.
        public var subject: String?
        /// Only grants that hold in this namespace: its RoleBindings, every ClusterRoleBinding, ABAC lines for it or
        /// for all namespaces.
        public var namespace: String?
        /// Only paths to this resource: `secrets`, `pods/exec`, `deployments.apps`, or a non-resource URL. `pods`
        /// includes its subresources; wildcard rules (`*`, `pods/*`, `*/exec`) match too.
        public var resource: String?
        /// Only paths that end in a sensitive permission.
        public var riskyOnly = false
        /// Also the API server's own bindings (system:masters, controllers); left out by default.
        public var includeBuiltInBindings = false

        public init(subject: String? = nil, namespace: String? = nil, resource: String? = nil, riskyOnly: Bool = false,
                    includeBuiltInBindings: Bool = false) {
            self.subject = subject
            self.namespace = namespace
            self.resource = resource
            self.riskyOnly = riskyOnly
            self.includeBuiltInBindings = includeBuiltInBindings
        }
    }

    /// Sorted by column, then label, then id.
    public var nodes: [Node]
    /// Sorted by the order of their endpoints.
    public var edges: [Edge]

    public init(nodes: [Node], edges: [Edge]) {
        self.nodes = nodes
        self.edges = edges
    }

    public var isEmpty: Bool { nodes.isEmpty }

    public func node(_ id: String) -> Node? { nodes.first { $0.id == id } }
}

// MARK: Building

extension AccessGraph {
    public static func build(_ model: AuthorizationModel, options: Options = Options()) -> AccessGraph {
        var builder = Builder(model: model, options: options)
        builder.addBindings()
        builder.addUnboundRoles()
        builder.addABAC()
        return builder.finish()
    }

    /// Stable, syntax-safe ids: the prefix, a readable slug of the key (ASCII letters and digits, other runs as
    /// `_`, at most 48 characters) and 8 hex digits of the key's FNV-1a hash, so keys that differ only in
    /// punctuation still get different ids. Only the key goes in, so ids do not change between runs.
    static func id(_ prefix: String, _ key: String) -> String {
        var slug = ""
        var lastWasSeparator = true
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "a") ... UInt8(ascii: "z"), UInt8(ascii: "A") ... UInt8(ascii: "Z"), UInt8(ascii: "0") ... UInt8(ascii: "9"):
                slug.unicodeScalars.append(Unicode.Scalar(byte))
                lastWasSeparator = false
            default:
                if !lastWasSeparator { slug += "_" }
                lastWasSeparator = true
            }
        }
        if slug.count > 48 { slug = String(slug.prefix(48)) }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash & 0xffff_ffff, radix: 16)
        return prefix + "_" + slug + (slug.hasSuffix("_") || slug.isEmpty ? "" : "_") + String(repeating: "0", count: 8 - hex.count) + hex
    }

    static func originText(_ origin: Origin) -> String {
        origin.isBuiltIn ? "built-in" : "\(origin.file):\(origin.line)"
    }

    /// A resource node: a resource in an API group, or a non-resource URL.
    struct ResourceKey: Hashable {
        var group: String
        var resource: String
        var url: String?
        /// ABAC's `resource` matches requests for every subresource too.
        var coversSubresources = false

        var label: String {
            if let url { return url }
            if resource == "*" && group == "*" { return "* (every resource)" }
            return group.isEmpty ? resource : "\(resource).\(group)"
        }

        func matches(_ filter: String) -> Bool {
            if let url { return filter.hasPrefix("/") && PolicyRule(verbs: ["*"], nonResourceURLs: [url]).nonResourceURLMatches(filter) }
            if filter == label || filter == resource { return true }
            let parts = filter.split(separator: "/", maxSplits: 1).map(String.init)
            let base = parts.first.map { $0.split(separator: ".", maxSplits: 1).first.map(String.init) ?? $0 } ?? filter
            let sub = parts.count > 1 ? parts[1] : nil
            if resource == "*" { return true }
            if let sub {
                return resource == "\(base)/\(sub)" || (coversSubresources && resource == base) || resource == "\(base)/*" || resource == "*/\(sub)" || resource == "*/*"
            }
            return resource == base || resource.hasPrefix(base + "/")
        }
    }

    struct Builder {
        let model: AuthorizationModel
        let options: Options
        var classifier = RiskClassifier()
        var nodes: [String: Node] = [:]
        var edges: [String: Edge] = [:]
        /// Roots of the graph: subjects, and roles nothing binds.
        var roots = Set<String>()
        /// Permission → resource edges that pass the resource and risk filters.
        var leaves = Set<String>()
        /// Role node id → the scopes (cluster-wide or not) it is granted with.
        var roleScopes: [String: Set<Bool>] = [:]
        var rolesExpanded = Set<String>()
        var boundRoles = Set<String>()

        init(model: AuthorizationModel, options: Options) {
            self.model = model
            self.options = options
        }

        mutating func node(_ id: String, _ column: Column, _ label: String, _ detail: String) {
            if nodes[id] == nil { nodes[id] = Node(id: id, column: column, label: label, detail: detail, risks: []) }
        }

        mutating func edge(_ from: String, _ to: String, scope: String? = nil, risks: [String] = []) {
            let key = from + "\u{0}" + to
            if var existing = edges[key] {
                existing.risks = Array(Set(existing.risks + risks)).sorted()
                edges[key] = existing
            } else {
                edges[key] = Edge(from: from, to: to, scope: scope, risks: risks.sorted())
            }
        }

        func subjectMatches(_ ref: SubjectRef) -> Bool {
            guard let wanted = options.subject else { return true }
            var names = [ref.description, ref.name, "\(ref.kind.rawValue):\(ref.name)"]
            if ref.kind == .serviceAccount {
                names += ["\(ref.namespace)/\(ref.name)", ref.username ?? ""]
            }
            return names.contains(wanted)
        }

        mutating func subjectNode(_ ref: SubjectRef) -> String {
            let id = AccessGraph.id("subject", "\(ref.kind.rawValue)/\(ref.namespace)/\(ref.name)")
            node(id, .subject, ref.description, ref.audience.note ?? "")
            roots.insert(id)
            return id
        }

        static func roleID(_ kind: String, namespace: String, name: String) -> String {
            AccessGraph.id("role", "\(kind)/\(namespace)/\(name)")
        }

        mutating func addBindings() {
            for binding in model.bindings where options.includeBuiltInBindings || !binding.isBuiltIn {
                if let namespace = options.namespace, binding.scope == .namespaced, binding.namespace != namespace { continue }
                let subjects = binding.subjects.compactMap { binding.effectiveSubject($0) }.filter(subjectMatches)
                let resolved = model.resolveRole(of: binding)
                if let resolved { boundRoles.insert(resolved.role.displayName) }
                guard !subjects.isEmpty || options.subject == nil else { continue }
                let bindingID = AccessGraph.id("binding", "\(binding.kind)/\(binding.namespace)/\(binding.name)")
                node(bindingID, .grant, binding.displayName, AccessGraph.originText(binding.origin))
                for ref in subjects { edge(subjectNode(ref), bindingID) }
                let clusterWide = binding.scope == .cluster
                let roleID: String
                if let resolved {
                    roleID = addRole(resolved, clusterWide: clusterWide)
                } else {
                    let namespace = binding.roleRef.kind == "Role" ? binding.namespace : ""
                    roleID = Builder.roleID(binding.roleRef.kind, namespace: namespace, name: binding.roleRef.name)
                    let label = binding.roleRef.kind == "Role" ? "Role \(namespace)/\(binding.roleRef.name)" : "\(binding.roleRef.kind) \(binding.roleRef.name)"
                    node(roleID, .role, label, "not found")
                }
                edge(bindingID, roleID, scope: binding.namespace, risks: resolved.map { classifier.role($0, clusterWide: clusterWide) } ?? [])
            }
        }

        /// Roles of the input that nothing binds: what they would grant, so reviewers see them too.
        mutating func addUnboundRoles() {
            guard options.subject == nil else { return }
            for role in model.roles where !role.isBuiltIn && !boundRoles.contains(role.displayName) {
                if let namespace = options.namespace, role.scope == .cluster || role.namespace != namespace { continue }
                let resolved = role.scope == .cluster ? model.clusterRole(named: role.name) : model.role(named: role.name, namespace: role.namespace)
                guard let resolved else { continue }
                let id = addRole(resolved, clusterWide: role.scope == .cluster)
                roots.insert(id)
            }
        }

        /// The role node and, once, its permission groups: its effective rules grouped by verbs (and resource names).
        mutating func addRole(_ resolved: ResolvedRole, clusterWide: Bool) -> String {
            let role = resolved.role
            let roleID = Builder.roleID(role.kind, namespace: role.namespace, name: role.name)
            node(roleID, .role, role.displayName, AccessGraph.originText(role.origin) + (resolved.rules.isEmpty ? " · no rules" : ""))
            roleScopes[roleID, default: []].insert(clusterWide)
            guard rolesExpanded.insert(roleID).inserted else { return roleID }
            var groups: [String: (verbs: [String], names: [String], targets: [ResourceKey])] = [:]
            for effective in resolved.rules {
                let rule = effective.rule
                let verbs = Array(Set(rule.verbs)).sorted()
                let names = Array(Set(rule.resourceNames)).sorted()
                let key = verbs.joined(separator: ",") + "|" + names.joined(separator: ",")
                var targets: [ResourceKey] = rule.nonResourceURLs.map { ResourceKey(group: "", resource: "", url: $0) }
                for group in rule.apiGroups {
                    for resource in rule.resources { targets.append(ResourceKey(group: group, resource: resource)) }
                }
                groups[key, default: (verbs, names, [])].targets += targets
            }
            for (key, group) in groups {
                let permID = AccessGraph.id("perm", "\(role.kind)/\(role.namespace)/\(role.name)|\(key)")
                let verbs = group.verbs == ["*"] ? "all verbs (*)" : group.verbs.joined(separator: ", ")
                node(permID, .permission, verbs, group.names.isEmpty ? "" : "only " + group.names.joined(separator: ", "))
                edge(roleID, permID)
                for target in Set(group.targets) {
                    pendingLeaves.append((permID, target, group.verbs, group.names, roleID))
                }
            }
            return roleID
        }

        /// Permission → resource edges wait until every scope of their role is known.
        var pendingLeaves: [(perm: String, target: ResourceKey, verbs: [String], names: [String], role: String)] = []

        mutating func leaf(_ permID: String, _ target: ResourceKey, risks: [String]) {
            let resID = AccessGraph.id("resource", target.url.map { "url:" + $0 } ?? "\(target.group)/\(target.resource)")
            node(resID, .resource, target.label, target.url == nil ? "" : "non-resource URL")
            edge(permID, resID, risks: risks)
            let passes = (options.resource.map(target.matches) ?? true) && (!options.riskyOnly || !risks.isEmpty)
            if passes { leaves.insert(permID + "\u{0}" + resID) }
        }

        mutating func addABAC() {
            for policy in model.abacPolicies {
                let rule = policy.effective
                guard rule.canEverMatch else { continue }
                if let namespace = options.namespace, rule.namespace != "*" && rule.namespace != namespace && rule.nonResourcePath.isEmpty { continue }
                let ref: SubjectRef = rule.user.isEmpty ? .group(rule.group) : .user(rule.user)
                guard subjectMatches(ref) else { continue }
                let lineID = AccessGraph.id("abac", "\(policy.origin.file):\(policy.line)")
                var detail = AccessGraph.originText(policy.origin)
                if !rule.user.isEmpty && !rule.group.isEmpty { detail += " · only in group \(rule.group)" }
                node(lineID, .grant, "ABAC line \(policy.line)", detail)
                edge(subjectNode(ref), lineID)
                let held = classifier.abac(policy)
                let permID = AccessGraph.id("perm", "abac/\(policy.origin.file):\(policy.line)")
                node(permID, .permission, rule.readonly ? "get, list, watch" : "all verbs (*)", rule.readonly ? "readonly" : "")
                let scope = rule.namespace == "*" || rule.namespace.isEmpty ? "" : rule.namespace
                edge(lineID, permID, scope: scope, risks: held)
                if !rule.resource.isEmpty {
                    leaf(permID, ResourceKey(group: rule.apiGroup, resource: rule.resource, coversSubresources: true), risks: held)
                }
                if !rule.nonResourcePath.isEmpty {
                    leaf(permID, ResourceKey(group: "", resource: "", url: rule.nonResourcePath), risks: [])
                }
            }
        }

        mutating func finish() -> AccessGraph {
            for pending in pendingLeaves {
                var risks = Set<String>()
                for clusterWide in roleScopes[pending.role] ?? [] {
                    let probe = pending.target.url == nil
                        ? PolicyRule(verbs: pending.verbs, apiGroups: [pending.target.group], resources: [pending.target.resource], resourceNames: pending.names)
                        : PolicyRule(verbs: pending.verbs, nonResourceURLs: [pending.target.url ?? ""])
                    risks.formUnion(classifier.rules([probe], clusterWide: clusterWide))
                }
                leaf(pending.perm, pending.target, risks: risks.sorted())
            }
            pendingLeaves = []
            // Role → permission edges carry what their resources lead to; subject → binding edges what the binding
            // grants.
            var below: [String: Set<String>] = [:]
            for edge in edges.values where nodes[edge.to]?.column == .resource || nodes[edge.from]?.column == .grant {
                below[edge.from, default: []].formUnion(edge.risks)
            }
            for (key, edge) in edges {
                let column = nodes[edge.from]?.column
                guard column == .role || column == .subject, let risks = below[edge.to] else { continue }
                edges[key]?.risks = Array(risks.union(edge.risks)).sorted()
            }
            return prune()
        }

        /// Keeps the nodes and edges on a root → leaf path that passes the filters.
        func prune() -> AccessGraph {
            var outgoing: [String: [Edge]] = [:]
            var incoming: [String: [Edge]] = [:]
            for edge in edges.values {
                outgoing[edge.from, default: []].append(edge)
                incoming[edge.to, default: []].append(edge)
            }
            var forward = Set<String>()
            var stack = Array(roots)
            while let id = stack.popLast() {
                guard forward.insert(id).inserted else { continue }
                stack += (outgoing[id] ?? []).map(\.to)
            }
            var backward = Set<String>()
            var keptEdges: [Edge] = []
            var queue: [String] = []
            for key in leaves {
                let parts = key.split(separator: "\u{0}").map(String.init)
                guard forward.contains(parts[0]) else { continue }
                backward.insert(parts[1])
                queue.append(parts[0])
            }
            while let id = queue.popLast() {
                guard backward.insert(id).inserted else { continue }
                queue += (incoming[id] ?? []).map(\.from)
            }
            let kept = forward.intersection(backward)
            for edge in edges.values where kept.contains(edge.from) && kept.contains(edge.to) {
                if nodes[edge.to]?.column == .resource && !leaves.contains(edge.from + "\u{0}" + edge.to) { continue }
                keptEdges.append(edge)
            }
            var risks: [String: Set<String>] = [:]
            for edge in keptEdges {
                risks[edge.from, default: []].formUnion(edge.risks)
                if nodes[edge.to]?.column == .resource { risks[edge.to, default: []].formUnion(edge.risks) }
            }
            let keptNodes = kept.compactMap { id -> Node? in
                guard var node = nodes[id] else { return nil }
                node.risks = (risks[id] ?? []).sorted()
                return node
            }.sorted { ($0.column, $0.label, $0.id) < ($1.column, $1.label, $1.id) }
            let order = Dictionary(uniqueKeysWithValues: keptNodes.enumerated().map { ($1.id, $0) })
            keptEdges.sort { (order[$0.from] ?? 0, order[$0.to] ?? 0) < (order[$1.from] ?? 0, order[$1.to] ?? 0) }
            return AccessGraph(nodes: keptNodes, edges: keptEdges)
        }
    }
}

// MARK: Restricting

extension AccessGraph {
    /// The graph keeping only the given subjects (and every role with no subject), for pages that cannot show all.
    public func keepingSubjects(_ kept: Set<String>) -> AccessGraph {
        var outgoing: [String: [String]] = [:]
        var incoming: [String: Int] = [:]
        for edge in edges {
            outgoing[edge.from, default: []].append(edge.to)
            incoming[edge.to, default: 0] += 1
        }
        var reach = Set<String>()
        var stack = nodes.filter { $0.column == .subject ? kept.contains($0.id) : incoming[$0.id] == nil }.map(\.id)
        while let id = stack.popLast() {
            guard reach.insert(id).inserted else { continue }
            stack += outgoing[id] ?? []
        }
        return AccessGraph(nodes: nodes.filter { reach.contains($0.id) },
                           edges: edges.filter { reach.contains($0.from) && reach.contains($0.to) })
    }

    /// At most about `maxNodes` nodes: subjects with sensitive permissions first (most first), then the others,
    /// added while the graph stays under the limit. Returns the graph and how many subjects were left out.
    public func limited(maxNodes: Int) -> (graph: AccessGraph, omittedSubjects: Int) {
        guard nodes.count > maxNodes else { return (self, 0) }
        var outgoing: [String: [String]] = [:]
        var hasIncoming = Set<String>()
        for edge in edges {
            outgoing[edge.from, default: []].append(edge.to)
            hasIncoming.insert(edge.to)
        }
        var reach = Set<String>()
        func reachable(from start: [String]) -> Set<String> {
            var found = Set<String>()
            var stack = start
            while let id = stack.popLast() {
                guard !reach.contains(id), found.insert(id).inserted else { continue }
                stack += outgoing[id] ?? []
            }
            return found
        }
        // Roles nothing binds are small and say something on their own; they stay when they fit.
        let subjects = nodes.filter { $0.column == .subject }
            .sorted { ($1.risks.count, $0.label) < ($0.risks.count, $1.label) }
        var omitted = 0
        for subject in subjects {
            let added = reachable(from: [subject.id])
            if reach.count + added.count > maxNodes && !reach.isEmpty {
                omitted += 1
                continue
            }
            reach.formUnion(added)
        }
        let unbound = nodes.filter { $0.column != .subject && !hasIncoming.contains($0.id) }.map(\.id)
        for root in unbound {
            let added = reachable(from: [root])
            if reach.count + added.count <= maxNodes { reach.formUnion(added) }
        }
        return (AccessGraph(nodes: nodes.filter { reach.contains($0.id) },
                            edges: edges.filter { reach.contains($0.from) && reach.contains($0.to) }), omitted)
    }
}
