/// A subject that can hold permissions: a user, a group or a service account.
public struct SubjectRef: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable, Comparable {
        case user = "User"
        case group = "Group"
        case serviceAccount = "ServiceAccount"

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var kind: Kind
    public var name: String
    /// Only for service accounts.
    public var namespace: String

    public init(kind: Kind, name: String, namespace: String = "") {
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }

    /// A user, turned into the service account it names when it is `system:serviceaccount:NS:NAME`.
    public static func user(_ name: String) -> SubjectRef {
        if let sa = Identity.splitServiceAccountUsername(name) {
            return SubjectRef(kind: .serviceAccount, name: sa.name, namespace: sa.namespace)
        }
        return SubjectRef(kind: .user, name: name)
    }

    public static func group(_ name: String) -> SubjectRef { SubjectRef(kind: .group, name: name) }

    public static func serviceAccount(namespace: String, name: String) -> SubjectRef {
        SubjectRef(kind: .serviceAccount, name: name, namespace: namespace)
    }

    /// The user name a service account authenticates as, or the user's name.
    public var username: String? {
        switch kind {
        case .user: return name
        case .serviceAccount: return Identity.serviceAccountUsername(namespace: namespace, name: name)
        case .group: return nil
        }
    }

    /// Who this subject stands for.
    public var audience: Audience {
        switch kind {
        case .user: return name == Identity.anonymousUser ? .unauthenticated : .specific
        case .serviceAccount: return .specific
        case .group:
            switch name {
            case Identity.allAuthenticated: return .allAuthenticated
            case Identity.unauthenticated: return .unauthenticated
            case Identity.allServiceAccounts: return .allServiceAccounts
            default:
                return Identity.namespaceOfServiceAccountGroup(name) != nil ? .namespaceServiceAccounts : .specific
            }
        }
    }

    public static func < (lhs: SubjectRef, rhs: SubjectRef) -> Bool {
        (lhs.kind, lhs.namespace, lhs.name) < (rhs.kind, rhs.namespace, rhs.name)
    }

    public var description: String {
        kind == .serviceAccount ? "ServiceAccount \(namespace)/\(name)" : "\(kind.rawValue) \(name)"
    }
}

/// How many identities a subject covers; the broad ones are the risky ones.
public enum Audience: String, Sendable, Hashable, Codable {
    /// One user, one service account, or a group of unknown membership.
    case specific
    /// Every service account of one namespace (`system:serviceaccounts:NS`).
    case namespaceServiceAccounts
    /// Every service account (`system:serviceaccounts`).
    case allServiceAccounts
    /// Every authenticated user (`system:authenticated`, ABAC `*`).
    case allAuthenticated
    /// Anonymous requests (`system:anonymous`, `system:unauthenticated`).
    case unauthenticated

    public var note: String? {
        switch self {
        case .specific: return nil
        case .namespaceServiceAccounts: return "every service account of the namespace"
        case .allServiceAccounts: return "every service account in the cluster"
        case .allAuthenticated: return "every authenticated user"
        case .unauthenticated: return "anonymous (unauthenticated) requests"
        }
    }
}

/// One subject allowed by `who-can`, with every chain that allows it.
public struct SubjectAccess: Sendable, Hashable, Encodable, Comparable, CustomStringConvertible {
    public var subject: SubjectRef
    /// ABAC lines that set both user and group allow the user only while it is in this group.
    public var requiredGroup: String?
    public var evidence: [Evidence]

    public init(subject: SubjectRef, requiredGroup: String? = nil, evidence: [Evidence]) {
        self.subject = subject
        self.requiredGroup = requiredGroup
        self.evidence = evidence
    }

    public var audience: Audience { subject.audience }

    private enum CodingKeys: String, CodingKey {
        case subject, requiredGroup, audience, evidence
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(subject, forKey: .subject)
        try container.encodeIfPresent(requiredGroup, forKey: .requiredGroup)
        try container.encode(audience, forKey: .audience)
        try container.encode(evidence, forKey: .evidence)
    }

    public static func < (lhs: SubjectAccess, rhs: SubjectAccess) -> Bool {
        (lhs.subject, lhs.requiredGroup ?? "") < (rhs.subject, rhs.requiredGroup ?? "")
    }

    public var description: String {
        var head = subject.description
        if let requiredGroup { head += " (while in group \(requiredGroup))" }
        if let note = audience.note { head += " [\(note)]" }
        return ([head] + evidence.map { "  " + $0.description }).joined(separator: "\n")
    }
}

extension RBACBinding {
    /// The subject one of this binding's subjects names, as the RBAC authorizer reads it, or nil
    /// when it can match nobody: an unknown kind, or a ServiceAccount without namespace in a
    /// ClusterRoleBinding (in a RoleBinding it takes the binding's namespace).
    public func effectiveSubject(_ subject: RBACSubject) -> SubjectRef? {
        switch subject.kind {
        case "User": return .user(subject.name)
        case "Group": return .group(subject.name)
        case "ServiceAccount":
            let ns = subject.namespace.isEmpty ? namespace : subject.namespace
            return ns.isEmpty ? nil : .serviceAccount(namespace: ns, name: subject.name)
        default: return nil
        }
    }
}
