import CEL
import Models
import Policies
import YAMLTree

/// Evaluates `x-kubernetes-validations` at the schema node where they are declared, with
/// `self` bound to the value there, as the API server does on create.
enum ValidationRules {
    static func evaluate(_ rules: [OpenAPISchema.ValidationRule], on node: YAMLNode, anchor: YAMLNode,
                         path: String) -> [CustomResourceIssue] {
        var issues: [CustomResourceIssue] = []
        let selfValue = YAMLCEL.value(node)
        for rule in rules {
            // Transition rules compare with the stored object; on create there is none, so the
            // API server skips them unless `optionalOldSelf` asks for `oldSelf` as an optional.
            let transition = mentionsOldSelf(rule.rule)
            if transition && !rule.optionalOldSelf { continue }
            guard case .success(let program) = CompiledRules.program(rule.rule) else { continue }
            var activation = CELActivation(["self": selfValue])
            activation.bind("oldSelf", to: rule.optionalOldSelf ? .optional(nil) : .null)
            let target = rule.fieldPath.flatMap { locate($0, from: node) } ?? (node.isScalar ? node : anchor)
            let where_ = rule.fieldPath.map { path == "<root>" ? String($0.drop { $0 == "." }) : path + $0 } ?? path
            let reason = rule.reason.map { " (\($0))" } ?? ""
            switch program.evaluate(activation) {
            case .success(.bool(true)):
                continue
            case .success(.bool(false)):
                var message = rule.message ?? "failed rule: \(rule.rule)"
                if let expression = rule.messageExpression, case .success(let p) = CompiledRules.program(expression),
                   case .success(.string(let text)) = p.evaluate(activation), !text.isEmpty {
                    message = text
                }
                issues.append(CustomResourceIssue(kind: .validationRule, message: "\(where_): \(message)\(reason)",
                                                  node: target, path: where_))
            case .success(let other):
                issues.append(CustomResourceIssue(kind: .validationRule,
                                                  message: "\(where_): rule \(rule.rule) returned \(other.type), not a bool",
                                                  node: target, path: where_))
            case .failure(let error):
                issues.append(CustomResourceIssue(kind: .validationRule,
                                                  message: "\(where_): rule \(rule.rule) failed: \(error.message)",
                                                  node: target, path: where_))
            }
        }
        return issues
    }

    /// Whether the expression names `oldSelf` (outside string literals, roughly).
    static func mentionsOldSelf(_ source: String) -> Bool {
        var inString: Character?
        var word = ""
        for c in source {
            if let q = inString {
                if c == q { inString = nil }
                continue
            }
            if c == "\"" || c == "'" { inString = c; word = ""; continue }
            if c.isLetter || c.isNumber || c == "_" {
                word.append(c)
            } else {
                if word == "oldSelf" { return true }
                word = ""
            }
        }
        return word == "oldSelf"
    }

    /// The node a rule's `fieldPath` names, relative to `self` (`.spec.replicas`,
    /// `.items[0]`, `['a.b']`).
    static func locate(_ fieldPath: String, from node: YAMLNode) -> YAMLNode? {
        var current = node
        var rest = Substring(fieldPath)
        while !rest.isEmpty {
            if rest.hasPrefix(".") {
                rest = rest.dropFirst()
                let name = rest.prefix { $0 != "." && $0 != "[" }
                guard let next = current[String(name)] else { return nil }
                current = next
                rest = rest.dropFirst(name.count)
            } else if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]") else { return nil }
                var inner = rest[rest.index(after: rest.startIndex) ..< close]
                rest = rest[rest.index(after: close)...]
                if let i = Int(inner) {
                    guard current.isSequence, i >= 0, i < current.count else { return nil }
                    current = current.items[i]
                } else {
                    inner = inner.trimmingQuotes
                    guard let next = current[String(inner)] else { return nil }
                    current = next
                }
            } else {
                return nil
            }
        }
        return current
    }
}

extension Substring {
    fileprivate var trimmingQuotes: Substring {
        var s = self
        if let f = s.first, f == "'" || f == "\"" { s = s.dropFirst() }
        if let l = s.last, l == "'" || l == "\"" { s = s.dropLast() }
        return s
    }
}
