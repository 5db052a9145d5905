/// `rbac report`: every subject with the sensitive permissions it holds and where (cluster-wide or in which
/// namespaces), riskiest subjects first.
public struct SubjectReport: Sendable, Hashable, Codable, CustomStringConvertible {
    /// One sensitive permission of one subject.
    public struct Entry: Sendable, Hashable, Codable {
        /// The catalogue key, e.g. `secret-read`.
        public var permission: String
        public var title: String
        public var reason: String
        public var severity: AuthzSeverity
        public var clusterWide: Bool
        /// The namespaces where it holds when not cluster-wide, sorted.
        public var namespaces: [String]
        public var evidence: [Evidence]

        public var scopeText: String { clusterWide ? "cluster-wide" : "namespaces " + namespaces.joined(separator: ", ") }
    }

    public struct Row: Sendable, Hashable, Codable {
        public var subject: SubjectRef
        public var requiredGroup: String?
        public var entries: [Entry]
        /// Sum over entries of a severity weight (error 10, warning 3, info 1; cluster-admin 100), tripled when
        /// cluster-wide.
        public var riskScore: Int
        public var audience: Audience { subject.audience }
    }

    public var rows: [Row]

    /// Builds the report. Built-in bindings (system:masters and the system components) are left out unless asked.
    public static func build(_ model: AuthorizationModel, includeBuiltInBindings: Bool = false) -> SubjectReport {
        var collected: [RowKey: [String: Entry]] = [:]

        func add(_ key: RowKey, _ permission: SensitivePermission, severity: AuthzSeverity, scope: String, evidence: Evidence) {
            var entry = collected[key, default: [:]][permission.key] ?? Entry(
                permission: permission.key, title: permission.title, reason: permission.reason,
                severity: severity, clusterWide: false, namespaces: [], evidence: []
            )
            entry.severity = max(entry.severity, severity)
            if scope.isEmpty { entry.clusterWide = true } else if !entry.namespaces.contains(scope) { entry.namespaces.append(scope) }
            entry.evidence.append(evidence)
            collected[key, default: [:]][permission.key] = entry
        }

        for binding in model.bindings where includeBuiltInBindings || !binding.isBuiltIn {
            guard let resolved = model.resolveRole(of: binding) else { continue }
            let clusterWide = binding.scope == .cluster
            let held = PermissionScanner.held(in: resolved.rules, clusterWide: clusterWide)
            for subject in binding.subjects {
                guard let ref = binding.effectiveSubject(subject) else { continue }
                for permission in held {
                    let evidence = Evidence(
                        authorizer: .rbac, scope: binding.namespace,
                        steps: model.steps(binding, subject: subject, user: nil, resolved: resolved, effective: permission.rules[0])
                    )
                    let severity = permission.limitedByNames ? permission.permission.severity(clusterWide: clusterWide).lowered
                        : permission.permission.severity(clusterWide: clusterWide)
                    add(RowKey(subject: ref, requiredGroup: nil), permission.permission, severity: severity, scope: binding.namespace, evidence: evidence)
                }
            }
        }
        for policy in model.abacPolicies {
            let rule = policy.effective
            let key = rule.user.isEmpty ? RowKey(subject: .group(rule.group), requiredGroup: nil)
                : RowKey(subject: .user(rule.user), requiredGroup: rule.group.isEmpty ? nil : rule.group)
            for (permission, scope) in PermissionScanner.held(in: rule) {
                add(key, permission, severity: permission.severity(clusterWide: scope.isEmpty), scope: scope, evidence: model.abacChain(policy))
            }
        }

        let rows = collected.map { key, entries -> Row in
            let sorted = entries.values.map { entry -> Entry in
                var entry = entry
                entry.namespaces = entry.clusterWide ? [] : entry.namespaces.sorted()
                entry.evidence.sort()
                return entry
            }.sorted { ($1.severity, $0.clusterWide ? 0 : 1, $0.permission) < ($0.severity, $1.clusterWide ? 0 : 1, $1.permission) }
            let score = sorted.reduce(0) { total, entry in
                // cluster-admin subsumes every other entry, so it outweighs any combination of them.
                let weight = entry.permission == SensitivePermission.clusterAdmin.key ? 100
                    : entry.severity == .error ? 10 : entry.severity == .warning ? 3 : 1
                return total + weight * (entry.clusterWide ? 3 : 1)
            }
            return Row(subject: key.subject, requiredGroup: key.requiredGroup, entries: sorted, riskScore: score)
        }
        return SubjectReport(rows: rows.sorted { lhs, rhs in
            if lhs.riskScore != rhs.riskScore { return lhs.riskScore > rhs.riskScore }
            return (lhs.subject, lhs.requiredGroup ?? "") < (rhs.subject, rhs.requiredGroup ?? "")
        })
    }

    private struct RowKey: Hashable {
        var subject: SubjectRef
        var requiredGroup: String?
    }

    public var description: String {
        var lines: [String] = []
        for row in rows {
            var head = "\(row.subject) (risk \(row.riskScore))"
            if let group = row.requiredGroup { head += " while in group \(group)" }
            if let note = row.audience.note { head += " [\(note)]" }
            lines.append(head)
            for entry in row.entries {
                lines.append("  \(entry.severity.rawValue): \(entry.title), \(entry.scopeText)")
                for evidence in entry.evidence { lines.append("    " + evidence.description) }
            }
        }
        return lines.joined(separator: "\n")
    }
}
