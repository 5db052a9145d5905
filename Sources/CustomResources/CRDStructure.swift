import CEL
import Models
import YAMLTree

/// Problems of a CRD manifest itself: what the API server refuses when the CRD is applied.
enum CRDStructure {
    struct Problem {
        var message: String
        var node: YAMLNode
    }

    static let types: Set<String> = ["object", "array", "string", "integer", "number", "boolean"]
    static let forbidden = ["$ref", "$schema", "id", "definitions", "dependencies", "additionalItems", "patternProperties"]
    static let junctors = ["allOf", "anyOf", "oneOf", "not"]

    /// Every version's schema with the key it hangs from.
    static func schemas(of resource: Resource) -> [(version: YAMLNode, key: YAMLNode, schema: YAMLNode)] {
        guard resource.kind == "CustomResourceDefinition" else { return [] }
        var result: [(YAMLNode, YAMLNode, YAMLNode)] = []
        for version in resource.spec?["versions"]?.listItems ?? [] {
            guard let holder = version["schema"], let schema = holder["openAPIV3Schema"],
                  let key = holder.keyNode("openAPIV3Schema") else { continue }
            result.append((version, key, schema))
        }
        return result
    }

    /// Structural-schema violations of one version's schema.
    static func structural(_ schema: YAMLNode, key: YAMLNode) -> [Problem] {
        var problems: [Problem] = []
        walk(schema, anchor: key, path: "openAPIV3Schema", root: true, inJunctor: false, depth: 0, &problems)
        return problems
    }

    private static func walk(_ node: YAMLNode, anchor: YAMLNode, path: String, root: Bool, inJunctor: Bool, depth: Int,
                             _ problems: inout [Problem]) {
        guard node.isMapping, depth < 100 else { return }
        func add(_ message: String, _ at: YAMLNode) { problems.append(Problem(message: "\(path): \(message)", node: at)) }
        for name in forbidden {
            if let k = node.keyNode(name) { add("\(name) is not allowed in a structural schema", k) }
        }
        if node["uniqueItems"]?.boolValue == true, let k = node.keyNode("uniqueItems") {
            add("uniqueItems cannot be true (quadratic to check); use x-kubernetes-list-type: set", k)
        }
        let type = node["type"]?.scalar
        let intOrString = node["x-kubernetes-int-or-string"]?.boolValue == true
        let preserve = node["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
        if let type, let t = node["type"] {
            if !types.contains(type) { add("type \"\(type)\" is not one of \(types.sorted().joined(separator: ", "))", t) }
            if intOrString { add("type must not be set with x-kubernetes-int-or-string: true", t) }
        } else if !inJunctor && !intOrString && !preserve {
            add("every schema node needs a type (or x-kubernetes-int-or-string / x-kubernetes-preserve-unknown-fields)", anchor)
        }
        if root, let type, type != "object", let t = node["type"] { add("the root type must be object", t) }
        if node["properties"] != nil, let a = node.keyNode("additionalProperties") {
            add("properties and additionalProperties are mutually exclusive", a)
        }
        if type == "array", node["items"] == nil, !inJunctor { add("type array needs items", node["type"] ?? anchor) }
        if let items = node["items"], items.isSequence, let k = node.keyNode("items") {
            add("items must be a single schema, not a list", k)
        }
        if node["x-kubernetes-embedded-resource"]?.boolValue == true, type != nil, type != "object" {
            add("x-kubernetes-embedded-resource needs type object", node["type"] ?? anchor)
        }
        if let pattern = node["pattern"], let text = pattern.scalar, let error = Patterns.compileError(text) {
            add("pattern does not compile: \(error)", pattern)
        }
        if let listType = node["x-kubernetes-list-type"], let value = listType.scalar {
            if !["atomic", "set", "map"].contains(value) {
                add("x-kubernetes-list-type must be atomic, set or map", listType)
            } else if type != "array" {
                add("x-kubernetes-list-type applies to arrays only", listType)
            } else if value == "map" {
                let keys = node["x-kubernetes-list-map-keys"]?.listItems.compactMap(\.scalar) ?? []
                if keys.isEmpty {
                    add("x-kubernetes-list-type: map needs x-kubernetes-list-map-keys", listType)
                } else if let itemProps = node["items"]?["properties"] {
                    for key in keys where itemProps[key] == nil {
                        add("list map key \"\(key)\" is not a property of the items", node["x-kubernetes-list-map-keys"] ?? listType)
                    }
                }
            }
        }
        if let props = node["properties"], props.isMapping {
            for (k, v) in props.pairs {
                walk(v, anchor: k, path: path + ".properties." + (k.scalar ?? "?"), root: false, inJunctor: inJunctor,
                     depth: depth + 1, &problems)
            }
        }
        if let items = node["items"], items.isMapping, let k = node.keyNode("items") {
            walk(items, anchor: k, path: path + ".items", root: false, inJunctor: inJunctor, depth: depth + 1, &problems)
        }
        if let additional = node["additionalProperties"], additional.isMapping, let k = node.keyNode("additionalProperties") {
            walk(additional, anchor: k, path: path + ".additionalProperties", root: false, inJunctor: inJunctor,
                 depth: depth + 1, &problems)
        }
        for name in junctors {
            guard let j = node[name] else { continue }
            for (i, sub) in (j.isSequence ? Array(j.items) : [j]).enumerated() {
                walk(sub, anchor: node.keyNode(name) ?? anchor, path: path + ".\(name)[\(i)]", root: false, inJunctor: true,
                     depth: depth + 1, &problems)
            }
        }
    }

    /// `x-kubernetes-validations` entries of a schema tree, with the path of their node.
    static func validationRules(_ node: YAMLNode, path: String, depth: Int = 0) -> [(path: String, entry: YAMLNode)] {
        guard node.isMapping, depth < 100 else { return [] }
        var result: [(String, YAMLNode)] = (node["x-kubernetes-validations"]?.listItems ?? []).map { (path, $0) }
        if let props = node["properties"] {
            for (k, v) in props.pairs {
                result += validationRules(v, path: path + ".properties." + (k.scalar ?? "?"), depth: depth + 1)
            }
        }
        for name in ["items", "additionalProperties"] {
            if let child = node[name] { result += validationRules(child, path: path + "." + name, depth: depth + 1) }
        }
        return result
    }

    /// Why a CEL expression does not compile, with its place inside the expression.
    static func compileProblem(_ source: String) -> String? {
        guard case .failure(let error) = CompiledRules.program(source) else { return nil }
        let place = error.line > 1 ? "line \(error.line), column \(error.column)" : "column \(error.column)"
        return "\(error.message) at \(place) of the expression"
    }
}
