import Engine
import KubeFormats
import Models
import YAMLTree

/// Shared helpers of the hygiene rules: container walking, anchors for missing fields and
/// finding positions inside scalars.
enum Hygiene {
    /// Calls `body` for every container of the resource's pod template, in source order
    /// (init, regular, ephemeral), skipping the kinds not asked for.
    static func forEachContainer(_ resource: Resource, initContainers: Bool = true, ephemeral: Bool = true,
                                 _ body: (PodTemplate, Container) -> Void) {
        for template in PodTemplate.all(of: resource) {
            guard let spec = template.spec else { continue }
            if initContainers { for c in spec.initContainers { body(template, c) } }
            for c in spec.containers { body(template, c) }
            if ephemeral { for c in spec.ephemeralContainers { body(template, c) } }
        }
    }

    /// Where a finding about a field missing from a container goes: the container's `name`
    /// value, or the container mapping when it has no name.
    static func anchor(of container: Container) -> YAMLNode {
        container.nameNode ?? container.node
    }

    /// `container "web"` / `init container "setup"`, for messages.
    static func describe(_ container: Container) -> String {
        "\(container.kind.rawValue) \"\(container.name ?? "<unnamed>")\""
    }

    /// Where a finding about a missing pod-level setting goes: the template's `spec` key.
    static func specAnchor(of template: PodTemplate) -> YAMLNode {
        template.node.keyNode("spec") ?? template.node
    }

    /// The key that follows `key` in `mapping`, in source order (to tell that a scalar
    /// with spaces fits on one line).
    static func key(after key: String, in mapping: YAMLNode?) -> YAMLNode? {
        guard let mapping else { return nil }
        var found = false
        for (k, _) in mapping.pairs {
            if found { return k }
            if k.scalarEquals(key) { found = true }
        }
        return nil
    }

    /// The key node of the pair after the one whose key is `key` in `mapping`, if any (the
    /// `next` of `column(of:offset:next:)`, looked up only for a finding).
    static func key(after key: UInt32, in mapping: YAMLNode) -> YAMLNode? {
        var found = false
        for (k, _) in mapping.pairs {
            if found { return k }
            if k.id == key { found = true }
        }
        return nil
    }

    /// The pairs of a mapping, each with the key that follows it (for `column(of:offset:next:)`).
    static func entries(_ mapping: YAMLNode) -> MappingEntries { MappingEntries(pairs: mapping.pairs) }

    /// The 1-based column of the character `offset` (in Unicode scalars) inside a scalar, when
    /// it can be known from the decoded text: a plain scalar, or a quoted one without quotes,
    /// escapes or control characters, written on one line. A scalar without blanks cannot
    /// have been folded; one with blanks is single-line when `next` (the following key of
    /// the same mapping) starts on the same or the next line.
    static func column(of node: YAMLNode, offset: Int, next: YAMLNode?) -> Int? {
        guard node.isScalar, node.tag == nil, let text = node.scalar, offset >= 0,
              offset <= text.unicodeScalars.count else { return nil }
        var lead = 0
        switch node.style {
        case .plain:
            break
        case .singleQuoted:
            if text.utf8.contains(0x27) { return nil }
            lead = 1
        case .doubleQuoted:
            if text.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 < 0x20 || $0 == 0x7F }) { return nil }
            lead = 1
        case .literal, .folded:
            return nil
        }
        if text.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }) {
            guard let next, next.position.line <= node.position.line + 1 else { return nil }
        }
        return node.position.column + lead + offset
    }

    /// Parses a container's image; nil when the container has no image or it does not parse
    /// (`invalid-image-reference` reports those).
    static func image(of container: Container) -> (node: YAMLNode, text: String, reference: ImageReference)? {
        guard let node = container.image, node.isScalar, let text = node.scalar,
              case .success(let reference) = ImageReference.parse(text) else { return nil }
        return (node, text, reference)
    }

    /// Whether the resource's pods run until stopped (controllers other than Jobs, and bare
    /// Pods whose restartPolicy is Always or unset).
    static func isLongRunning(_ template: PodTemplate) -> Bool {
        guard let kind = template.workloadKind, !kind.runsToCompletion else { return false }
        if kind == .pod, let policy = template.spec?.restartPolicy?.scalar, policy != "Always" { return false }
        return true
    }

    /// Kinds whose objects are not namespaced.
    static let clusterScopedKinds: Set<String> = [
        "Namespace", "Node", "PersistentVolume", "StorageClass", "ClusterRole", "ClusterRoleBinding",
        "CustomResourceDefinition", "PriorityClass", "RuntimeClass", "IngressClass", "CSIDriver", "CSINode",
        "VolumeAttachment", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
        "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy",
        "MutatingAdmissionPolicyBinding", "APIService", "CertificateSigningRequest", "FlowSchema",
        "PriorityLevelConfiguration", "PodSecurityPolicy", "ComponentStatus", "TokenReview",
        "SelfSubjectAccessReview", "SelfSubjectRulesReview", "SelfSubjectReview", "SubjectAccessReview",
        "DeviceClass", "ResourceSlice", "VolumeAttributesClass", "IPAddress", "ServiceCIDR", "GatewayClass",
    ]
}

extension FindingSink {
    /// A finding at the character `offset` of a scalar when its column can be known exactly
    /// (see `Hygiene.column`), else at the scalar.
    mutating func report(_ message: String, at node: YAMLNode, offset: Int?, next: YAMLNode?, in resource: Resource,
                         severity: Severity? = nil, container: String? = nil) {
        let column = offset.flatMap { Hygiene.column(of: node, offset: $0, next: next) }
        report(message, at: node, in: resource, severity: severity, container: container, column: column)
    }
}

/// The pairs of a mapping, each with the key that follows it, read one step ahead instead of
/// copied into arrays first (asked for every labels and requests/limits mapping).
struct MappingEntries: Sequence {
    let pairs: MappingPairs

    func makeIterator() -> Iterator { Iterator(base: pairs.makeIterator()) }

    struct Iterator: IteratorProtocol {
        var base: MappingPairs.Iterator
        var pending: (key: YAMLNode, value: YAMLNode)?
        var started = false

        init(base: MappingPairs.Iterator) { self.base = base }

        mutating func next() -> (key: YAMLNode, value: YAMLNode, next: YAMLNode?)? {
            if !started {
                started = true
                pending = base.next()
            }
            guard let current = pending else { return nil }
            pending = base.next()
            return (current.key, current.value, pending?.key)
        }
    }
}
