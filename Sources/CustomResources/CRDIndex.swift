import Engine
import KubeFormats
import Models
import YAMLTree

/// One `CustomResourceDefinition` (apiextensions.k8s.io/v1) of the run.
public struct CRD: Sendable {
    public struct Version: Sendable {
        public var name: String
        public var served: Bool
        public var storage: Bool
        /// `schema.openAPIV3Schema`, parsed.
        public var schema: OpenAPISchema?
        public var node: YAMLNode
    }

    public let resource: Resource
    public let group: String
    public let kind: String
    public let versions: [Version]

    public init?(_ resource: Resource) {
        guard resource.kind == "CustomResourceDefinition", resource.identity.group == "apiextensions.k8s.io",
              let spec = resource.spec, let group = spec["group"]?.scalar,
              let kind = spec["names"]?["kind"]?.scalar else { return nil }
        self.resource = resource
        self.group = group
        self.kind = kind
        versions = (spec["versions"]?.listItems ?? []).compactMap { v in
            guard let name = v["name"]?.scalar else { return nil }
            return Version(name: name, served: v["served"]?.boolValue ?? false, storage: v["storage"]?.boolValue ?? false,
                           schema: v["schema"]?["openAPIV3Schema"].map(OpenAPISchema.init(node:)), node: v)
        }
    }

    public func version(_ name: String) -> Version? { versions.first { $0.name == name } }
}

/// Every CRD of a resource set, by group and kind.
public struct CRDIndex: Sendable {
    public let crds: [CRD]
    private let byGroupKind: [String: Int]
    private let kindsByGroup: [String: [String]]

    public init(_ set: ResourceSet) {
        self.init(crds: set.ofKind("CustomResourceDefinition").compactMap(CRD.init))
    }

    public init(crds: [CRD]) {
        self.crds = crds
        var byGroupKind: [String: Int] = [:]
        var kinds: [String: [String]] = [:]
        for (i, crd) in crds.enumerated() where byGroupKind[crd.group + "/" + crd.kind] == nil {
            byGroupKind[crd.group + "/" + crd.kind] = i
            kinds[crd.group, default: []].append(crd.kind)
        }
        self.byGroupKind = byGroupKind
        kindsByGroup = kinds
    }

    public func crd(group: String, kind: String) -> CRD? { byGroupKind[group + "/" + kind].map { crds[$0] } }
    /// Kinds defined for a group (empty when no CRD of the run has that group).
    public func kinds(inGroup group: String) -> [String] { kindsByGroup[group] ?? [] }
}

/// Which objects are custom resources: their API group is not one Kubernetes serves itself.
public enum CustomResourceKinds {
    /// Groups with a dot that the API server itself serves.
    static let builtinDottedGroups: Set<String> = [
        "networking.k8s.io", "rbac.authorization.k8s.io", "apiextensions.k8s.io", "admissionregistration.k8s.io",
        "storage.k8s.io", "scheduling.k8s.io", "node.k8s.io", "coordination.k8s.io", "discovery.k8s.io",
        "events.k8s.io", "flowcontrol.apiserver.k8s.io", "certificates.k8s.io", "resource.k8s.io",
        "internal.apiserver.k8s.io", "apiregistration.k8s.io", "authentication.k8s.io", "authorization.k8s.io",
        "storagemigration.k8s.io", "metrics.k8s.io", "policy.k8s.io",
        // Palisade's own files (policies, policy tests).
        "palisade.dev",
    ]

    public static func isCustom(_ resource: Resource) -> Bool {
        let group = resource.identity.group
        return group.withUTF8Bytes { $0.contains(UInt8(ascii: ".")) } && !builtinDottedGroups.contains(group) && !resource.kind.isEmpty
    }

    /// `v1` from `group/v1`.
    public static func version(of resource: Resource) -> String {
        let apiVersion = resource.apiVersion
        guard let slash = apiVersion.firstIndex(of: "/") else { return apiVersion }
        return String(apiVersion[apiVersion.index(after: slash)...])
    }
}
