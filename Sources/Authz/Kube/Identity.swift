/// Well-known user and group names of the Kubernetes authenticators.
public enum Identity {
    public static let allAuthenticated = "system:authenticated"
    public static let unauthenticated = "system:unauthenticated"
    public static let anonymousUser = "system:anonymous"
    public static let allServiceAccounts = "system:serviceaccounts"
    public static let masters = "system:masters"
    public static let serviceAccountUsernamePrefix = "system:serviceaccount:"
    public static let serviceAccountGroupPrefix = "system:serviceaccounts:"

    /// `system:serviceaccount:NS:NAME`.
    public static func serviceAccountUsername(namespace: String, name: String) -> String {
        serviceAccountUsernamePrefix + namespace + ":" + name
    }

    /// `system:serviceaccounts:NS`, the group of every service account of one namespace.
    public static func serviceAccountGroup(namespace: String) -> String {
        serviceAccountGroupPrefix + namespace
    }

    /// Splits `system:serviceaccount:NS:NAME` into its namespace and name; exactly two non-empty parts must follow
    /// the prefix.
    public static func splitServiceAccountUsername(_ username: String) -> (namespace: String, name: String)? {
        guard username.hasPrefix(serviceAccountUsernamePrefix) else { return nil }
        let parts = username.dropFirst(serviceAccountUsernamePrefix.count).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    /// The namespace of a `system:serviceaccounts:NS` group name.
    public static func namespaceOfServiceAccountGroup(_ group: String) -> String? {
        guard group.hasPrefix(serviceAccountGroupPrefix) else { return nil }
        let ns = String(group.dropFirst(serviceAccountGroupPrefix.count))
        return ns.isEmpty ? nil : ns
    }
}

/// The authenticated identity of a request: a user name and the groups the authenticator put it in.
public struct UserInfo: Sendable, Hashable, Codable, CustomStringConvertible {
    public var name: String
    public var groups: [String]

    /// Exactly this name and these groups, nothing added.
    public init(name: String, groups: [String]) {
        self.name = name
        self.groups = groups
    }

    /// An authenticated user: the given groups plus `system:authenticated`.
    public static func user(_ name: String, groups: [String] = []) -> UserInfo {
        UserInfo(name: name, groups: adding(Identity.allAuthenticated, to: groups))
    }

    /// A service account: `system:serviceaccount:NS:NAME` in `system:serviceaccounts`, `system:serviceaccounts:NS`
    /// and `system:authenticated`.
    public static func serviceAccount(namespace: String, name: String) -> UserInfo {
        UserInfo(
            name: Identity.serviceAccountUsername(namespace: namespace, name: name),
            groups: [Identity.allServiceAccounts, Identity.serviceAccountGroup(namespace: namespace), Identity.allAuthenticated]
        )
    }

    /// An unauthenticated request: `system:anonymous` in `system:unauthenticated`.
    public static let anonymous = UserInfo(name: Identity.anonymousUser, groups: [Identity.unauthenticated])

    /// The identity `kubectl --as NAME --as-group G…` produces through impersonation: a service-account user name
    /// without explicit groups gets its service-account groups; `system:anonymous` gets `system:unauthenticated`;
    /// everyone else gets `system:authenticated` added.
    public static func impersonating(_ name: String, groups: [String] = []) -> UserInfo {
        if name == Identity.anonymousUser {
            return UserInfo(name: name, groups: adding(Identity.unauthenticated, to: groups))
        }
        if groups.isEmpty, let sa = Identity.splitServiceAccountUsername(name) {
            return .serviceAccount(namespace: sa.namespace, name: sa.name)
        }
        return .user(name, groups: groups)
    }

    public var isAnonymous: Bool { name == Identity.anonymousUser }

    public var description: String {
        groups.isEmpty ? name : "\(name) (groups: \(groups.joined(separator: ", ")))"
    }

    private static func adding(_ group: String, to groups: [String]) -> [String] {
        groups.contains(group) ? groups : groups + [group]
    }
}
