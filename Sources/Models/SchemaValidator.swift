import YAMLTree

/// A place where a manifest does not fit the API schema of its kind.
public struct SchemaIssue: Sendable {
    public enum Kind: Sendable, Equatable {
        /// A key the kind does not have (typo, wrong case, lost indentation).
        case unknownField
        /// A value of the wrong JSON type.
        case wrongType
        /// A string field holding an unquoted YAML 1.1 boolean (`yes`, `no`, `on`, …).
        case yaml11Boolean
    }

    public var kind: Kind
    public var message: String
    /// The key for unknown fields, the value for type errors.
    public var node: YAMLNode
    /// Dotted path with indices, e.g. `spec.template.spec.volumes[0].Secret`.
    public var path: String
}

/// Checks a resource against the field tables of its kind, as the API server's strict
/// decoder would, and explains each mismatch.
public enum SchemaValidator {
    public static func validate(_ resource: Resource) -> [SchemaIssue] {
        guard let schema = KindSchemas.schema(apiVersion: resource.apiVersion, kind: resource.kind) else { return [] }
        var walk = SchemaWalk(document: resource.node.document)
        defer { walk.path.deallocate() }
        withExtendedLifetime(schema) {
            walk.check(resource.node.id, against: .object(.passUnretained(schema)), in: walk.document)
        }
        return walk.issues
    }
}

/// One validation pass over a resource's nodes by id: the document is held once for the
/// walk, and a `YAMLNode` (with its retain of the document) is made only for an issue.
private struct SchemaWalk {
    let document: YAMLDocument
    var path = FieldPath()
    var issues: [SchemaIssue] = []

    init(document: YAMLDocument) { self.document = document }

    /// `document` is `self.document`, passed along: read through `self` (inout), it was
    /// retained and released around every read of each field.
    mutating func check(_ id: UInt32, against type: WalkType, in document: YAMLDocument) {
        let kind = document.kind(of: id)
        let resolved = kind == .scalar ? document.resolvedType(of: id) : .string
        // null is "not set" for every field.
        if kind == .scalar, resolved == .null { return }
        switch type {
        case .any:
            return
        case .string:
            guard kind == .scalar else { return wrong(id, "a string") }
            switch resolved {
            case .string: return
            case .bool where document.isYAML11OnlyBoolean(id):
                let text = document.node(id).scalar ?? ""
                issues.append(SchemaIssue(
                    kind: .yaml11Boolean,
                    message: "\(path.text(in: document)) is a string, but unquoted \(text) is read as a boolean by Kubernetes' YAML 1.1 decoder; quote it: \"\(text)\"",
                    node: document.node(id), path: path.text(in: document)))
            default:
                wrong(id, "a string", hint: "quote it: \"\(document.node(id).scalar ?? "")\"")
            }
        case .integer:
            guard kind == .scalar, resolved == .int else { return wrong(id, "an integer") }
        case .number:
            guard kind == .scalar, resolved == .int || resolved == .float else { return wrong(id, "a number") }
        case .boolean:
            guard kind == .scalar, resolved == .bool else {
                let text = document.node(id).scalar
                let hint = kind == .scalar && (text == "true" || text == "false") ? "remove the quotes" : nil
                return wrong(id, "a boolean", hint: hint)
            }
        case .intOrString:
            guard kind == .scalar, resolved == .int || resolved == .string else { return wrong(id, "an integer or a string") }
        case .quantity:
            guard kind == .scalar, resolved != .bool else { return wrong(id, "a quantity (string or number)") }
        case .array(let box):
            guard kind == .sequence else { return wrong(id, "a list") }
            let element = box._withUnsafeGuaranteedRef { $0.type }
            document.forEachItem(of: id) { i, item in
                path.push(index: i)
                check(item, against: element, in: document)
                path.pop()
            }
        case .map(let box):
            guard kind == .mapping else { return wrong(id, "a map") }
            let element = box._withUnsafeGuaranteedRef { $0.type }
            document.forEachPair(of: id) { key, value in
                path.push(key: key)
                check(value, against: element, in: document)
                path.pop()
            }
        case .object(let reference):
            reference._withUnsafeGuaranteedRef { schema in
            guard kind == .mapping else { return wrong(id, "an object (\(schema.name))") }
            schema.walkTypes.withUnsafeBufferPointer { types in
                document.forEachPair(of: id) { key, value in
                    path.push(key: key)
                    // Looked up by the key's bytes: no String per key on the clean path.
                    if let index = document.withScalarBytes(of: key, { schema.fieldIndex(named: $0) }) {
                        check(value, against: types[index], in: document)
                    } else {
                        issues.append(SchemaIssue(kind: .unknownField,
                                                  message: unknownFieldMessage(document.node(key).scalar ?? "", in: schema),
                                                  node: document.node(key), path: path.text(in: document)))
                    }
                    path.pop()
                }
            }
            }
        }
    }

