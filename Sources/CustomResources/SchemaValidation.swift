import CEL
import Models
import YAMLTree

/// A place where a custom resource does not fit its CRD.
public struct CustomResourceIssue: Sendable {
    public enum Kind: Sendable, Equatable {
        /// Types, unknown fields, required, enum, pattern, format, bounds, list uniqueness.
        case schema
        /// An `x-kubernetes-validations` rule that evaluates to false (or fails).
        case validationRule
    }

    public var kind: Kind
    public var message: String
    public var node: YAMLNode
    /// Dotted path with indices, `<root>` for the object.
    public var path: String
}

/// Decodes a custom resource against a CRD version's `openAPIV3Schema` the way the API
/// server's strict field validation and CRD validation would.
public struct CustomResourceValidator {
    public var evaluateRules = true
    private(set) var issues: [CustomResourceIssue] = []
    private var components: [String] = []

    public init(evaluateRules: Bool = true) { self.evaluateRules = evaluateRules }

    /// Issues of `resource` against `schema` (the root `openAPIV3Schema`).
    public static func validate(_ resource: Resource, against schema: OpenAPISchema,
                                evaluateRules: Bool = true) -> [CustomResourceIssue] {
        var v = CustomResourceValidator(evaluateRules: evaluateRules)
        v.check(resource.node, schema, anchor: resource.node, root: true, depth: 0)
        return v.issues
    }

    var path: String {
        var result = ""
        for c in components {
            if c.hasPrefix("[") || result.isEmpty { result += c } else { result += "." + c }
        }
        return result.isEmpty ? "<root>" : result
    }

    mutating func add(_ kind: CustomResourceIssue.Kind, _ message: String, _ node: YAMLNode) {
        issues.append(CustomResourceIssue(kind: kind, message: message, node: node, path: path))
    }

    /// `anchor` is where findings about the value as a whole go (its key, or the item).
    mutating func check(_ node: YAMLNode, _ schema: OpenAPISchema, anchor: YAMLNode, root: Bool, depth: Int) {
        guard depth < 200 else { return }
        if node.isScalar, node.resolvedType == .null {
            if !schema.nullable {
                add(.schema, "\(path) is null, but the schema does not allow null (nullable is not set); the API server drops the field", node)
            }
            return
        }
        guard checkType(node, schema) else { return }
        if let values = schema.enumValues, !values.contains(where: { Self.same(node, $0) }) {
            let list = values.map { Self.display($0) }.joined(separator: ", ")
            var message = "\(path) must be one of \(list), found \(Self.display(node))"
            if let text = node.scalar, let close = Suggest.closest(text, values.compactMap(\.scalar)) {
                message += "; did you mean \"\(close)\"?"
            }
            add(.schema, message, node)
        }
        if node.isScalar { checkScalar(node, schema) }
        if node.isSequence { checkList(node, schema, depth: depth) }
        if node.isMapping { checkObject(node, schema, anchor: anchor, root: root, depth: depth) }
        if evaluateRules, !schema.validations.isEmpty {
            for issue in ValidationRules.evaluate(schema.validations, on: node, anchor: anchor, path: path) {
                issues.append(issue)
            }
        }
    }

    /// Whether the value has the schema's type (reporting it when not); false stops descent.
    mutating func checkType(_ node: YAMLNode, _ schema: OpenAPISchema) -> Bool {
        let expected: String
        let ok: Bool
        if schema.intOrString {
            expected = "an integer or a string"
            ok = node.isScalar && (node.resolvedType == .int || node.resolvedType == .string)
        } else {
            switch schema.type {
            case "object"?: expected = "an object"; ok = node.isMapping
            case "array"?: expected = "a list"; ok = node.isSequence
            case "string"?: expected = "a string"; ok = node.isScalar && node.resolvedType == .string
            case "integer"?: expected = "an integer"; ok = node.isScalar && node.resolvedType == .int
            case "number"?: expected = "a number"; ok = node.isScalar && (node.resolvedType == .int || node.resolvedType == .float)
            case "boolean"?: expected = "a boolean"; ok = node.isScalar && node.resolvedType == .bool
            default: return true
            }
        }
        if ok { return true }
        var message = "\(path) must be \(expected), found \(Self.describe(node))"
        if schema.type == "string" || schema.intOrString, node.isScalar {
            message += "; quote it: \"\(node.scalar ?? "")\""
        } else if schema.type == "boolean", node.isScalar, node.scalar == "true" || node.scalar == "false" {
            message += "; remove the quotes"
        } else if schema.type == "integer" || schema.type == "number", node.isScalar, node.resolvedType == .string,
                  Double(node.scalar ?? "") != nil {
            message += "; remove the quotes"
        }
        add(.schema, message, node)
        return false
    }

