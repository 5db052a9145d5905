import Engine
import Models
import YAMLTree

/// Reads `apiVersion: palisade.dev/v1, kind: Policy` documents.
enum NativePolicyParser {
    /// `builtin`: a policy of `policies/`, whose rule ids are not prefixed with its name.
    static func parse(_ root: FieldReader, builtin: Bool) throws(PolicyError) -> NativePolicy {
        try root.allowOnly(["apiVersion", "kind", "metadata", "spec"])
        let metadata = try root.requiredMapping("metadata")
        let name = try metadata.requiredString("name")
        let spec = try root.requiredMapping("spec")
        try spec.allowOnly(["description", "area", "match", "variables", "rules"])
        let variables = try PolicyParsing.variables(spec, names: CompiledExpression.nativeVariables)
        let ruleReaders = try spec.mappings("rules")
        guard !ruleReaders.isEmpty else { throw PolicyError("spec.rules must list at least one rule", at: spec.node) }
        var rules: [NativeRule] = []
        var ids = Set<String>()
        for r in ruleReaders {
            let rule = try self.rule(r)
            guard ids.insert(rule.id).inserted else { throw PolicyError("duplicate rule id '\(rule.id)'", at: r.node) }
            rules.append(rule)
        }
        return NativePolicy(name: name, file: root.node.file, position: root.node.position,
                            description: try spec.string("description"),
                            area: try spec.string("area") ?? "policies", ruleIDPrefix: builtin ? "" : name + "/",
                            match: try spec.mapping("match").map { (m) throws(PolicyError) in try match(m, allowExclude: true) }
                                ?? PolicyMatch(),
                            variables: variables, rules: rules)
    }

    static func match(_ m: FieldReader, allowExclude: Bool) throws(PolicyError) -> PolicyMatch {
        try m.allowOnly(allowExclude ? ["kinds", "apiGroups", "namespaces", "labelSelector", "exclude"]
                                     : ["kinds", "apiGroups", "namespaces", "labelSelector"])
        var match = PolicyMatch()
        match.kinds = try m.strings("kinds")
        match.apiGroups = try m.strings("apiGroups")
        match.namespaces = try m.strings("namespaces")
        if let s = try m.mapping("labelSelector") { match.labelSelector = try PolicyParsing.selector(s) }
        if allowExclude, let e = m.node("exclude") {
            // One exclusion or a list of them.
            if e.isSequence {
                for (i, item) in e.items.enumerated() {
                    match.exclude.append(try self.match(try FieldReader(item, path: m.child("exclude") + "[\(i)]"), allowExclude: false))
                }
            } else {
                match.exclude.append(try self.match(try FieldReader(e, path: m.child("exclude")), allowExclude: false))
            }
        }
        return match
    }

