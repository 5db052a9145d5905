/// The authorizer that made a grant.
public enum Authorizer: String, Sendable, Hashable, Codable, Comparable {
    case rbac = "RBAC"
    case abac = "ABAC"

    public static func < (lhs: Authorizer, rhs: Authorizer) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One link of a chain of evidence: a binding, the subject that matched, a role, an aggregation source, the
/// rule, or an ABAC policy line.
public struct EvidenceStep: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        case binding, subject, role, aggregatedFrom, rule, abacPolicy
    }

    public var kind: Kind
    /// A one-line description such as `ClusterRoleBinding ops` or `rule verbs=[get] resources=[secrets]`.
    public var summary: String
    public var origin: Origin

    public init(kind: Kind, summary: String, origin: Origin) {
        self.kind = kind
        self.summary = summary
        self.origin = origin
    }

    public var isBuiltIn: Bool { origin.isBuiltIn }

    public var description: String { "\(summary) (\(origin))" }
}

/// A chain of evidence that allows a request: binding → subject → role (→ aggregation sources) → rule, or one
/// ABAC line.
public struct Evidence: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var authorizer: Authorizer
    /// Where the grant holds: `""` for cluster-wide, otherwise the namespace of the RoleBinding or ABAC line.
    public var scope: String
    public var steps: [EvidenceStep]

    public init(authorizer: Authorizer, scope: String, steps: [EvidenceStep]) {
        self.authorizer = authorizer
        self.scope = scope
        self.steps = steps
    }

    /// The origin of the first step: the binding or the ABAC line.
    public var origin: Origin { steps.first?.origin ?? .builtIn }

    public var isBuiltIn: Bool { steps.allSatisfy(\.isBuiltIn) }

    public static func < (lhs: Evidence, rhs: Evidence) -> Bool {
        (lhs.authorizer, lhs.origin, lhs.description) < (rhs.authorizer, rhs.origin, rhs.description)
    }

    public var description: String { steps.map(\.description).joined(separator: " → ") }
}

/// The answer to `can-i`: allowed or not, with every chain that allows the request.
public struct Decision: Sendable, Hashable, Encodable, CustomStringConvertible {
    public var request: AccessRequest
    public var user: UserInfo
    public var allowed: Bool { !evidence.isEmpty }
    public var evidence: [Evidence]

    public init(request: AccessRequest, user: UserInfo, evidence: [Evidence]) {
        self.request = request
        self.user = user
        self.evidence = evidence
    }

    private enum CodingKeys: String, CodingKey {
        case request, user, allowed, evidence
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(request, forKey: .request)
        try container.encode(user, forKey: .user)
        try container.encode(allowed, forKey: .allowed)
        try container.encode(evidence, forKey: .evidence)
    }

    public var description: String {
        guard allowed else { return "no: nothing allows \(user.name) to \(request)" }
        return (["yes"] + evidence.map { "  " + $0.description }).joined(separator: "\n")
    }
}

extension PolicyRule {
    /// `verbs=[get] apiGroups=[""] resources=[secrets]`, listing only the fields that are set.
    public var summary: String {
        func list(_ values: [String]) -> String {
            "[" + values.map { $0.isEmpty ? "\"\"" : $0 }.joined(separator: ",") + "]"
        }
        var parts = ["verbs=" + list(verbs)]
        if !apiGroups.isEmpty { parts.append("apiGroups=" + list(apiGroups)) }
        if !resources.isEmpty { parts.append("resources=" + list(resources)) }
        if !resourceNames.isEmpty { parts.append("resourceNames=" + list(resourceNames)) }
        if !nonResourceURLs.isEmpty { parts.append("nonResourceURLs=" + list(nonResourceURLs)) }
        return "rule " + parts.joined(separator: " ")
    }
}

extension ABACPolicy {
    /// `ABAC line 3 (v1beta1): user=alice namespace=* resource=* apiGroup=*`, listing the fields that are set.
    public var summary: String {
        var parts: [String] = []
        for (key, value) in [("user", user), ("group", group), ("namespace", namespace), ("resource", resource),
                             ("apiGroup", apiGroup), ("nonResourcePath", nonResourcePath)] where !value.isEmpty {
            parts.append("\(key)=\(value)")
        }
        if readonly { parts.append("readonly") }
        return "ABAC line \(line) (\(version.rawValue))" + (parts.isEmpty ? "" : ": " + parts.joined(separator: " "))
    }
}