    mutating func checkScalar(_ node: YAMLNode, _ schema: OpenAPISchema) {
        let text = node.scalar ?? ""
        if node.resolvedType == .string {
            let length = Int64(text.unicodeScalars.count)
            if let min = schema.minLength, length < min {
                add(.schema, "\(path) must be at least \(min) characters long, found \(length)", node)
            }
            if let max = schema.maxLength, length > max {
                add(.schema, "\(path) must be at most \(max) characters long, found \(length)", node)
            }
            if let pattern = schema.pattern, let matched = Patterns.matches(text, pattern), !matched {
                add(.schema, "\(path) \"\(text)\" does not match the pattern \(pattern)", node)
            }
        }
        if let format = schema.format, let problem = Formats.check(node, format: format) {
            add(.schema, "\(path) \(problem)", node)
        }
        if node.resolvedType == .int || node.resolvedType == .float,
           let value = node.doubleValue ?? node.intValue.map(Double.init) {
            if let min = schema.minimum, schema.exclusiveMinimum ? value <= min : value < min {
                add(.schema, "\(path) must be \(schema.exclusiveMinimum ? "greater than" : "at least") \(Self.number(min)), found \(text)", node)
            }
            if let max = schema.maximum, schema.exclusiveMaximum ? value >= max : value > max {
                add(.schema, "\(path) must be \(schema.exclusiveMaximum ? "less than" : "at most") \(Self.number(max)), found \(text)", node)
            }
        }
    }

    mutating func checkList(_ node: YAMLNode, _ schema: OpenAPISchema, depth: Int) {
        let count = Int64(node.count)
        if let min = schema.minItems, count < min { add(.schema, "\(path) must have at least \(min) items, found \(count)", node) }
        if let max = schema.maxItems, count > max { add(.schema, "\(path) must have at most \(max) items, found \(count)", node) }
        if schema.uniqueItems || schema.listType == "set" {
            var seen: [String: Int] = [:]
            for (i, item) in node.items.enumerated() {
                let key = Self.canonical(item)
                if let first = seen[key] {
                    components.append("[\(i)]")
                    add(.schema, "\(path) duplicates item \(first) (\(Self.display(item))); \(schema.listType == "set" ? "a list of type set" : "uniqueItems") needs unique items", item)
                    components.removeLast()
                } else {
                    seen[key] = i
                }
            }
        }
        if schema.listType == "map", !schema.listMapKeys.isEmpty {
            var seen: [String: Int] = [:]
            for (i, item) in node.items.enumerated() where item.isMapping {
                let key = schema.listMapKeys.map { item[$0].map(Self.canonical) ?? "∅" }.joined(separator: "\u{0}")
                if let first = seen[key] {
                    let values = schema.listMapKeys.map { "\($0)=\(item[$0].map(Self.display) ?? "<unset>")" }
                    components.append("[\(i)]")
                    add(.schema, "\(path) has a second item with \(values.joined(separator: ", ")) (first is item \(first)); x-kubernetes-list-map-keys must be unique", item[schema.listMapKeys[0]] ?? item)
                    components.removeLast()
                } else {
                    seen[key] = i
                }
            }
        }
        guard let items = schema.items else { return }
        for (i, item) in node.items.enumerated() {
            components.append("[\(i)]")
            check(item, items, anchor: item, root: false, depth: depth + 1)
            components.removeLast()
        }
    }

