import KubeFormats
import YAMLTree

/// Kind, namespace and name: how findings and cross-resource checks name an object.
public struct ResourceIdentity: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var apiVersion: String {
        didSet { group = Self.group(of: apiVersion) }
    }
    public var kind: String
    public var namespace: String?
    public var name: String?

    public init(apiVersion: String, kind: String, namespace: String?, name: String?) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
        group = Self.group(of: apiVersion)
    }

    /// The API group, "" for the core group. Stored: rules ask for it on every resource.
    public private(set) var group: String

    static func group(of apiVersion: String) -> String {
        // In the contiguous bytes: a Character search costs more than the rest of decoding a
        // resource, and a search of the UTF-8 view steps through it a code unit at a time.
        apiVersion.withUTF8Bytes { b in
            guard let slash = b.firstIndex(of: UInt8(ascii: "/")) else { return "" }
            let group = UnsafeBufferPointer(rebasing: b[..<slash])
            return StringTable.kubernetes.string(for: group) ?? String(decoding: group, as: UTF8.self)
        }
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.kind, a.namespace ?? "", a.name ?? "", a.apiVersion) < (b.kind, b.namespace ?? "", b.name ?? "", b.apiVersion)
    }

    /// `Kind/namespace/name`, or `Kind/name` when there is no namespace.
    public var description: String {
        // Appended into one reserved string: reports ask for it once per finding, and the
        // array, compactMap and joined it was built with cost more than the rest of a result.
        let shownName = name ?? "<unnamed>"
        var text = ""
        text.reserveCapacity(kind.utf8.count + (namespace.map { $0.utf8.count + 1 } ?? 0) + 1 + shownName.utf8.count)
        text += kind
        text += "/"
        if let namespace {
            text += namespace
            text += "/"
        }
        text += shownName
        return text
    }
}

/// One Kubernetes object from a manifest: its envelope, decoded once, and its node, from
/// which typed views (`PodTemplate`, `Service`, …) read the rest with positions intact.
///
/// A class, not a struct: every rule and index passes resources around, and a reference
/// costs one retain where a struct of strings and nodes cost a dozen. It is immutable.
public final class Resource: Sendable {
    public let node: YAMLNode
    public let identity: ResourceIdentity
    /// The node that defines the object's `metadata`, if any.
    public let metadata: ObjectMeta
    /// The built-in workload kind, worked out once: many rules ask for every resource.
    public let workloadKind: WorkloadKind?
    /// Paths of pod templates configured for this kind (`podTemplatePaths` in `.palisade.yaml`),
    /// attached when the resource is decoded so every rule sees them.
    public let podTemplatePaths: [String]
    /// The pod templates of the object (see `PodTemplate.all(of:)`), found once when it is
    /// decoded: some forty rules ask for them. Nodes, not `PodTemplate`s, which point back
    /// at their owner.
    @usableFromInline let podTemplateNodes: [PodTemplateNodes]
    /// `spec`, looked up once: most rules start there.
    public let spec: YAMLNode?
    /// Helm's `# Source:` template path for the document the object came from.
    public var sourceTemplate: String? { node.document.sourceComment }
    /// Whether the object carries a pod template (see `PodTemplate.all(of:)`).
    public var hasPodTemplates: Bool { !podTemplateNodes.isEmpty }

    public init(node: YAMLNode, podTemplatePaths: [String] = []) {
        self.node = node
        spec = node["spec"]
        let meta = ObjectMeta(node: node["metadata"])
        metadata = meta
        // Worked out in locals and stored last: read back through `self`, the identity was
        // copied (five strings retained) for each use.
        let identity = ResourceIdentity(apiVersion: node["apiVersion"]?.scalar(in: .kubernetes) ?? "",
                                        kind: node["kind"]?.scalar(in: .kubernetes) ?? "",
                                        namespace: meta.namespace, name: meta.name)
        let workloadKind = WorkloadKind(rawValue: identity.kind)
        self.workloadKind = workloadKind
        self.podTemplatePaths = podTemplatePaths
        podTemplateNodes = PodTemplate.templateNodes(node: node, identity: identity, workloadKind: workloadKind,
                                                     configuredPaths: podTemplatePaths)
            .map(PodTemplateNodes.init(template:))
        self.identity = identity
    }

