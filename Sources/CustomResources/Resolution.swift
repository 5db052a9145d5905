import Engine
import Models
import YAMLTree

/// How a custom resource relates to the CRDs of the run.
enum Resolution: Sendable {
    case notCustom
    /// No CRD of the run has the resource's group.
    case noCRD
    /// CRDs exist for the group, none for this kind.
    case unknownKind(known: [String])
    /// The CRD does not define the version.
    case unknownVersion(CRD, String)
    case notServed(CRD, CRD.Version)
    case schema(CRD, CRD.Version, OpenAPISchema?)

    static func of(_ resource: Resource, in index: CRDIndex) -> Resolution {
        guard CustomResourceKinds.isCustom(resource) else { return .notCustom }
        let group = resource.identity.group
        guard let crd = index.crd(group: group, kind: resource.kind) else {
            let kinds = index.kinds(inGroup: group)
            return kinds.isEmpty ? .noCRD : .unknownKind(known: kinds)
        }
        let name = CustomResourceKinds.version(of: resource)
        guard let version = crd.version(name) else { return .unknownVersion(crd, name) }
        guard version.served else { return .notServed(crd, version) }
        return .schema(crd, version, version.schema)
    }
}

/// Custom resources of a set with their schema issues, for the rules that report them.
enum CustomResourceChecks {
    static func issues(_ set: ResourceSet, evaluateRules: Bool) -> [(Resource, CustomResourceIssue)] {
        let index = CRDIndex(set)
        guard !index.crds.isEmpty else { return [] }
        var result: [(Resource, CustomResourceIssue)] = []
        for resource in set.customCandidates where set.isReported(resource) {
            guard case .schema(_, _, let schema?) = Resolution.of(resource, in: index) else { continue }
            for issue in CustomResourceValidator.validate(resource, against: schema, evaluateRules: evaluateRules) {
                result.append((resource, issue))
            }
        }
        return result
    }

    /// Every reported custom resource with how it resolves against the CRDs of the set.
    /// Computed once per run: three rules read it, and each pass over every resource of a
    /// large set touches memory no longer in cache.
    static func resolutions(_ set: ResourceSet) -> [(resource: Resource, resolution: Resolution)] {
        set.memo.value(resolutionsResult) {
            let index = CRDIndex(set)
            return set.customCandidates.compactMap { resource in
                guard set.isReported(resource) else { return nil }
                let resolution = Resolution.of(resource, in: index)
                if case .notCustom = resolution { return nil }
                return (resource, resolution)
            }
        }
    }

    /// The `memo` key of `resolutions`, for `SetRule.sharedResults`.
    static let resolutionsResult = "CustomResources.resolutions"

    /// The CRD's version list, for messages.
    static func versions(_ crd: CRD) -> String {
        crd.versions.map { $0.served ? $0.name : "\($0.name) (not served)" }.joined(separator: ", ")
    }

    /// Where findings about the kind go: the `kind` value.
    static func kindAnchor(_ resource: Resource) -> YAMLNode { resource["kind"] ?? resource.node }
    static func apiVersionAnchor(_ resource: Resource) -> YAMLNode { resource["apiVersion"] ?? resource.node }
}
