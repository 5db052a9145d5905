/// One line of an ABAC policy file, with its fields as written (an omitted field is its zero value).
public struct ABACPolicy: Sendable, Hashable, Codable {
    public enum Version: String, Sendable, Hashable, Codable {
        /// `abac.authorization.kubernetes.io/v1beta1` `Policy` with a `spec`.
        case v1beta1
        /// The flat unversioned form (also `…/v0`), and lines whose apiVersion/kind the API server does not know.
        case legacy
    }

    /// The spec field names of the v1beta1 form.
    public static let v1beta1Fields = ["user", "group", "readonly", "apiGroup", "namespace", "resource", "nonResourcePath"]
    /// The field names of the legacy form.
    public static let legacyFields = ["user", "group", "readonly", "resource", "namespace"]

    public var version: Version
    public var user: String
    public var group: String
    public var readonly: Bool
    public var apiGroup: String
    public var namespace: String
    public var resource: String
    public var nonResourcePath: String
    /// Field names the API server ignores, as written.
    public var unknownFields: [String]
    /// The start of the line's JSON object.
    public var origin: Origin
    /// Where each known field's value is written, keyed by field name.
    public var fieldOrigins: [String: Origin]

    public init(
        version: Version = .v1beta1, user: String = "", group: String = "", readonly: Bool = false,
        apiGroup: String = "", namespace: String = "", resource: String = "", nonResourcePath: String = "",
        unknownFields: [String] = [], origin: Origin, fieldOrigins: [String: Origin] = [:]
    ) {
        self.version = version
        self.user = user
        self.group = group
        self.readonly = readonly
        self.apiGroup = apiGroup
        self.namespace = namespace
        self.resource = resource
        self.nonResourcePath = nonResourcePath
        self.unknownFields = unknownFields
        self.origin = origin
        self.fieldOrigins = fieldOrigins
    }

    public var line: Int { origin.line }

    public func origin(of field: String) -> Origin { fieldOrigins[field] ?? origin }

    /// The policy as the authorizer holds it after conversion to the internal form.
    public var effective: ABACRule {
        var rule = ABACRule(
            user: user, group: group, readonly: readonly, apiGroup: apiGroup, namespace: namespace,
            resource: resource, nonResourcePath: nonResourcePath
        )
        switch version {
        case .v1beta1:
            if user == "*" || group == "*" {
                rule.group = Identity.allAuthenticated
                rule.user = ""
            }
        case .legacy:
            if user.isEmpty && group.isEmpty {
                rule.group = Identity.allAuthenticated
            }
            if user == "*" || group == "*" {
                rule.group = Identity.allAuthenticated
                rule.user = ""
            }
            rule.namespace = namespace.isEmpty ? "*" : namespace
            rule.resource = resource.isEmpty ? "*" : resource
            rule.apiGroup = "*"
            rule.nonResourcePath = namespace.isEmpty && resource.isEmpty ? "*" : ""
        }
        return rule
    }

    /// Whether this line allows the request for the user.
    public func allows(_ request: AccessRequest, user: UserInfo) -> Bool {
        let rule = effective
        return rule.subjectMatches(user) && rule.requestMatches(request)
    }
}

/// An ABAC policy in the authorizer's internal form, with the matching algorithm of the ABAC authorizer.
public struct ABACRule: Sendable, Hashable, Codable {
    public var user: String
    public var group: String
    public var readonly: Bool
    public var apiGroup: String
    public var namespace: String
    public var resource: String
    public var nonResourcePath: String

    /// User and group must both match when both are set; a policy with neither matches nobody.
    public func subjectMatches(_ info: UserInfo) -> Bool {
        var matched = false
        if !user.isEmpty {
            if user != "*" && user != info.name { return false }
            matched = true
        }
        if !group.isEmpty {
            if group != "*" && !info.groups.contains(group) { return false }
            matched = true
        }
        return matched
    }

    /// The verb and the resource or non-resource part, regardless of subject.
    public func requestMatches(_ request: AccessRequest) -> Bool {
        guard request.isReadOnly || !readonly else { return false }
        if let path = request.path {
            return nonResourcePathMatches(path)
        }
        return (namespace == "*" || namespace == request.namespace)
            && (resource == "*" || resource == request.resource)
            && (apiGroup == "*" || apiGroup == request.apiGroup)
    }

    /// `*`, the exact path, or a prefix when the policy path ends in `*`.
    public func nonResourcePathMatches(_ path: String) -> Bool {
        PolicyRule.pathMatches(pattern: nonResourcePath, path: path)
    }

    /// A policy with neither user nor group, or with neither a resource nor a non-resource path, matches nothing.
    public var canEverMatch: Bool {
        (!user.isEmpty || !group.isEmpty) && (!resource.isEmpty || !nonResourcePath.isEmpty)
    }
}