    private init(node: YAMLNode, identity: ResourceIdentity, metadata: ObjectMeta, workloadKind: WorkloadKind?,
                 podTemplatePaths: [String], podTemplateNodes: [PodTemplateNodes], spec: YAMLNode?) {
        self.node = node
        self.identity = identity
        self.metadata = metadata
        self.workloadKind = workloadKind
        self.podTemplatePaths = podTemplatePaths
        self.podTemplateNodes = podTemplateNodes
        self.spec = spec
    }

    /// The same resource read from `document`, a copy of part of its own document
    /// (`YAMLDocument.subtree`) whose ids `newID` maps from the old ones: what was decoded
    /// is carried over rather than decoded again. The copy must keep the resource's node, its
    /// pod templates and their containers; a node it dropped reads as absent.
    public func moved(to document: YAMLDocument, newID: (UInt32) -> UInt32?) -> Resource? {
        func move(_ node: YAMLNode?) -> YAMLNode? { node.flatMap { newID($0.id) }.map { YAMLNode(document: document, id: $0) } }
        guard let root = move(node) else { return nil }
        var templates: [PodTemplateNodes] = []
        templates.reserveCapacity(podTemplateNodes.count)
        for t in podTemplateNodes {
            guard let template = move(t.template) else { return nil }
            var spec: PodSpec?
            if let old = t.spec {
                guard let specNode = move(old.node) else { return nil }
                var containers: [Container] = []
                containers.reserveCapacity(old.allContainers.count)
                for c in old.allContainers {
                    guard let moved = move(c.node) else { return nil }
                    containers.append(Container(node: moved, kind: c.kind))
                }
                spec = PodSpec(node: specNode, allContainers: containers)
            }
            templates.append(PodTemplateNodes(template: template, spec: spec))
        }
        return Resource(node: root, identity: identity, metadata: ObjectMeta(node: move(metadata.node)),
                        workloadKind: workloadKind, podTemplatePaths: podTemplatePaths, podTemplateNodes: templates,
                        spec: move(spec))
    }

    public var kind: String { identity.kind }
    public var apiVersion: String { identity.apiVersion }
    public var name: String? { identity.name }
    public var namespace: String? { identity.namespace }
    public var file: String { node.file }
    public var position: SourcePosition { node.position }

    public subscript(key: String) -> YAMLNode? { node[key] }
}

/// `metadata` of an object.
public struct ObjectMeta: Sendable {
    public let node: YAMLNode?

    public init(node: YAMLNode?) { self.node = node }

    public var name: String? { node?["name"]?.scalar.flatMap { $0.isEmpty ? nil : $0 } }
    public var namespace: String? { node?["namespace"]?.scalar.flatMap { $0.isEmpty ? nil : $0 } }
    public var labels: StringMap { StringMap(node: node?["labels"]) }
    public var annotations: StringMap { StringMap(node: node?["annotations"]) }
}

/// A `map[string]string` field (labels, annotations, selectors, ConfigMap data).
public struct StringMap: Sendable, Sequence {
    public let node: YAMLNode?

    public init(node: YAMLNode?) { self.node = node }

    public var isEmpty: Bool { (node?.pairs.count ?? 0) == 0 }
    public var count: Int { node?.pairs.count ?? 0 }

    public subscript(key: String) -> String? { node?[key]?.scalar }

    public func valueNode(_ key: String) -> YAMLNode? { node?[key] }

    public consuming func makeIterator() -> Iterator { Iterator(pairs: node?.pairs.makeIterator()) }

    /// The entries with scalar keys, in source order. A concrete iterator, not `AnyIterator`:
    /// rules walk the labels and annotations of every resource, and a type-erased iterator
    /// is an allocation each time.
    public struct Iterator: IteratorProtocol {
        var pairs: MappingPairs.Iterator?

        public mutating func next() -> (key: String, value: String, keyNode: YAMLNode, valueNode: YAMLNode)? {
            while let (k, v) = pairs?.next() {
                guard let key = k.scalar(in: .kubernetes) else { continue }
                return (key, v.scalar ?? "", k, v)
            }
            return nil
        }
    }

    /// The map as a dictionary (later keys win; duplicates are reported by the YAML layer).
    public var dictionary: [String: String] {
        // Sized at once: grown from empty, a map of two labels was reallocated and rehashed.
        var result = [String: String](minimumCapacity: count)
        for entry in self { result[entry.key] = entry.value }
        return result
    }
}

