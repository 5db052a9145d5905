import YAMLTree

/// Something in a document that is not a Kubernetes object the checker can use.
public struct DecodeIssue: Sendable {
    public enum Kind: Sendable, Equatable {
        /// A mapping without `apiVersion` or `kind`: some other YAML file (values, CI config).
        case notAResource
        /// The document (or a `List` item) is not a mapping at all.
        case notAnObject
        /// `apiVersion` or `kind` is not a string.
        case badEnvelope
    }

    public var kind: Kind
    public var message: String
    public var node: YAMLNode
}

/// Turns documents into resources: one per document, or one per item of a `kind: List`.
public enum ResourceDecoder {
    /// - Parameter podTemplatePaths: configured pod template paths by `Kind` or `group/Kind`.
    public static func resources(in document: YAMLDocument, podTemplatePaths: [String: [String]] = [:])
        -> (resources: [Resource], issues: [DecodeIssue]) {
        var resources: [Resource] = []
        var issues: [DecodeIssue] = []
        decode(document.root, into: &resources, &issues, insideList: false, podTemplatePaths)
        return (resources, issues)
    }

    private static func decode(_ node: YAMLNode, into resources: inout [Resource], _ issues: inout [DecodeIssue],
                               insideList: Bool, _ podTemplatePaths: [String: [String]]) {
        guard node.isMapping else {
            issues.append(DecodeIssue(kind: .notAnObject,
                                      message: insideList ? "List item is not an object" : "document is not a mapping; not a Kubernetes object",
                                      node: node))
            return
        }
        let apiVersion = node["apiVersion"]
        let kind = node["kind"]
        guard let apiVersion, let kind else {
            let missing = [apiVersion == nil ? "apiVersion" : nil, kind == nil ? "kind" : nil].compactMap { $0 }
            issues.append(DecodeIssue(kind: .notAResource,
                                      message: "document has no \(missing.joined(separator: " or ")); not a Kubernetes object, skipped",
                                      node: node))
            return
        }
        guard apiVersion.isScalar, apiVersion.resolvedType == .string, kind.isScalar, kind.resolvedType == .string else {
            let bad = apiVersion.isScalar && apiVersion.resolvedType == .string ? kind : apiVersion
            issues.append(DecodeIssue(kind: .badEnvelope, message: "apiVersion and kind must be strings", node: bad))
            return
        }
        // `kind: List` (what `kubectl get -o yaml` writes) and any `*List` kind hold objects in `items`.
        if let kindName = kind.scalar, kindName == "List" || (kindName.hasSuffix("List") && node["items"] != nil),
           let items = node["items"], items.isSequence, node["spec"] == nil {
            for item in items.items { decode(item, into: &resources, &issues, insideList: true, podTemplatePaths) }
            return
        }
        var paths: [String] = []
        if !podTemplatePaths.isEmpty, let kindName = kind.scalar {
            let group = apiVersion.scalar.map(ResourceIdentity.group(of:)) ?? ""
            paths = (podTemplatePaths[kindName] ?? []) + (podTemplatePaths[group + "/" + kindName] ?? [])
        }
        resources.append(Resource(node: node, podTemplatePaths: paths))
    }
}