    mutating func checkObject(_ node: YAMLNode, _ schema: OpenAPISchema, anchor: YAMLNode, root: Bool, depth: Int) {
        let count = Int64(node.pairs.count)
        if let min = schema.minProperties, count < min { add(.schema, "\(path) must have at least \(min) fields, found \(count)", anchor) }
        if let max = schema.maxProperties, count > max { add(.schema, "\(path) must have at most \(max) fields, found \(count)", anchor) }
        // apiVersion, kind and metadata are implied at the root and in embedded resources.
        let implied = root || schema.embeddedResource
        if schema.embeddedResource {
            for field in ["apiVersion", "kind"] where node[field]?.scalar.map({ !$0.isEmpty }) != true {
                add(.schema, "\(path) is an embedded resource and must set \(field)", anchor)
            }
        }
        for name in schema.required where node[name] == nil {
            add(.schema, "\(path == "<root>" ? "" : path + ".")\(name) is required", anchor)
        }
        for (key, value) in node.pairs {
            let name = key.scalar ?? ""
            components.append(name)
            defer { components.removeLast() }
            if implied, name == "apiVersion" || name == "kind" || name == "metadata", schema.property(name) == nil {
                continue
            }
            if let child = schema.property(name) {
                check(value, child, anchor: key, root: false, depth: depth + 1)
            } else if case .schema(let child)? = schema.additionalProperties {
                check(value, child, anchor: key, root: false, depth: depth + 1)
            } else if case .allowed(true)? = schema.additionalProperties {
                continue
            } else if schema.preserveUnknownFields {
                continue
            } else if schema.type == "object" || !schema.properties.isEmpty {
                var message = "unknown field \"\(name)\" at \(path)"
                if let suggestion = Suggest.field(name, in: schema) { message += "; did you mean \"\(suggestion)\"?" }
                add(.schema, message, key)
            }
        }
    }

    // MARK: - Value helpers

    static func describe(_ node: YAMLNode) -> String {
        switch node.kind {
        case .mapping: return "an object"
        case .sequence: return "a list"
        case .scalar:
            switch node.resolvedType {
            case .bool: return "the boolean \(node.scalar ?? "")"
            case .int, .float: return "the number \(node.scalar ?? "")"
            case .null: return "null"
            case .string: return "the string \"\(node.scalar ?? "")\""
            }
        }
    }

    static func display(_ node: YAMLNode) -> String {
        guard node.isScalar else { return node.isMapping ? "{…}" : "[…]" }
        return node.resolvedType == .string ? "\"\(node.scalar ?? "")\"" : (node.scalar ?? "")
    }

    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }

    /// Equality of JSON values, for `enum`.
    static func same(_ a: YAMLNode, _ b: YAMLNode) -> Bool { canonical(a) == canonical(b) }

    /// A canonical text of a JSON value: numbers by value, map keys sorted.
    static func canonical(_ node: YAMLNode) -> String {
        if node.isMapping {
            let pairs = node.pairs.map { (k: $0.key.scalar ?? "", v: canonical($0.value)) }.sorted { $0.k < $1.k }
            return "{" + pairs.map { "\($0.k.debugDescription):\($0.v)" }.joined(separator: ",") + "}"
        }
        if node.isSequence { return "[" + node.items.map(canonical).joined(separator: ",") + "]" }
        switch node.resolvedType {
        case .null: return "null"
        case .bool: return node.boolValue == true ? "true" : "false"
        case .int, .float:
            if let i = node.intValue { return "n" + String(i) }
            return "n" + String(node.doubleValue ?? 0)
        case .string: return (node.scalar ?? "").debugDescription
        }
    }
}

/// "Did you mean": a name in another case, a close spelling, or (for lost indentation) the
/// nested path where a field of that name lives.
enum Suggest {
    static func field(_ name: String, in schema: OpenAPISchema) -> String? {
        let names = schema.properties.map(\.name)
        if let close = closest(name, names) { return close }
        var queue: [(OpenAPISchema, String, Int)] = [(schema, "", 0)]
        var head = 0
        while head < queue.count {
            let (current, prefix, depth) = queue[head]
            head += 1
            for (field, child) in current.properties {
                let path = prefix.isEmpty ? field : prefix + "." + field
                if field == name, depth > 0 { return path }
                guard depth < 3 else { continue }
                queue.append((child, path, depth + 1))
                if let items = child.items { queue.append((items, path + "[]", depth + 1)) }
            }
        }
        return nil
    }

    static func closest(_ name: String, _ candidates: [String]) -> String? {
        let lower = name.lowercased()
        if let same = candidates.first(where: { $0.lowercased() == lower && $0 != name }) { return same }
        var best: (String, Int)?
        for c in candidates where c != name {
            let d = distance(lower, c.lowercased(), limit: 2)
            if d <= min(2, max(1, name.count / 4)), d < (best?.1 ?? .max) { best = (c, d) }
        }
        return best?.0
    }

    /// Edit distance counting a swap of neighbours as one edit (optimal string alignment),
    /// giving up once it exceeds `limit`.
    static func distance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var before = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0 ... y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1 ... x.count {
            current[0] = i
            var rowMin = i
            for j in 1 ... y.count {
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d = min(d, before[j - 2] + 1) }
                current[j] = d
                rowMin = min(rowMin, d)
            }
            if rowMin > limit { return limit + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[y.count]
    }
}
