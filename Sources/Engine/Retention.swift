import Models
import YAMLTree

/// What the checker keeps of a resource once its file has been checked. Cross-resource rules,
/// suppressions and audits need every resource of the run, but not all of each: pod specs
/// are most of a workload's document, and of them cross-resource checks read only the
/// fields listed below (container ports, ServiceAccounts, Secret, ConfigMap and volume
/// references). What the server writes (`status`, `managedFields`, the last-applied
/// annotation) and a ConfigMap's data are dropped too. Each kept resource is a copy of the
/// rest, positions intact, so a file's documents are released once it is checked, and peak
/// memory is the files being checked plus these reduced copies.
///
/// Custom resources stay whole (their CRD's schema is checked in the set phase), as do the
/// kinds a set rule declares it reads whole (`SetRule.readsWholeResources`: policies that
/// need the namespace object or params). A test runs every rule on the fixtures with and
/// without reduction and requires the same findings.
struct Retention: Sendable {
    /// Kinds kept whole for the enabled set rules.
    let wholeKinds: KindScope

    /// Pod spec fields that cross-resource checks and audits read.
    static let podSpecFields: [[UInt8]] = [
        "containers", "initContainers", "ephemeralContainers", "volumes", "imagePullSecrets",
        "serviceAccountName", "serviceAccount", "automountServiceAccountToken",
        "hostNetwork", "hostPID", "hostIPC", "restartPolicy", "hostname", "subdomain",
    ].map { Array($0.utf8) }
    /// Container fields that cross-resource checks and audits read (named ports, Secret and
    /// ConfigMap references, mounts).
    static let containerFields: [[UInt8]] = [
        "name", "image", "ports", "env", "envFrom", "volumeMounts", "restartPolicy",
    ].map { Array($0.utf8) }
    /// API groups of the built-in workload kinds: a custom resource that reuses a workload's
    /// kind name in its own group is kept whole, for schema validation against its CRD.
    static let workloadGroups: Set<String> = ["", "apps", "batch", "extensions"]
    static let lastApplied = "kubectl.kubernetes.io/last-applied-configuration"
    /// Groups of the API server's own kinds. Other groups hold custom resources, which are
    /// kept whole: their CRD's schema and validation rules are checked in the set phase.
    static let builtInGroups: Set<String> = workloadGroups.union([
        "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io", "autoscaling",
        "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io",
        "flowcontrol.apiserver.k8s.io", "networking.k8s.io", "node.k8s.io", "policy", "rbac.authorization.k8s.io",
        "resource.k8s.io", "scheduling.k8s.io", "storage.k8s.io",
    ])

    init(wholeKinds: KindScope) {
        self.wholeKinds = wholeKinds
    }

    init(setRules: [any SetRule]) {
        var kinds: Set<String> = []
        var all = false
        for rule in setRules {
            switch rule.readsWholeResources {
            case .none: break
            case .kinds(let k): kinds.formUnion(k)
            case .all: all = true
            }
        }
        wholeKinds = all ? .all : kinds.isEmpty ? .none : .kinds(kinds)
    }

    /// Whether `resource` is kept as decoded.
    func keepsWhole(_ resource: Resource) -> Bool {
        switch wholeKinds {
        case .all: return true
        case .kinds(let kinds) where kinds.contains(resource.kind): return true
        // The core group without hashing: most objects of a repository are in it.
        default:
            let group = resource.identity.group
            return !group.isEmpty && !Self.builtInGroups.contains(group)
        }
    }

    /// The resources of one file as kept for the rest of the run (one scratch storage serves
    /// all of them).
    func retained(_ resources: [Resource]) -> [Resource] {
        var scratch = SubtreeScratch()
        return resources.map { resource in
            guard !keepsWhole(resource) else { return resource }
            let omitted = Self.omittedPairs(of: resource)
            let document = resource.node.document
            if omitted.isEmpty, resource.node.id == document.rootID { return resource }
            let reduced = document.subtree(at: resource.node.id, omitting: omitted, scratch: &scratch)
            // A closure, not `scratch.newID(of:)`: the method reference copied the scratch (six arrays).
            return resource.moved(to: reduced, newID: { scratch.newID(of: $0) }) ?? resource
        }
    }

    /// The pairs not kept: what the API server writes and exported manifests carry (`status`,
    /// `managedFields`, the last-applied-configuration annotation, often the largest part of
    /// such a document), a ConfigMap's data (read only while its own file is checked), and
    /// the pod spec fields no cross-resource check reads.
    static func omittedPairs(of resource: Resource) -> [MappingPair] {
        var omitted: [MappingPair] = []
        let document = resource.node.document
        // A workload's unread pod spec and container fields: a dozen pairs or so, in one allocation.
        if resource.workloadKind != nil { omitted.reserveCapacity(16) }
        // `omitted` passed in, not captured: a captured variable is boxed, and every append
        // to it went through the runtime's exclusivity check.
        func omitPairs(of mapping: UInt32, into omitted: inout [MappingPair], where leftOut: (_ key: UInt32) -> Bool) {
            document.forEachPair(of: mapping) { key, _ in
                if leftOut(key) { omitted.append(MappingPair(mapping: mapping, key: key)) }
            }
        }
        // Every pair with the key, duplicates included (the parser reports them and keeps them).
        func omit(_ name: String, of mapping: YAMLNode?) {
            // A lookup first (it compares keys' prints, not their text): the key is usually absent.
            guard let mapping, mapping.isMapping, mapping[name] != nil else { return }
            omitPairs(of: mapping.id, into: &omitted) { document.node($0).scalarEquals(name) }
        }
        omit("status", of: resource.node)
        omit("managedFields", of: resource.metadata.node)
        omit(lastApplied, of: resource.metadata.node?["annotations"])
        if resource.kind == "ConfigMap", resource.identity.group.isEmpty {
            omit("data", of: resource.node)
            omit("binaryData", of: resource.node)
        }
        guard resource.workloadKind != nil, workloadGroups.contains(resource.identity.group) else { return omitted }
        // Scalar keys not in the lists; anything else is left as it is.
        func unread(_ fields: [[UInt8]]) -> (UInt32) -> Bool {
            { key in document.kind(of: key) == .scalar && !isKey(key, oneOf: fields, in: document) }
        }
        for spec in PodSpec.all(of: resource) {
            omitPairs(of: spec.node.id, into: &omitted, where: unread(podSpecFields))
            for container in spec.allContainers { omitPairs(of: container.node.id, into: &omitted, where: unread(containerFields)) }
        }
        return omitted
    }

    /// Whether scalar key `id` is one of `fields`, compared as bytes (this runs for every key
    /// of every pod spec of the run).
    private static func isKey(_ id: UInt32, oneOf fields: [[UInt8]], in document: YAMLDocument) -> Bool {
        document.withScalarBytes(of: id) { key in
            fields.contains { $0.count == key.count && $0.elementsEqual(key) }
        }
    }
}
