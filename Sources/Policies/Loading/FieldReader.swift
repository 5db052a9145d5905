import YAMLTree

/// Typed access to the fields of a policy document, throwing `PolicyError`s that point at
/// the offending node. `path` is the dotted location used in messages (`spec.rules[2]`).
struct FieldReader {
    let node: YAMLNode
    let path: String

    init(_ node: YAMLNode, path: String) throws(PolicyError) {
        guard node.isMapping else { throw PolicyError("\(path) must be a mapping", at: node) }
        self.node = node
        self.path = path
    }

    func child(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    func node(_ key: String) -> YAMLNode? {
        guard let n = node[key], !(n.isScalar && n.resolvedType == .null) else { return nil }
        return n
    }

    func mapping(_ key: String) throws(PolicyError) -> FieldReader? {
        guard let n = node(key) else { return nil }
        return try FieldReader(n, path: child(key))
    }

    func requiredMapping(_ key: String) throws(PolicyError) -> FieldReader {
        guard let m = try mapping(key) else { throw PolicyError("\(child(key)) is required", at: node) }
        return m
    }

    func string(_ key: String) throws(PolicyError) -> String? {
        guard let n = node(key) else { return nil }
        guard n.isScalar, let s = n.scalar else { throw PolicyError("\(child(key)) must be a string", at: n) }
        return s
    }

    func requiredString(_ key: String) throws(PolicyError) -> String {
        guard let s = try string(key), !s.isEmpty else { throw PolicyError("\(child(key)) is required", at: node) }
        return s
    }

    func sequence(_ key: String) throws(PolicyError) -> [YAMLNode] {
        guard let n = node(key) else { return [] }
        guard n.isSequence else { throw PolicyError("\(child(key)) must be a list", at: n) }
        return Array(n.items)
    }

    /// Items of a list that must be mappings, with their paths.
    func mappings(_ key: String) throws(PolicyError) -> [FieldReader] {
        var out: [FieldReader] = []
        for (i, item) in try sequence(key).enumerated() {
            out.append(try FieldReader(item, path: "\(child(key))[\(i)]"))
        }
        return out
    }

    func strings(_ key: String) throws(PolicyError) -> [String] {
        var out: [String] = []
        for item in try sequence(key) {
            guard item.isScalar, let s = item.scalar else { throw PolicyError("\(child(key)) must be a list of strings", at: item) }
            out.append(s)
        }
        return out
    }

    /// Rejects fields this format does not know, so a typo is not silently ignored.
    func allowOnly(_ keys: Set<String>) throws(PolicyError) {
        for (k, _) in node.pairs where !keys.contains(k.scalar ?? "") {
            throw PolicyError("unknown field \(child(k.scalar ?? "?")); expected one of \(keys.sorted().joined(separator: ", "))", at: k)
        }
    }
}