    private mutating func wrong(_ id: UInt32, _ expected: String, hint: String? = nil) {
        let node = document.node(id)
        let found: String
        switch node.kind {
        case .mapping: found = "a map"
        case .sequence: found = "a list"
        case .scalar:
            switch node.resolvedType {
            case .bool: found = "the boolean \(node.scalar ?? "")"
            case .int, .float: found = "the number \(node.scalar ?? "")"
            case .null: found = "null"
            case .string: found = "the string \"\(node.scalar ?? "")\""
            }
        }
        let text = path.text(in: document)
        var message = "\(text) must be \(expected), found \(found)"
        if let hint { message += "; \(hint)" }
        issues.append(SchemaIssue(kind: .wrongType, message: message, node: node, path: text))
    }

    private func unknownFieldMessage(_ name: String, in schema: ObjectSchema) -> String {
        var message = "unknown field \"\(name)\" in \(schema.name) at \(path.text(in: document))"
        if let suggestion = FieldSuggestion.suggest(name, in: schema) {
            message += "; did you mean \"\(suggestion)\"?"
        }
        return message
    }
}

/// The path the walk has descended, kept as key node ids and indices; the dotted text is
/// built only when an issue is reported, so walking a clean manifest allocates no strings.
/// The steps live in storage the walk owns (`deallocate()` when done): a push and a pop per
/// field of every resource were an array's uniqueness and capacity checks each.
struct FieldPath {
    /// A key's node id, or an index when `key` is `Step.index`.
    private struct Step {
        static let index = UInt32.max
        var key: UInt32
        var index: Int
    }

    private var steps: UnsafeMutablePointer<Step>
    private var capacity = 32
    private var count = 0

    init() { steps = .allocate(capacity: capacity) }

    func deallocate() { steps.deallocate() }

    mutating func push(key: UInt32) {
        reserveOne()
        steps[count] = Step(key: key, index: 0)
        count += 1
    }

    mutating func push(index: Int) {
        reserveOne()
        steps[count] = Step(key: Step.index, index: index)
        count += 1
    }

    mutating func pop() { count -= 1 }

    private mutating func reserveOne() {
        guard count == capacity else { return }
        let bigger = UnsafeMutablePointer<Step>.allocate(capacity: capacity * 2)
        bigger.initialize(from: steps, count: count)
        steps.deallocate()
        steps = bigger
        capacity *= 2
    }

    func text(in document: YAMLDocument) -> String {
        var result = ""
        for step in UnsafeBufferPointer(start: steps, count: count) {
            if step.key == Step.index {
                result += "[\(step.index)]"
            } else {
                let name = document.node(step.key).scalar ?? "?"
                result += result.isEmpty ? name : "." + name
            }
        }
        return result.isEmpty ? "<root>" : result
    }
}

/// "Did you mean" for unknown fields: a field of the same name in another case, a close
/// spelling, or — for lost indentation — the nested path where a field of that name lives.
enum FieldSuggestion {
    static func suggest(_ name: String, in schema: ObjectSchema) -> String? {
        let lower = name.lowercased()
        if let sameCase = schema.fields.first(where: { $0.name.lowercased() == lower }) { return sameCase.name }
        var best: (name: String, distance: Int)?
        for field in schema.fields {
            let d = editDistance(lower, field.name.lowercased(), limit: 2)
            if d <= min(2, max(1, name.count / 4)), d < (best?.distance ?? .max) { best = (field.name, d) }
        }
        if let best { return best.name }
        return nestedPath(of: name, in: schema)
    }

    /// Breadth-first search (three levels) for a field of that exact name below the schema.
    private static func nestedPath(of name: String, in schema: ObjectSchema) -> String? {
        var queue: [(ObjectSchema, String, Int)] = [(schema, "", 0)]
        var head = 0
        while head < queue.count {
            let (current, prefix, depth) = queue[head]
            head += 1
            for field in current.fields {
                let path = prefix.isEmpty ? field.name : prefix + "." + field.name
                if field.name == name, depth > 0 { return path }
                guard depth < 3 else { continue }
                switch field.type {
                case .object(let child): queue.append((child, path, depth + 1))
                case .array(.object(let child)): queue.append((child, path + "[]", depth + 1))
                default: break
                }
            }
        }
        return nil
    }

    /// Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
        let x = Array(a.utf8), y = Array(b.utf8)
        if abs(x.count - y.count) > limit { return limit + 1 }
        var previous = Array(0 ... y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1 ... max(x.count, 1) where !x.isEmpty {
            current[0] = i
            var rowMin = current[0]
            for j in 1 ... max(y.count, 1) where !y.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return x.isEmpty ? y.count : previous[y.count]
    }
}