    static func rule(_ r: FieldReader) throws(PolicyError) -> NativeRule {
        try r.allowOnly(["id", "severity", "expression", "message", "messageExpression", "summary", "rationale",
                         "remediation", "fieldPath", "reportAt", "examples", "enabled"])
        let id = try r.requiredString("id")
        guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            throw PolicyError("\(r.child("id")) '\(id)' may hold only letters, digits, '-', '_' and '.'", at: r.node["id"] ?? r.node)
        }
        var severity = Severity.warning
        if let s = try r.string("severity") {
            guard let parsed = Severity(name: s) else {
                throw PolicyError("\(r.child("severity")) must be error, warning or info", at: r.node["severity"] ?? r.node)
            }
            severity = parsed
        }
        guard let expressionNode = r.node("expression") else { throw PolicyError("\(r.child("expression")) is required", at: r.node) }
        let message = try r.string("message")
        let messageExpression = try r.node("messageExpression").map { (n) throws(PolicyError) in
            try CompiledExpression(n, field: r.child("messageExpression"), variables: CompiledExpression.nativeVariables)
        }
        guard message != nil || messageExpression != nil else {
            throw PolicyError("\(r.path) needs message or messageExpression", at: r.node)
        }
        var enabled = true
        if let e = r.node("enabled") {
            guard let b = e.boolValue else { throw PolicyError("\(r.child("enabled")) must be true or false", at: e) }
            enabled = b
        }
        var reportAtKey = false
        if let at = try r.string("reportAt") {
            guard at == "key" || at == "value" else {
                throw PolicyError("\(r.child("reportAt")) must be key or value", at: r.node["reportAt"] ?? r.node)
            }
            reportAtKey = at == "key"
        }
        var pass: [RuleExample] = [], fail: [RuleExample] = []
        if let examples = try r.mapping("examples") {
            try examples.allowOnly(["pass", "fail"])
            pass = try examples.sequence("pass").map { (n) throws(PolicyError) in try example(n, failing: false) }
            fail = try examples.sequence("fail").map { (n) throws(PolicyError) in try example(n, failing: true) }
        }
        return NativeRule(
            id: id, severity: severity,
            expression: try CompiledExpression(expressionNode, field: r.child("expression"),
                                               variables: CompiledExpression.nativeVariables),
            message: message, messageExpression: messageExpression,
            summary: try r.string("summary"), rationale: try r.string("rationale"),
            remediation: try r.string("remediation") ?? "",
            fieldPath: try r.node("fieldPath").map { (n) throws(PolicyError) in try fieldPath(n) },
            reportAtKey: reportAtKey, enabled: enabled, passExamples: pass, failExamples: fail)
    }

    /// A manifest, or `{object: manifest, at: "line:column"}` (or a list of positions) for a
    /// failing example whose finding position is checked. Positions count in the example as
    /// `palisade explain` prints it: block style, two-space indentation, line 1 = apiVersion.
    static func example(_ node: YAMLNode, failing: Bool) throws(PolicyError) -> RuleExample {
        guard node.isMapping else { throw PolicyError("an example must be a Kubernetes object (a mapping)", at: node) }
        guard node["object"] != nil else { return RuleExample(YAMLEmitter.document(node)) }
        let wrapper = try FieldReader(node, path: "example")
        try wrapper.allowOnly(failing ? ["object", "at"] : ["object"])
        let object = try wrapper.requiredMapping("object")
        var example = RuleExample(YAMLEmitter.document(object.node))
        if let at = wrapper.node("at") {
            if at.isSequence {
                example.positions = try wrapper.strings("at")
            } else {
                example.positions = [try wrapper.requiredString("at")]
            }
            for p in example.positions where !isPosition(p) {
                throw PolicyError("example.at: '\(p)' is not line:column", at: at)
            }
        }
        return example
    }

    private static func isPosition(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { Int($0).map { $0 > 0 } ?? false }
    }

    /// `spec.containers[0].image`; keys with dots are written in brackets:
    /// `metadata.labels['app.kubernetes.io/name']`. Or a mapping from kind (or `*`) to such a path.
    static func fieldPath(_ node: YAMLNode) throws(PolicyError) -> FieldPath {
        guard node.isMapping else { return FieldPath(byKind: ["*": try segments(node)]) }
        var byKind: [String: [FieldPathSegment]] = [:]
        for (k, v) in node.pairs {
            guard let kind = k.scalar, !kind.isEmpty else { throw PolicyError("fieldPath keys must be kinds or *", at: k) }
            byKind[kind] = try segments(v)
        }
        guard !byKind.isEmpty else { throw PolicyError("fieldPath must not be empty", at: node) }
        return FieldPath(byKind: byKind)
    }

    private static func segments(_ node: YAMLNode) throws(PolicyError) -> [FieldPathSegment] {
        guard node.isScalar, let text = node.scalar, let segments = FieldPathSegment.parse(text) else {
            throw PolicyError("fieldPath must be a dotted path such as spec.template.spec.containers[0]", at: node)
        }
        return segments
    }
}

extension FieldPathSegment {
    /// Parses `a.b[0].c['x.y']`; nil when malformed.
    static func parse(_ text: String) -> [FieldPathSegment]? {
        var out: [FieldPathSegment] = []
        var chars = Substring(text)
        while !chars.isEmpty {
            if chars.first == "." { chars.removeFirst(); continue }
            if chars.first == "[" {
                chars.removeFirst()
                guard let close = chars.firstIndex(of: "]") else { return nil }
                var inner = chars[..<close]
                chars = chars[chars.index(after: close)...]
                if let q = inner.first, q == "'" || q == "\"", inner.count >= 2, inner.last == q {
                    inner = inner.dropFirst().dropLast()
                    out.append(.key(String(inner)))
                } else if let i = Int(inner), i >= 0 {
                    out.append(.index(i))
                } else {
                    return nil
                }
                continue
            }
            let end = chars.firstIndex { $0 == "." || $0 == "[" } ?? chars.endIndex
            out.append(.key(String(chars[..<end])))
            chars = chars[end...]
        }
        return out.isEmpty ? nil : out
    }
}
