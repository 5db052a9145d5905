import YAMLTree

/// A label selector (`matchLabels` + `matchExpressions`), or the plain map form Services use.
public struct LabelSelector: Sendable {
    public enum Operator: String, Sendable { case `in` = "In", notIn = "NotIn", exists = "Exists", doesNotExist = "DoesNotExist" }

    public struct Requirement: Sendable {
        public var key: String
        public var op: Operator
        public var values: [String]
    }

    public var matchLabels: [String: String]
    public var requirements: [Requirement]
    /// Operators that are not valid; such a selector is rejected by the API server.
    public var invalidOperators: [YAMLNode]

    /// The `LabelSelector` form (`matchLabels`/`matchExpressions`).
    public init(selector node: YAMLNode?) {
        matchLabels = StringMap(node: node?["matchLabels"]).dictionary
        requirements = []
        invalidOperators = []
        for expression in node?["matchExpressions"]?.listItems ?? [] {
            guard let key = expression["key"]?.scalar else { continue }
            guard let opNode = expression["operator"], let op = opNode.scalar.flatMap(Operator.init(rawValue:)) else {
                if let opNode = expression["operator"] { invalidOperators.append(opNode) }
                continue
            }
            let values = expression["values"]?.listItems.compactMap(\.scalar) ?? []
            requirements.append(Requirement(key: key, op: op, values: values))
        }
    }

    /// The plain map form (`Service.spec.selector`).
    public init(map node: YAMLNode?) {
        matchLabels = StringMap(node: node).dictionary
        requirements = []
        invalidOperators = []
    }

    public var isEmpty: Bool { matchLabels.isEmpty && requirements.isEmpty }

    public func matches(_ labels: [String: String]) -> Bool {
        for (k, v) in matchLabels where labels[k] != v { return false }
        for r in requirements {
            switch r.op {
            case .in: guard let v = labels[r.key], r.values.contains(v) else { return false }
            case .notIn: if let v = labels[r.key], r.values.contains(v) { return false }
            case .exists: if labels[r.key] == nil { return false }
            case .doesNotExist: if labels[r.key] != nil { return false }
            }
        }
        return true
    }
}

extension YAMLNode {
    /// The items of a sequence as an array; empty for anything else.
    public var listItems: [YAMLNode] { isSequence ? Array(items) : [] }
}
