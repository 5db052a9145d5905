import CEL
import YAMLTree

/// Exposes parsed YAML to CEL the way the API server exposes an unstructured object: maps
/// with string keys, lists, and scalars typed by YAML 1.1 rules (int, double, bool, null,
/// string). Mappings stay lazy: a field is converted only when an expression reads it, so a
/// rule that looks at `object.spec.replicas` never touches the rest of the manifest.
public enum YAMLCEL {
    /// Nesting bound for eager list conversion; the YAML layer already bounds depth to 256,
    /// this keeps the bridge safe on trees built by other means.
    static let maxDepth = 256

    /// The CEL value of a node.
    public static func value(_ node: YAMLNode) -> CELValue {
        value(node, depth: 0)
    }

    static func value(_ node: YAMLNode, depth: Int) -> CELValue {
        if node.isMapping { return .hostMap(CELHostMap(node.document, position: node.id, depth: UInt16(clamping: depth))) }
        if node.isSequence {
            // Items that are mappings stay lazy; only nested lists recurse, bounded by depth.
            guard depth < maxDepth else { return .list([]) }
            return .list(node.items.map { value($0, depth: depth + 1) })
        }
        return scalar(node)
    }

    /// A scalar typed as the Kubernetes decoder types it.
    static func scalar(_ node: YAMLNode) -> CELValue {
        switch node.resolvedType {
        case .null: return .null
        case .bool: return node.boolValue.map(CELValue.bool) ?? .string(node.scalar ?? "")
        case .int:
            if let i = node.intValue { return .int(i) }
            // Beyond 64 bits JSON decoding yields a float64.
            return Double((node.scalar ?? "").filter { $0 != "_" }).map(CELValue.double) ?? .string(node.scalar ?? "")
        case .float: return node.doubleValue.map(CELValue.double) ?? .string(node.scalar ?? "")
        case .string: return .string(node.scalar ?? "")
        }
    }
}

/// A YAML document as the host of its mappings: the map at `position` is the mapping node
/// with that id. Keys are the scalar texts (JSON keys are strings); on duplicate keys the
/// first wins, as `YAMLNode[key]` does. The conformance lives here, in the module that
/// bridges the two: the YAML layer knows nothing of CEL.
extension YAMLDocument: CELMapHost {
    public func value(forKey key: String, in map: CELHostMap) -> CELValue? {
        guard map.depth < YAMLCEL.maxDepth, let child = node(map.position)[key] else { return nil }
        return YAMLCEL.value(child, depth: Int(map.depth) + 1)
    }

    /// Presence without converting the value.
    public func hasKey(_ key: String, in map: CELHostMap) -> Bool {
        map.depth < YAMLCEL.maxDepth && node(map.position)[key] != nil
    }

    public func keys(in map: CELHostMap) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for (k, _) in node(map.position).pairs {
            guard let text = k.scalar, seen.insert(text).inserted else { continue }
            out.append(text)
        }
        return out
    }
}
